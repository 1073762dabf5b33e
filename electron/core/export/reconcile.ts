// Which detected black+silent ranges are the user's pauses and get cut. Two witnesses must
// agree: the file (a black+silent range) and the user (a pause span from the action log,
// converted to media time by the caller). A pause the file does not show is not cut; black the
// user never paused is not cut.
import { normalizeSpans, type TimeSpan } from './spans';

export interface ReconcileOptions {
  /**
   * How far a detected edge may lie from the user's edge and still be the same moment:
   * API latency, Recall's processing and the started_at anchor all shift the user's times.
   * Default 2 s.
   */
  toleranceSec?: number;
}

export const DEFAULT_TOLERANCE_SEC = 2;

/**
 * A cut is a detected range that overlaps a user span (widened by the tolerance). Each cut edge
 * snaps to the detected edge (frame-exact) when that edge is within the tolerance of the user's
 * edge; when the black reaches further than that, the part beyond the user's span was never
 * paused and is kept, so the cut edge is the user's edge there.
 */
export function reconcileSpans(detected: ReadonlyArray<TimeSpan>, userSpans: ReadonlyArray<TimeSpan>, opts: ReconcileOptions = {}): TimeSpan[] {
  const tol = opts.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const ranges = normalizeSpans(detected);
  const cuts: TimeSpan[] = [];
  for (const user of normalizeSpans(userSpans)) {
    for (const d of ranges) {
      if (d.endSec <= user.startSec - tol || d.startSec >= user.endSec + tol) continue;
      const startSec = Math.abs(d.startSec - user.startSec) <= tol ? d.startSec : Math.max(d.startSec, user.startSec);
      const endSec = Math.abs(d.endSec - user.endSec) <= tol ? d.endSec : Math.min(d.endSec, user.endSec);
      if (endSec > startSec) cuts.push({ startSec, endSec });
    }
  }
  return normalizeSpans(cuts);
}
