// The recording's media timeline (wall time including paused spans): its validation and
// the recorded spans between pauses.
import { MediaTimelineError } from './errors';

export interface MediaPause {
  startMs: number;
  endMs: number;
}

/** Times are milliseconds relative to the recording's start; pauses are sorted, disjoint, within the duration. */
export interface MediaTimeline {
  durationMs: number;
  pauses: ReadonlyArray<MediaPause>;
}

/** Longer than any meeting Recall records; guards against a unit mix-up (seconds vs epoch ms). */
export const MAX_DURATION_MS = 24 * 3_600_000;

export function validateTimeline(timeline: MediaTimeline): void {
  const { durationMs, pauses } = timeline;
  if (!Number.isFinite(durationMs) || durationMs < 0 || durationMs > MAX_DURATION_MS) {
    throw new MediaTimelineError('invalid_duration', `Recording duration must be between 0 and ${MAX_DURATION_MS} ms, got ${durationMs}.`);
  }
  let previousEnd = 0;
  pauses.forEach((pause, i) => {
    const { startMs, endMs } = pause;
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || startMs < 0 || endMs < startMs) {
      throw new MediaTimelineError('invalid_pause', `Pause ${i + 1} must have 0 <= startMs <= endMs, got ${startMs}..${endMs}.`);
    }
    if (endMs > durationMs) {
      throw new MediaTimelineError(
        'pause_outside_duration',
        `Pause ${i + 1} (${startMs}..${endMs} ms) ends after the recording (${durationMs} ms).`,
      );
    }
    if (i > 0 && startMs < previousEnd) {
      const prior = pauses[i - 1];
      if (prior !== undefined && startMs < prior.startMs) {
        throw new MediaTimelineError('unsorted_pauses', `Pause ${i + 1} starts before pause ${i}; pauses must be in time order.`);
      }
      throw new MediaTimelineError('overlapping_pauses', `Pause ${i + 1} starts at ${startMs} ms, inside pause ${i} (ends ${previousEnd} ms).`);
    }
    previousEnd = endMs;
  });
}

/** The spans between pauses where something was recorded, in order (empty spans left out). */
export function recordedSpans(timeline: MediaTimeline): Array<{ startMs: number; endMs: number }> {
  const spans: Array<{ startMs: number; endMs: number }> = [];
  let cursor = 0;
  for (const pause of timeline.pauses) {
    if (pause.startMs > cursor) spans.push({ startMs: cursor, endMs: pause.startMs });
    cursor = Math.max(cursor, pause.endMs);
  }
  if (timeline.durationMs > cursor) spans.push({ startMs: cursor, endMs: timeline.durationMs });
  return spans;
}
