// The Settings window's preferences: notifications, launch at login (asked of the OS and read
// back from it) and the download folder. A refused change says why and changes nothing.
import { SettingsUpdateError } from '../settings';
import type { PreferencesView, RequestParsed } from '../../contract';
import type { LaunchAtLoginPort, SettingsPort } from './deps';
import { CoreError } from './errors';

export class Preferences {
  constructor(
    private readonly settings: SettingsPort,
    private readonly launchAtLogin: LaunchAtLoginPort,
  ) {}

  view(): PreferencesView {
    const saved = this.settings.get();
    const login = this.launchAtLogin.get();
    return {
      notifications: { enabled: saved.notifications.enabled, onHotkeyConfirm: saved.notifications.onHotkeyConfirm },
      launchAtLogin: { enabled: login.enabled, supported: login.supported, message: login.message },
      downloadDir: saved.downloadDir,
    };
  }

  update(patch: RequestParsed<'settings:update'>): PreferencesView {
    const { launchAtLogin, ...rest } = patch;
    if (Object.keys(rest).length > 0) this.write(rest);
    if (launchAtLogin !== undefined) {
      const state = this.launchAtLogin.set(launchAtLogin);
      if (!state.supported) throw new CoreError('validation', state.message);
      // Saved as the OS now holds it, so the next start shows the truth even if the OS refused.
      this.write({ launchAtLogin: state.enabled });
      if (state.enabled !== launchAtLogin) {
        throw new CoreError('storage', state.message ?? `The system did not ${launchAtLogin ? 'add' : 'remove'} the login item`);
      }
    }
    return this.view();
  }

  private write(patch: Record<string, unknown>): void {
    const written = this.settings.update(patch);
    if (!written.ok) throw new CoreError(written.error instanceof SettingsUpdateError ? 'validation' : 'storage', written.error.message);
  }
}
