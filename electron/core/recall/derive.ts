// Facts derived from a Bot payload: its current status, the live recording state the UI shows
// (recall-api.md §9.6), the latest recording, and how long that recording actually recorded.
import type { Bot, BotRecording, StatusChange } from './schemas';

export type LiveRecordingState = 'recording' | 'paused' | 'not_recording' | 'joining' | 'ended' | 'fatal' | 'unknown';

export const LIVE_RECORDING_STATES: readonly LiveRecordingState[] = ['recording', 'paused', 'not_recording', 'joining', 'ended', 'fatal', 'unknown'];

function timeOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The entry with the greatest timestamp; ties (and unparseable timestamps) fall back to array
 * order, which Recall documents as chronological.
 */
function latestBy<T>(items: readonly T[], at: (item: T) => number | undefined): T | null {
  let best: T | null = null;
  let bestAt = -Infinity;
  for (const item of items) {
    const t = at(item) ?? bestAt;
    if (best === null || t >= bestAt) {
      best = item;
      bestAt = t;
    }
  }
  return best;
}

/** The bot's current status: its latest `status_changes` entry (v1.11 has no `status` field). */
export function currentStatus(bot: Bot): StatusChange | null {
  return latestBy(bot.status_changes, (s) => timeOf(s.created_at));
}

/** The most recently started recording (by started_at, else created_at), not array order. */
export function latestRecording(bot: Bot): BotRecording | null {
  return latestBy(bot.recordings, (r) => timeOf(r.started_at) ?? timeOf(r.created_at));
}

const JOINING = new Set(['created', 'ready', 'joining_call', 'in_waiting_room']);
const IN_CALL_IDLE = new Set(['in_call_not_recording', 'recording_permission_allowed', 'recording_done']);
const ENDED = new Set(['call_ended', 'done', 'media_expired', 'analysis_done', 'analysis_failed']);
/** Informational v1.10 event about someone else; it says nothing about the bot's recording. */
const INFORMATIONAL = new Set(['participant_in_waiting_room']);

function stateForCode(code: string, bot: Bot): LiveRecordingState {
  if (code === 'in_call_recording') return 'recording';
  if (IN_CALL_IDLE.has(code)) return latestRecording(bot)?.status?.code === 'paused' ? 'paused' : 'not_recording';
  if (code === 'recording_permission_denied') return 'not_recording';
  if (JOINING.has(code)) return 'joining';
  if (ENDED.has(code)) return 'ended';
  if (code === 'fatal') return 'fatal';
  return 'unknown';
}

/** The state shown in the tray and the CLI (recall-api.md §9.6). Unknown codes → 'unknown'. */
export function liveRecordingState(bot: Bot): LiveRecordingState {
  const meaningful = bot.status_changes.filter((s) => !INFORMATIONAL.has(s.code));
  const status = latestBy(meaningful, (s) => timeOf(s.created_at));
  if (status === null) return 'joining';
  return stateForCode(status.code, bot);
}

export interface RecordedTime {
  /** Time the bot spent recording within the recording's span. */
  recordedMs: number;
  /** Time within the span while it was not recording (paused). */
  pausedMs: number;
  /** started_at → completed_at, or → now while it is still open. */
  spanMs: number;
}

/**
 * How long `recording` actually recorded: the overlap of its span with the bot's
 * `in_call_recording` periods (a pause shows as `in_call_not_recording`, §5.2). Null when the
 * recording has not started.
 */
export function recordedTime(bot: Bot, recording: BotRecording, nowMs: number): RecordedTime | null {
  const start = timeOf(recording.started_at) ?? timeOf(recording.created_at);
  if (start === undefined) return null;
  const end = Math.max(start, timeOf(recording.completed_at) ?? nowMs);
  const changes = bot.status_changes
    .filter((s) => !INFORMATIONAL.has(s.code))
    .map((s, index) => ({ code: s.code, at: timeOf(s.created_at), index }))
    .filter((s): s is { code: string; at: number; index: number } => s.at !== undefined)
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let recordedMs = 0;
  let recordingSince: number | undefined;
  const close = (at: number): void => {
    if (recordingSince === undefined) return;
    recordedMs += Math.max(0, Math.min(at, end) - Math.max(recordingSince, start));
    recordingSince = undefined;
  };
  for (const change of changes) {
    if (change.code === 'in_call_recording') recordingSince ??= change.at;
    else close(change.at);
  }
  close(end);
  const spanMs = end - start;
  return { recordedMs, pausedMs: Math.max(0, spanMs - recordedMs), spanMs };
}
