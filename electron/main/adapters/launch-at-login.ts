// Launch at login through the OS: app.setLoginItemSettings on macOS and Windows. Electron has no
// such API on Linux, and a development build would register the bare Electron binary, so both
// report "unsupported" with what to do instead; the state is always read back from the OS.
import { app } from 'electron';

export type LaunchAtLoginState =
  | { readonly supported: true; readonly enabled: boolean; readonly message: string | null }
  | { readonly supported: false; readonly enabled: false; readonly message: string };

export const LINUX_UNSUPPORTED =
  'Launch at login cannot be set from the app on Linux — add Recall Remote to your desktop\'s startup applications (GNOME: Tweaks › Startup Applications; KDE: System Settings › Autostart)';
export const DEV_UNSUPPORTED = 'Launch at login is only available in the installed app, not in a development build';

export interface LaunchAtLoginOptions {
  /** Default `process.platform`. */
  platform?: string;
  /** Default `app.isPackaged`. */
  isPackaged?: boolean;
}

export interface LaunchAtLogin {
  get(): LaunchAtLoginState;
  /** Asks the OS, then reports what it actually holds now. */
  set(enabled: boolean): LaunchAtLoginState;
}

export function createLaunchAtLogin(opts: LaunchAtLoginOptions = {}): LaunchAtLogin {
  const platform = opts.platform ?? process.platform;
  const isPackaged = opts.isPackaged ?? app.isPackaged;
  const unsupported = platform === 'darwin' || platform === 'win32' ? (isPackaged ? null : DEV_UNSUPPORTED) : LINUX_UNSUPPORTED;

  const get = (): LaunchAtLoginState => {
    if (unsupported !== null) return { supported: false, enabled: false, message: unsupported };
    const settings = app.getLoginItemSettings();
    if (platform === 'darwin' && settings.status === 'requires-approval') {
      return { supported: true, enabled: false, message: 'macOS needs your approval: allow Recall Remote in System Settings › General › Login Items' };
    }
    return { supported: true, enabled: settings.openAtLogin, message: null };
  };

  return {
    get,
    set(enabled) {
      if (unsupported !== null) return get();
      try {
        app.setLoginItemSettings({ openAtLogin: enabled });
      } catch (error) {
        return { supported: true, enabled: get().enabled, message: `The system refused to change launch at login: ${error instanceof Error ? error.message : String(error)}` };
      }
      const state = get();
      if (state.message === null && state.enabled !== enabled) {
        return { ...state, message: `The system did not ${enabled ? 'add' : 'remove'} the login item — check the OS login items settings` };
      }
      return state;
    },
  };
}
