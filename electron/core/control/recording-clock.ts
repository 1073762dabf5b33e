// The recorded-time clock of a recording: started_at → now (or completed_at) minus paused spans,
// published as a base plus a "running since" instant so a UI can tick every second without
// polling the API or the controller.
import type { BotRecording } from '../recall';
import type { PauseSpan } from './action-log';

export interface RecordingClock {
  readonly recordingId: string;
  /** Recorded milliseconds at `runningSince` (or in total while not running). */
  readonly baseMs: number;
  /** Epoch ms from which the clock advances in real time; null while paused or finished. */
  readonly runningSince: number | null;
}

/** What the clock reads at `nowMs`. */
export function readRecordingClock(clock: RecordingClock | null, nowMs: number): number {
  if (!clock) return 0;
  if (clock.runningSince === null) return clock.baseMs;
  return clock.baseMs + Math.max(0, nowMs - clock.runningSince);
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

/**
 * The clock of `recording` at `nowMs`. `running` says whether the bot is recording right now
 * (live state `recording`); spans still open count as paused up to now. Recall's timestamps and
 * the local clock may disagree a little: the reading never goes below zero.
 */
export function recordingClockOf(
  recording: BotRecording | null,
  spans: readonly PauseSpan[],
  running: boolean,
  nowMs: number,
): RecordingClock | null {
  if (!recording) return null;
  const start = parseTime(recording.started_at ?? recording.created_at);
  if (start === null) return null;
  const completed = parseTime(recording.completed_at);
  const end = completed ?? Math.max(start, nowMs);
  let paused = 0;
  let openPause = false;
  for (const span of spans) {
    const from = Math.max(start, span.pausedAt);
    const to = Math.min(end, span.resumedAt ?? end);
    if (to > from) paused += to - from;
    if (span.resumedAt === null) openPause = true;
  }
  const recorded = Math.max(0, end - start - paused);
  const ticking = running && completed === null && !openPause;
  return Object.freeze({ recordingId: recording.id, baseMs: recorded, runningSince: ticking ? nowMs : null });
}
