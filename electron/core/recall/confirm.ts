// What CONFIRMS a recording-control action: the live state each action leads to, and the test
// a re-read bot must pass (recall-api.md §5.1: Recall hands commands to the bot asynchronously,
// so only a later read shows them done). The RecordingController (electron/core/control) runs
// presses for the app and the CLI alike on top of this.
import { latestRecording, liveRecordingState, type LiveRecordingState } from './derive';
import type { Bot } from './schemas';

export type ControlAction = 'pause' | 'resume' | 'start' | 'stop' | 'leave';

const EXPECTED: Record<ControlAction, LiveRecordingState> = {
  pause: 'paused',
  resume: 'recording',
  start: 'recording',
  stop: 'not_recording',
  leave: 'ended',
};

/** The live state that confirms `action` took effect. */
export function expectedState(action: ControlAction): LiveRecordingState {
  return EXPECTED[action];
}

function recordingStart(bot: Bot): { id: string; at: number } | null {
  const rec = latestRecording(bot);
  if (!rec) return null;
  const at = Date.parse(rec.started_at ?? rec.created_at);
  return { id: rec.id, at: Number.isNaN(at) ? -Infinity : at };
}

/**
 * Predicate on a re-read bot that confirms `action`. For start, being in 'recording' is not
 * enough when it was already recording (start --force): a NEW recording must have begun.
 */
export function confirmsAction(action: ControlAction, before: Bot | null): (bot: Bot) => boolean {
  const target = expectedState(action);
  if (action !== 'start' || before === null) return (bot) => liveRecordingState(bot) === target;
  const previous = recordingStart(before);
  return (bot) => {
    if (liveRecordingState(bot) !== target) return false;
    if (previous === null) return true;
    const current = recordingStart(bot);
    return current !== null && (current.id !== previous.id || current.at > previous.at);
  };
}

const STATE_WORDS: Record<LiveRecordingState, string> = {
  recording: 'recording',
  paused: 'paused',
  not_recording: 'in the call, not recording',
  joining: 'joining',
  ended: 'ended',
  fatal: 'failed',
  unknown: 'in an unknown state',
};

/** The state in words, for "the bot still reports …". */
export function describeState(state: LiveRecordingState): string {
  return STATE_WORDS[state];
}
