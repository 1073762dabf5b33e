// Global shortcuts as the core owns them: the saved map (settings), its registration through the
// injected registrar (Electron's globalShortcut, or the test host's in-memory one), the view the
// Settings window shows, and the dispatcher every press goes through — so a shortcut, the test
// host's admin and an `--action` forward all end in one outcome the user hears about.
import { DEFAULT_HOTKEYS, formatAccelerator, HOTKEY_ACTIONS, HOTKEY_LABELS, HotkeyDispatcher } from '../hotkeys';
import type { DispatchTarget, HotkeyAction, HotkeyBindings, HotkeyOutcome, RegistrationStatuses } from '../hotkeys';
import { SettingsUpdateError } from '../settings';
import type { ControlAction, HotkeysView } from '../../contract';
import type { Clock, CoreDeps, HotkeyRegistrar, SettingsPort } from './deps';
import { CoreError } from './errors';

export interface HotkeyServiceOptions {
  settings: SettingsPort;
  platform: string;
  registerHotkeys: CoreDeps['registerHotkeys'];
  clock: Clock;
  /** The selected bot's controller, or null. */
  target(): DispatchTarget | null;
  showWindow(): void;
  /** Every press's outcome (notification + notice). */
  onOutcome(outcome: HotkeyOutcome): void;
  /** The view changed (binding, registration status). */
  onChange(view: HotkeysView): void;
  onError(error: unknown): void;
}

export class HotkeyService {
  private readonly dispatcher: HotkeyDispatcher;
  private readonly registrar: HotkeyRegistrar;
  private shown: string;

  constructor(private readonly options: HotkeyServiceOptions) {
    this.dispatcher = new HotkeyDispatcher({
      target: options.target,
      showWindow: options.showWindow,
      notify: options.onOutcome,
      clock: options.clock,
      onNotifyError: options.onError,
    });
    this.registrar = options.registerHotkeys({ dispatch: (action) => this.dispatcher.dispatch(action) });
    this.registrar.apply(this.bindings());
    this.shown = JSON.stringify(this.view());
  }

  /** One press, exactly as a global shortcut would deliver it; never rejects. */
  dispatch(action: HotkeyAction | string): Promise<HotkeyOutcome> {
    return this.dispatcher.dispatch(action);
  }

  bindings(): HotkeyBindings {
    return this.options.settings.get().hotkeys;
  }

  statuses(): RegistrationStatuses {
    return this.registrar.report().statuses;
  }

  view(): HotkeysView {
    const report = this.registrar.report();
    const bindings = this.bindings();
    return {
      bindings: HOTKEY_ACTIONS.map((action) => {
        const accelerator = bindings[action];
        const status = report.statuses[action];
        return {
          action,
          label: HOTKEY_LABELS[action],
          accelerator,
          display: accelerator === null ? null : formatAccelerator(accelerator, this.options.platform),
          status: status.state,
          message: status.message,
        };
      }),
      reliable: report.reliable,
      note: report.note,
    };
  }

  /** Each control action's working shortcut (Pause/Resume fall back to the toggle), formatted. */
  hints(): Readonly<Record<ControlAction, string | null>> {
    const bindings = this.bindings();
    const statuses = this.statuses();
    const working = (action: HotkeyAction): string | null => {
      const accelerator = bindings[action];
      return accelerator !== null && statuses[action].state === 'registered' ? formatAccelerator(accelerator, this.options.platform) : null;
    };
    return {
      pause: working('pause') ?? working('toggle-pause'),
      resume: working('resume') ?? working('toggle-pause'),
      start: working('start'),
      stop: working('stop'),
      leave: null,
    };
  }

  /** Binds (or with null unbinds) one action; refuses a bad or clashing shortcut with the reason. */
  set(action: HotkeyAction, accelerator: string | null): HotkeysView {
    return this.save({ [action]: accelerator });
  }

  reset(): HotkeysView {
    return this.save({ ...DEFAULT_HOTKEYS });
  }

  /** While the window's key recorder listens, shortcuts must not fire. */
  suspend(suspended: boolean): void {
    this.registrar.setSuspended(suspended);
    this.publishIfChanged();
  }

  /** Registers the saved map again (e.g. after another app took or released a shortcut). */
  reapply(): HotkeysView {
    this.registrar.apply(this.bindings());
    this.publishIfChanged();
    return this.view();
  }

  dispose(): void {
    this.registrar.dispose();
  }

  private save(hotkeys: Partial<Record<HotkeyAction, string | null>>): HotkeysView {
    const written = this.options.settings.update({ hotkeys });
    if (!written.ok) {
      throw new CoreError(written.error instanceof SettingsUpdateError ? 'validation' : 'storage', written.error.message);
    }
    this.registrar.apply(written.settings.hotkeys);
    this.publishIfChanged();
    return this.view();
  }

  private publishIfChanged(): void {
    const view = this.view();
    const key = JSON.stringify(view);
    if (key === this.shown) return;
    this.shown = key;
    this.options.onChange(view);
  }
}
