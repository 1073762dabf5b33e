// What auto-pause and the reminders need from the selected bot's recording controller (the
// RecordingController satisfies it), and the notices they hand to the notifier.
import type { ActionOutcome, PressOptions } from '../control/controller';
import type { PressAction } from '../control/actions';
import type { Bot, LiveRecordingState } from '../recall';

export interface AutomationSnapshot {
  readonly botId: string;
  readonly bot: Bot | null;
  readonly live: LiveRecordingState | null;
  /** Non-null while an action is in flight. */
  readonly pending: unknown;
  readonly queued: readonly unknown[];
  /** When the controller last confirmed an action (any source: shortcut, tray, window, automation). */
  readonly lastConfirmedAt: number | null;
}

export interface AutomationTarget {
  readonly botId: string;
  press(action: PressAction, options?: PressOptions): Promise<ActionOutcome>;
  getSnapshot(): AutomationSnapshot;
  subscribe(listener: (snapshot: AutomationSnapshot) => void): () => void;
}

export type AutomationNoticeKind =
  | 'auto-paused'
  | 'auto-resumed'
  | 'auto-pause-failed'
  | 'auto-resume-failed'
  | 'paused-reminder'
  | 'leave-warning';

export interface AutomationNotice {
  readonly kind: AutomationNoticeKind;
  /** info: a confirmation; warning: act soon; failure: something the user believes happened did not. */
  readonly severity: 'info' | 'warning' | 'failure';
  readonly title: string;
  readonly body: string;
  readonly botId: string;
  readonly at: number;
}

export type AutomationNotify = (notice: AutomationNotice) => void;
