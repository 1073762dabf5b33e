// Every sentence auto-pause and the reminders show, in one place so the tray, the notifications,
// the window and the docs say the same thing.

export type AutoPauseReason = 'lock' | 'suspend';

const REASON_EVENT: Readonly<Record<AutoPauseReason, string>> = {
  lock: 'the screen locked',
  suspend: 'the computer went to sleep',
};

export const AUTOMATION_TEXTS = Object.freeze({
  autoPausedTitle: (reason: AutoPauseReason): string => (reason === 'lock' ? 'Recording paused — screen locked' : 'Recording paused — computer asleep'),
  autoPausedBody: (reason: AutoPauseReason, resumesOnUnlock: boolean): string =>
    `Recall Remote paused the recording when ${REASON_EVENT[reason]}. ${resumesOnUnlock ? 'It resumes when you unlock the screen.' : "Resume it when you're back."}`,
  autoResumedTitle: 'Recording resumed',
  autoResumedBody: (reason: AutoPauseReason): string => `Welcome back — the recording paused when ${REASON_EVENT[reason]} is running again.`,
  autoPauseFailedTitle: 'Recall Remote — auto-pause failed',
  autoPauseFailedBody: (reason: AutoPauseReason, message: string): string =>
    `Could not pause the recording when ${REASON_EVENT[reason]}: ${message}. The bot may still be recording.`,
  autoResumeFailedTitle: 'Recall Remote — auto-resume failed',
  autoResumeFailedBody: (message: string): string => `Could not resume the recording after you unlocked: ${message}. It is still paused.`,
  pausedReminderTitle: 'Recording still paused',
  pausedReminderBody: (minutes: number): string => `Paused for ${minutes} min — nothing is being recorded or transcribed. Resume when you're ready.`,
  leaveWarningTitle: (minutesLeft: number): string => `The bot may leave the call in about ${minutesLeft} min`,
  leaveWarningBody: (notRecordingMinutes: number, timeoutMinutes: number): string =>
    `Not recording for ${notRecordingMinutes} min. Recall ends a bot that has not recorded for ${timeoutMinutes} min (in_call_not_recording_timeout) — paused and stopped time both count. Resume or start recording to keep it in the call.`,
});

/** The one-line status for the tray menu / tooltip and the window. */
export const AUTO_PAUSE_LABELS = Object.freeze({
  pausing: (reason: AutoPauseReason): string => (reason === 'lock' ? 'Auto-pausing (screen locked)…' : 'Auto-pausing (going to sleep)…'),
  autoPaused: (reason: AutoPauseReason, resumesOnUnlock: boolean): string =>
    `${reason === 'lock' ? 'Auto-paused on lock' : 'Auto-paused on sleep'}${resumesOnUnlock ? ' — resumes on unlock' : ''}`,
  resuming: 'Auto-resuming…',
  pauseFailed: 'Auto-pause failed',
  resumeFailed: 'Auto-resume failed',
});
