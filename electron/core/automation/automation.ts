// One object for the shell to compose: auto-pause and the reminders on the selected bot's
// controller, fed by power events and settings, with a small view the tray and window can show.
import { systemClock, systemTimers } from '../control/clock';
import type { Clock, Timers } from '../control/clock';
import { AutoPause } from './auto-pause';
import type { AutoPauseView, PowerEvent } from './auto-pause';
import type { AutomationNotify, AutomationTarget } from './automation-target';
import { Reminders } from './reminders';
import type { RemindersView } from './reminders';
import type { AutomationSettings } from './settings';

export interface AutomationView {
  /** Null unless auto-pause is doing or has done something the user should see. */
  readonly autoPause: AutoPauseView | null;
  readonly reminders: RemindersView | null;
}

export interface AutomationOptions {
  settings: () => AutomationSettings;
  notify: AutomationNotify;
  clock?: Clock;
  timers?: Timers;
  onNotifyError?: (error: unknown) => void;
}

/** Shown in the tray when the bot would leave within this long without recording. */
export const LEAVE_SOON_MS = 10 * 60_000;

export class Automation {
  readonly autoPause: AutoPause;
  readonly reminders: Reminders;
  private readonly clock: Clock;

  constructor(opts: AutomationOptions) {
    this.clock = opts.clock ?? systemClock;
    const common = { notify: opts.notify, clock: this.clock, ...(opts.onNotifyError && { onNotifyError: opts.onNotifyError }) };
    this.autoPause = new AutoPause({ ...common, settings: () => opts.settings().autoPause });
    this.reminders = new Reminders({ ...common, timers: opts.timers ?? systemTimers, settings: () => opts.settings() });
  }

  /** The selected bot's controller; call again whenever the selection changes (null: none). */
  setTarget(target: AutomationTarget | null): void {
    this.autoPause.setTarget(target);
    this.reminders.setTarget(target);
  }

  handlePowerEvent(event: PowerEvent): Promise<void> {
    return this.autoPause.handle(event);
  }

  /** Call after the automation settings changed. */
  settingsChanged(): void {
    this.reminders.refresh();
  }

  getView(): AutomationView {
    return { autoPause: this.autoPause.getView(), reminders: this.reminders.getView() };
  }

  /** Auto-pause state changes (the reminders' view moves with the controller's snapshots). */
  subscribe(listener: () => void): () => void {
    return this.autoPause.subscribe(listener);
  }

  /** The automation line for the tray menu / tooltip, or null when there is nothing to say. */
  trayLine(): string | null {
    const view = this.getView();
    if (view.autoPause) return view.autoPause.label;
    const leaveAt = view.reminders?.leaveAt ?? null;
    if (leaveAt === null) return null;
    const left = leaveAt - this.clock.now();
    if (left > LEAVE_SOON_MS) return null;
    return left <= 0 ? 'The bot may leave any moment: not recording' : `The bot may leave in ${Math.max(1, Math.ceil(left / 60_000))} min unless recording`;
  }

  dispose(): void {
    this.autoPause.dispose();
    this.reminders.dispose();
  }
}
