// Pause spans of one recording, merged from three independent witnesses: the controller's
// action log (confirmed pause/resume presses), polled status transitions (recording seen
// `paused`, then `processing` again) and black+silent ranges detected in the downloaded file.
// Each merged span says which sources saw it; its boundaries come from the most exact one.

export type PauseSource = 'action_log' | 'status_poll' | 'media';

/** Absolute epoch ms; `resumedAt` null while still paused (or when the recording ended paused). */
export interface PauseSpanInput {
  pausedAt: number;
  resumedAt: number | null;
}

export type PauseSpanSources = Partial<Record<PauseSource, readonly PauseSpanInput[]>>;

export interface MergedPauseSpan {
  startMs: number;
  /** Null while the recording is still paused. */
  endMs: number | null;
  /** Whose boundaries are shown: media (exact on the file's timeline) > status_poll > action_log. */
  source: PauseSource;
  /** Every source that saw this pause. */
  sources: PauseSource[];
}

export interface RecordingBounds {
  startMs: number;
  /** completed_at; null while the recording runs. */
  endMs: number | null;
  nowMs: number;
}

/** Spans of different sources this close together are the same pause seen with some latency. */
export const DEFAULT_MERGE_TOLERANCE_MS = 2_000;

const PRIORITY: readonly PauseSource[] = ['media', 'status_poll', 'action_log'];

interface Clipped {
  start: number;
  end: number | null;
  source: PauseSource;
}

function clip(span: PauseSpanInput, source: PauseSource, bounds: RecordingBounds): Clipped | null {
  const limit = bounds.endMs ?? bounds.nowMs;
  const start = Math.max(span.pausedAt, bounds.startMs);
  const end = span.resumedAt === null ? bounds.endMs : Math.min(span.resumedAt, limit);
  if (start > limit) return null;
  if (end !== null && end <= start) return null;
  return { start, end, source };
}

/** Overlapping spans of one source are one pause (a source may report a pause twice). */
function unionOf(spans: Clipped[]): Clipped[] {
  const out: Clipped[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && (last.end === null || span.start <= last.end)) {
      last.end = last.end === null || span.end === null ? null : Math.max(last.end, span.end);
    } else {
      out.push({ ...span });
    }
  }
  return out;
}

/** The same pause seen by two witnesses: the spans overlap, or start (or end) within the tolerance. */
function samePause(a: MergedPauseSpan, b: Clipped, toleranceMs: number): boolean {
  const aEnd = a.endMs ?? Infinity;
  const bEnd = b.end ?? Infinity;
  const overlaps = Math.min(aEnd, bEnd) > Math.max(a.startMs, b.start);
  const startsTogether = Math.abs(a.startMs - b.start) <= toleranceMs;
  const endsTogether = a.endMs !== null && b.end !== null && Math.abs(a.endMs - b.end) <= toleranceMs;
  return overlaps || startsTogether || endsTogether;
}

/**
 * Sources are merged in priority order: a span of a lesser source that is the same pause as a
 * span already kept (overlapping, or starting/ending within `toleranceMs` of it) only adds its
 * name to that span's sources; otherwise it is a pause the better sources missed and is kept
 * with its own boundaries.
 */
export function mergePauseSpans(inputs: PauseSpanSources, bounds: RecordingBounds, toleranceMs = DEFAULT_MERGE_TOLERANCE_MS): MergedPauseSpan[] {
  const merged: MergedPauseSpan[] = [];
  for (const source of PRIORITY) {
    const clipped = (inputs[source] ?? []).map((span) => clip(span, source, bounds)).filter((c): c is Clipped => c !== null);
    for (const span of unionOf(clipped)) {
      const match = merged.find((m) => samePause(m, span, toleranceMs));
      if (match) {
        if (!match.sources.includes(source)) match.sources.push(source);
      } else {
        merged.push({ startMs: span.start, endMs: span.end, source, sources: [source] });
      }
    }
  }
  return merged.sort((a, b) => a.startMs - b.startMs);
}

/** Total paused time of merged spans within the bounds (open spans count up to now). */
export function pausedTotal(spans: readonly MergedPauseSpan[], bounds: RecordingBounds): number {
  const limit = bounds.endMs ?? bounds.nowMs;
  let total = 0;
  let covered = -Infinity;
  for (const span of [...spans].sort((a, b) => a.startMs - b.startMs)) {
    const start = Math.max(span.startMs, covered);
    const end = Math.min(span.endMs ?? limit, limit);
    if (end > start) total += end - start;
    covered = Math.max(covered, end);
  }
  return total;
}

/** Media ranges are offsets into the file; the file starts when the recording started. */
export function mediaRangesToSpans(ranges: ReadonlyArray<{ startMs: number; endMs: number }>, recordingStartMs: number): PauseSpanInput[] {
  return ranges.map((r) => ({ pausedAt: recordingStartMs + r.startMs, resumedAt: recordingStartMs + r.endMs }));
}
