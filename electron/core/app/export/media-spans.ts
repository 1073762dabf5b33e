// The user's pauses of one recording on its file's timeline: spans on Recall's clock (the
// controller's, which merges Recall's history with what it pressed and saw, and the bot's own
// status history) shifted by the recording's started_at; a pause still open ends at the end.
import type { TimeSpan } from '../../export';
import type { PauseSpanInput } from '../../segments';

export interface RecordingTimes {
  started_at: string | null;
  created_at: string;
  completed_at: string | null;
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Seconds from the start of the file; spans before the start or empty after clipping are dropped. */
export function pauseSpansOnMedia(recording: RecordingTimes, spans: readonly PauseSpanInput[], nowMs: number): TimeSpan[] {
  const startedAt = time(recording.started_at) ?? time(recording.created_at);
  if (startedAt === null) return [];
  const endedAt = time(recording.completed_at) ?? nowMs;
  const out: TimeSpan[] = [];
  for (const span of spans) {
    const startSec = Math.max(0, (span.pausedAt - startedAt) / 1000);
    const endSec = Math.max(0, ((span.resumedAt ?? endedAt) - startedAt) / 1000);
    if (endSec > startSec) out.push({ startSec, endSec });
  }
  return out.sort((a, b) => a.startSec - b.startSec);
}
