// Turns a pressed global shortcut into a controller call (or showing the window) and guarantees
// the user hears back: every press yields exactly one outcome — done, armed, refused or error —
// delivered to the notifier (a system notification, the tray, the window).
import type { ActionOutcome, PressOptions } from '../control/controller';
import type { PressAction } from '../control/actions';
import { systemClock } from '../control/clock';
import type { Clock } from '../control/clock';
import { HOTKEY_LABELS, isHotkeyAction } from './hotkey-map';
import type { HotkeyAction } from './hotkey-map';

/** What the dispatcher needs from the selected bot's controller. */
export interface DispatchTarget {
  press(action: PressAction, options?: PressOptions): Promise<ActionOutcome>;
}

interface OutcomeBase {
  /** The shortcut's action; a string only for an action id this version does not know. */
  readonly action: HotkeyAction | string;
  readonly at: number;
  /** One sentence for the user. */
  readonly message: string;
}

export type HotkeyOutcome =
  | (OutcomeBase & { readonly status: 'done' })
  /** Start while recording: press again before `until` to overwrite. */
  | (OutcomeBase & { readonly status: 'armed'; readonly until: number })
  /** Nothing was sent: the action makes no sense now (or no bot is selected). */
  | (OutcomeBase & { readonly status: 'refused' })
  | (OutcomeBase & { readonly status: 'error'; readonly kind: string });

export interface HotkeyDispatcherOptions {
  /** The selected bot's controller, or null when none is selected. */
  target: () => DispatchTarget | null;
  showWindow: () => void | Promise<void>;
  notify: (outcome: HotkeyOutcome) => void;
  clock?: Clock;
  /** The notifier itself threw (default console.error): the outcome is still returned. */
  onNotifyError?: (error: unknown) => void;
}

export const NO_BOT_SELECTED = 'No bot selected — choose one from the tray menu or the window';

export class HotkeyDispatcher {
  private readonly opts: HotkeyDispatcherOptions;
  private readonly clock: Clock;

  constructor(opts: HotkeyDispatcherOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
  }

  /** Handles one press; resolves (never rejects) with the outcome also given to `notify`. */
  async dispatch(action: HotkeyAction | string): Promise<HotkeyOutcome> {
    let outcome: HotkeyOutcome;
    try {
      outcome = await this.run(action);
    } catch (error) {
      outcome = { action, at: this.clock.now(), status: 'error', kind: 'internal', message: `The shortcut failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    try {
      this.opts.notify(outcome);
    } catch (error) {
      (this.opts.onNotifyError ?? ((e) => console.error('hotkey notifier failed:', e)))(error);
    }
    return outcome;
  }

  private async run(action: HotkeyAction | string): Promise<HotkeyOutcome> {
    if (!isHotkeyAction(action)) {
      return { action, at: this.clock.now(), status: 'error', kind: 'internal', message: `Unknown shortcut action '${action}'` };
    }
    if (action === 'show-window') {
      await this.opts.showWindow();
      return { action, at: this.clock.now(), status: 'done', message: 'Window shown' };
    }
    const target = this.opts.target();
    if (!target) return { action, at: this.clock.now(), status: 'refused', message: NO_BOT_SELECTED };
    return this.describe(action, await target.press(action));
  }

  private describe(action: HotkeyAction, outcome: ActionOutcome): HotkeyOutcome {
    const at = this.clock.now();
    switch (outcome.status) {
      case 'confirmed':
        return { action, at, status: 'done', message: outcome.message };
      case 'armed':
        return { action, at, status: 'armed', until: outcome.until, message: outcome.message };
      case 'refused':
        return { action, at, status: 'refused', message: `${HOTKEY_LABELS[action]}: ${outcome.reason}` };
      case 'failed':
        return { action, at, status: 'error', kind: outcome.error.kind, message: outcome.error.message };
    }
  }
}
