// The chunk plan the renderer assembles: every frame of the recording appears once, black
// exactly when a pause covers its instant, and only full unpaused chunks come from the shared cache.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameCount, planChunks } from '../../../electron/sandbox/media/chunk-plan';
import type { MediaTimeline } from '../../../electron/sandbox/media';

const timelines = fc
  .tuple(fc.integer({ min: 0, max: 120_000 }), fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 10 }))
  .map(([durationMs, cuts]): MediaTimeline => {
    const sorted = [...new Set(cuts.filter((c) => c <= durationMs))].sort((x, y) => x - y);
    const pauses = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pauses.push({ startMs: sorted[i] ?? 0, endMs: sorted[i + 1] ?? 0 });
    return { durationMs, pauses };
  });

/** Black-or-not per frame, as the plan lays them out. */
function framesOf(timeline: MediaTimeline, fps: number, chunkFrames: number): boolean[] {
  const out: boolean[] = [];
  for (const chunk of planChunks(timeline, fps, chunkFrames)) {
    if (chunk.kind === 'recorded') out.push(...Array<boolean>(chunkFrames).fill(false));
    else if (chunk.kind === 'black') out.push(...Array<boolean>(chunk.frames).fill(true));
    else for (let i = 0; i < chunk.frames; i++) out.push(chunk.black.some((r) => i >= r.start && i < r.end));
  }
  return out;
}

describe('planChunks', () => {
  it('covers every frame once and blacks out exactly the frames shown during a pause', () => {
    fc.assert(
      fc.property(timelines, fc.constantFrom(15, 25, 30), (timeline, fps) => {
        const frames = framesOf(timeline, fps, fps * 2);
        expect(frames.length).toBe(frameCount(timeline.durationMs, fps));
        const wrong = frames.findIndex((black, i) => {
          const at = (i * 1000) / fps;
          return black !== timeline.pauses.some((p) => at >= p.startMs && (at < p.endMs || p.endMs === timeline.durationMs));
        });
        expect(wrong, `first frame black when it should not be, or the reverse`).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the shared recorded chunk for full unpaused chunks and cuts only around pauses and at the end', () => {
    const plan = planChunks({ durationMs: 13_300, pauses: [{ startMs: 3_000, endMs: 7_000 }, { startMs: 9_100, endMs: 10_600 }] }, 15, 30);
    expect(plan.map((c) => c.kind)).toEqual(['recorded', 'custom', 'black', 'custom', 'custom', 'custom', 'custom']);
    expect(plan[1]).toEqual({ kind: 'custom', index: 1, frames: 30, black: [{ start: 15, end: 30 }] });
    expect(plan.at(-1)).toEqual({ kind: 'custom', index: 6, frames: 20, black: [] });
  });
});
