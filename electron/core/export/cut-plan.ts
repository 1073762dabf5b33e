// The cut, frame by frame: cut edges snapped to video frame boundaries (so picture and sound are
// cut at the same instants), the kept frame ranges, where each kept frame lands in the export,
// and the stream-copy plan — a kept range is copied from its first keyframe on and only the
// frames before that keyframe are re-encoded.
import { boundaryTime, nearestBoundary, type FrameIndex } from './packet-index';
import { keptSpans, mapTime, normalizeSpans, roundMicro, totalLength, type TimeSpan } from './spans';

/** Frames [from, to) by index in presentation order; `to` may be frames.length. */
export interface FrameRange {
  from: number;
  to: number;
}

export interface CutPlan {
  /** Frame-exact cuts on the media timeline (a cut reaching the end takes the audio tail too). */
  cuts: TimeSpan[];
  kept: FrameRange[];
  /** Kept media time, for the audio (it may run a little past the last frame). */
  keptTime: TimeSpan[];
  /** Media duration minus the cuts. */
  keptDurationSec: number;
  /** The export's frame times, in order: where each kept frame lands. */
  outputFrameTimes: number[];
}

/** Snaps `cuts` to frame boundaries of `index`; `durationSec` is the container's (longest stream). */
export function planCut(index: FrameIndex, cuts: ReadonlyArray<TimeSpan>, durationSec: number): CutPlan {
  const n = index.frames.length;
  const snapped: TimeSpan[] = [];
  const cutFrames: FrameRange[] = [];
  for (const cut of normalizeSpans(cuts)) {
    const from = nearestBoundary(index, cut.startSec);
    const to = nearestBoundary(index, cut.endSec);
    if (to <= from) continue;
    const startSec = from === 0 ? 0 : boundaryTime(index, from);
    const endSec = to === n ? Math.max(durationSec, boundaryTime(index, to)) : boundaryTime(index, to);
    snapped.push({ startSec: roundMicro(startSec), endSec: roundMicro(endSec) });
    cutFrames.push({ from, to });
  }
  const normalizedCuts = normalizeSpans(snapped);
  const kept: FrameRange[] = [];
  let cursor = 0;
  for (const c of cutFrames.sort((a, b) => a.from - b.from)) {
    if (c.from > cursor) kept.push({ from: cursor, to: c.from });
    cursor = Math.max(cursor, c.to);
  }
  if (n > cursor) kept.push({ from: cursor, to: n });
  const outputFrameTimes: number[] = [];
  for (const range of kept) {
    for (let i = range.from; i < range.to; i++) outputFrameTimes.push(mapTime(index.frames[i]?.pts ?? 0, normalizedCuts));
  }
  const total = Math.max(durationSec, boundaryTime(index, n));
  return {
    cuts: normalizedCuts,
    kept,
    keptTime: keptSpans(normalizedCuts, total),
    keptDurationSec: roundMicro(total - totalLength(normalizedCuts)),
    outputFrameTimes,
  };
}

export type Piece = { kind: 'copy' | 'encode' } & FrameRange;

/**
 * How each kept range is produced: stream-copied from its first keyframe on, re-encoded before
 * it (the whole range when it holds no keyframe). Only valid for streams without reordering:
 * there every frame refers only to frames before it, so a copied range may end anywhere.
 */
export function planPieces(index: FrameIndex, kept: ReadonlyArray<FrameRange>): Piece[] {
  const pieces: Piece[] = [];
  for (const range of kept) {
    let key = range.from;
    while (key < range.to && !index.frames[key]?.key) key++;
    if (key > range.from) pieces.push({ kind: 'encode', from: range.from, to: key });
    if (key < range.to) pieces.push({ kind: 'copy', from: key, to: range.to });
  }
  return pieces;
}

/** Seconds of picture that a plan re-encodes. */
export function reencodedSeconds(index: FrameIndex, pieces: ReadonlyArray<Piece>): number {
  return pieces.filter((p) => p.kind === 'encode').reduce((sum, p) => sum + boundaryTime(index, p.to) - boundaryTime(index, p.from), 0);
}
