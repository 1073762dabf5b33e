// Time spans on a recording's media timeline (seconds from the start of the file) and the one
// mapping a clean export applies to every time: cuts collapse, later times shift left.

export interface TimeSpan {
  startSec: number;
  endSec: number;
}

/** Times are kept to the microsecond: finer digits are float noise, not media. */
export function roundMicro(sec: number): number {
  return Math.round(sec * 1e6) / 1e6;
}

/** Sorted, with overlapping or touching spans joined and empty ones dropped. */
export function normalizeSpans(spans: ReadonlyArray<TimeSpan>): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const span of [...spans].filter((s) => s.endSec > s.startSec).sort((a, b) => a.startSec - b.startSec)) {
    const last = out.at(-1);
    if (last !== undefined && span.startSec <= last.endSec) last.endSec = Math.max(last.endSec, span.endSec);
    else out.push({ startSec: span.startSec, endSec: span.endSec });
  }
  return out;
}

export function totalLength(spans: ReadonlyArray<TimeSpan>): number {
  return spans.reduce((sum, s) => sum + (s.endSec - s.startSec), 0);
}

/** What is left of [0, durationSec] once the cuts are taken out. */
export function keptSpans(cuts: ReadonlyArray<TimeSpan>, durationSec: number): TimeSpan[] {
  const kept: TimeSpan[] = [];
  let cursor = 0;
  for (const cut of normalizeSpans(cuts)) {
    if (cut.startSec > cursor) kept.push({ startSec: cursor, endSec: Math.min(cut.startSec, durationSec) });
    cursor = Math.max(cursor, cut.endSec);
  }
  if (durationSec > cursor) kept.push({ startSec: cursor, endSec: durationSec });
  return kept.filter((s) => s.endSec > s.startSec);
}

/**
 * Where time `t` of the original lands in the clean export: minus the cut time before it; a
 * time inside a cut lands on the join where that cut was. `cuts` must be normalized.
 */
export function mapTime(t: number, cuts: ReadonlyArray<TimeSpan>): number {
  let removed = 0;
  for (const cut of cuts) {
    if (t <= cut.startSec) break;
    removed += Math.min(t, cut.endSec) - cut.startSec;
  }
  return roundMicro(t - removed);
}

/** The cut that contains [start, end] entirely, if any. */
export function cutContaining(startSec: number, endSec: number, cuts: ReadonlyArray<TimeSpan>): TimeSpan | undefined {
  return cuts.find((c) => startSec >= c.startSec && endSec <= c.endSec);
}
