// The hotkey map on Electron's globalShortcut: registers what planRegistration says, records each
// binding's outcome (false from register = another app holds the keys; a throw = Electron refused
// the accelerator), routes presses to the HotkeyDispatcher, and releases only its own shortcuts.
// On Linux Wayland, shortcuts go through the xdg GlobalShortcuts portal (Electron ≥ 35, behind
// Chromium's GlobalShortcutsPortal feature), where a successful register() is no guarantee.
import { globalShortcut } from 'electron';
import type { CommandLine } from 'electron';
import { applyRegistrationResults, perAction, planRegistration } from '../../core/hotkeys';
import type { HotkeyAction, HotkeyBindings, HotkeyOutcome, RegisterResult, RegisteredSet, RegistrationStatuses } from '../../core/hotkeys';

export const SHORTCUT_PORTAL_FEATURE = 'GlobalShortcutsPortal';

export type EnvLike = Readonly<Record<string, string | undefined>>;

export interface ShortcutSession {
  /** A Linux Wayland session: the desktop decides, via the portal, whether shortcuts fire. */
  readonly wayland: boolean;
  /** 'enabled' = the portal feature was switched on; 'disabled' = the user turned it off on the command line. */
  readonly portal: 'enabled' | 'disabled' | 'not_needed';
}

export function isWaylandSession(env: EnvLike, platform: string): boolean {
  if (platform !== 'linux') return false;
  return env.XDG_SESSION_TYPE?.toLowerCase() === 'wayland' || Boolean(env.WAYLAND_DISPLAY?.trim());
}

function featureList(value: string): string[] {
  return value
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

/**
 * Call BEFORE app `ready` (Chromium reads features at startup). On Linux Wayland, adds
 * GlobalShortcutsPortal to `--enable-features`, keeping features already there (Chromium
 * honours only the last `--enable-features` switch, so the value is merged, not appended).
 */
export function configureLinuxShortcutPortal(
  app: { readonly commandLine: Pick<CommandLine, 'appendSwitch' | 'hasSwitch' | 'getSwitchValue'> },
  env: EnvLike,
  platform: string = process.platform,
): ShortcutSession {
  if (!isWaylandSession(env, platform)) return { wayland: false, portal: 'not_needed' };
  const { commandLine } = app;
  const disabled = commandLine.hasSwitch('disable-features') ? featureList(commandLine.getSwitchValue('disable-features')) : [];
  if (disabled.includes(SHORTCUT_PORTAL_FEATURE)) return { wayland: true, portal: 'disabled' };
  const enabled = commandLine.hasSwitch('enable-features') ? featureList(commandLine.getSwitchValue('enable-features')) : [];
  if (!enabled.includes(SHORTCUT_PORTAL_FEATURE)) commandLine.appendSwitch('enable-features', [...enabled, SHORTCUT_PORTAL_FEATURE].join(','));
  return { wayland: true, portal: 'enabled' };
}

export const WAYLAND_UNRELIABLE_NOTE =
  'On Wayland the desktop decides whether global shortcuts work: some desktops ask you to confirm or assign them in their settings, and a shortcut shown as registered may still do nothing. If one does not react, use the tray menu or bind a system shortcut to `recall-remote pause BOT`.';

export const PORTAL_DISABLED_REASON =
  'Global shortcuts are off in this Wayland session because the GlobalShortcutsPortal feature was disabled on the command line — use the tray menu, or bind a system shortcut to `recall-remote pause BOT`';

export interface ShortcutReport {
  readonly statuses: RegistrationStatuses;
  /** False on Wayland: "registered" only means the request was accepted. */
  readonly reliable: boolean;
  /** Why not reliable, for Settings; null when reliable. */
  readonly note: string | null;
}

export interface GlobalShortcutsOptions {
  /** Receives every press; its outcome goes to the notifier it was built with. */
  dispatcher: { dispatch(action: HotkeyAction): Promise<HotkeyOutcome> };
  /** Default `process.platform`. */
  platform?: string;
  /** From configureLinuxShortcutPortal; default: not Wayland. */
  session?: ShortcutSession;
  /** Every new report (after apply and resume), for Settings and the tray. */
  onReport?: (report: ShortcutReport) => void;
  log?: (message: string) => void;
}

export interface GlobalShortcuts {
  /** Registers `bindings`, changing only what differs from what is held now. */
  apply(bindings: HotkeyBindings): ShortcutReport;
  report(): ShortcutReport;
  /**
   * While the Settings shortcut recorder listens, our shortcuts must not fire (the keys would
   * never reach the recorder). Changes applied meanwhile take effect on resume.
   */
  setSuspended(suspended: boolean): void;
  /** Releases every shortcut this adapter registered (and no other). */
  dispose(): void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function installGlobalShortcuts(opts: GlobalShortcutsOptions): GlobalShortcuts {
  const platform = opts.platform ?? process.platform;
  const session = opts.session ?? { wayland: false, portal: 'not_needed' };
  const log = opts.log ?? (() => undefined);
  const supported = !(session.wayland && session.portal === 'disabled');
  const reliable = !session.wayland;
  let registered: RegisteredSet = {};
  // Nothing is registered until the first apply: every action reads as unbound.
  let current = applyRegistrationResults(planRegistration({}, perAction(() => null)), {});
  let suspended = false;
  let pending: HotkeyBindings | null = null;

  const makeReport = (): ShortcutReport => Object.freeze({ statuses: current.statuses, reliable, note: reliable ? null : WAYLAND_UNRELIABLE_NOTE });

  const press = (action: HotkeyAction): void => {
    opts.dispatcher.dispatch(action).catch((error: unknown) => log(`shortcut ${action} failed: ${errorText(error)}`));
  };

  const register = (bindings: HotkeyBindings): ShortcutReport => {
    const plan = planRegistration(registered, bindings, {
      platform,
      supported,
      ...(supported ? {} : { unsupportedReason: PORTAL_DISABLED_REASON }),
    });
    for (const accelerator of plan.unregister) {
      try {
        globalShortcut.unregister(accelerator);
      } catch (error) {
        log(`could not release shortcut ${accelerator}: ${errorText(error)}`);
      }
    }
    const results: Partial<Record<HotkeyAction, RegisterResult>> = {};
    for (const { action, accelerator } of plan.register) {
      try {
        results[action] = globalShortcut.register(accelerator, () => press(action));
      } catch (error) {
        results[action] = { error: errorText(error) };
      }
    }
    current = applyRegistrationResults(plan, results, { platform });
    registered = current.registered;
    const report = makeReport();
    opts.onReport?.(report);
    return report;
  };

  return {
    apply(bindings) {
      if (suspended) {
        pending = bindings;
        return makeReport();
      }
      return register(bindings);
    },
    report: makeReport,
    setSuspended(value) {
      if (suspended === value) return;
      suspended = value;
      globalShortcut.setSuspended(value);
      if (!value && pending) {
        const next = pending;
        pending = null;
        register(next);
      }
    },
    dispose() {
      for (const accelerator of Object.values(registered)) {
        try {
          globalShortcut.unregister(accelerator);
        } catch (error) {
          log(`could not release shortcut ${accelerator}: ${errorText(error)}`);
        }
      }
      registered = {};
      pending = null;
    },
  };
}
