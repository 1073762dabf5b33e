// Maps a timeline onto video frames and fixed-length chunks: which chunks are plain recorded
// picture (shared cache), fully black, or must be cut for this timeline.
import type { MediaTimeline } from './timeline';

/** Half-open frame interval [start, end). */
export interface FrameRange {
  start: number;
  end: number;
}

export type ChunkPlan =
  /** A full chunk of recorded picture: identical for every recording, cached by index. */
  | { kind: 'recorded'; index: number }
  /** Entirely paused: black frames, cached by length only. */
  | { kind: 'black'; frames: number }
  /** Straddles a pause boundary or is the shorter last chunk; `black` is chunk-local. */
  | { kind: 'custom'; index: number; frames: number; black: FrameRange[] };

/** At least one frame, so that even an instantly stopped recording yields a playable file. */
export function frameCount(durationMs: number, fps: number): number {
  return Math.max(1, Math.round((durationMs * fps) / 1000));
}

/** Frame i (shown at i/fps s) is black when a pause covers that instant. */
export function blackFrameRanges(timeline: MediaTimeline, fps: number): FrameRange[] {
  const total = frameCount(timeline.durationMs, fps);
  const firstFrameAt = (ms: number): number => Math.min(total, Math.max(0, Math.ceil((ms * fps) / 1000 - 1e-9)));
  const ranges: FrameRange[] = [];
  for (const pause of timeline.pauses) {
    const start = firstFrameAt(pause.startMs);
    const end = pause.endMs >= timeline.durationMs ? total : firstFrameAt(pause.endMs);
    if (end <= start) continue;
    const last = ranges.at(-1);
    if (last !== undefined && start <= last.end) last.end = Math.max(last.end, end);
    else ranges.push({ start, end });
  }
  return ranges;
}

export function planChunks(timeline: MediaTimeline, fps: number, chunkFrames: number): ChunkPlan[] {
  const total = frameCount(timeline.durationMs, fps);
  const black = blackFrameRanges(timeline, fps);
  const plan: ChunkPlan[] = [];
  let cursor = 0;
  for (let index = 0; index * chunkFrames < total; index++) {
    const start = index * chunkFrames;
    const frames = Math.min(chunkFrames, total - start);
    while (cursor < black.length && (black[cursor]?.end ?? 0) <= start) cursor++;
    const local: FrameRange[] = [];
    for (let i = cursor; i < black.length; i++) {
      const range = black[i];
      if (range === undefined || range.start >= start + frames) break;
      local.push({ start: Math.max(range.start, start) - start, end: Math.min(range.end, start + frames) - start });
    }
    const fullyBlack = local.length === 1 && local[0]?.start === 0 && local[0].end === frames;
    if (fullyBlack) plan.push({ kind: 'black', frames });
    else if (local.length === 0 && frames === chunkFrames) plan.push({ kind: 'recorded', index });
    else plan.push({ kind: 'custom', index, frames, black: local });
  }
  return plan;
}
