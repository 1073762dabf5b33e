// Frame-level planning of a cut: snapping, kept ranges, where frames land, which parts can be
// stream-copied, and the frame-time check of a result.
import { describe, expect, it } from 'vitest';
import { planCut, planPieces } from '../../../electron/core/export/cut-plan';
import type { FrameIndex } from '../../../electron/core/export/packet-index';
import { concatList } from '../../../electron/core/export/smart-cut';
import { compareFrameTimes } from '../../../electron/core/export/verify';

/** `count` frames at `fps`, a keyframe every `gop` frames. */
function index(count: number, fps: number, gop: number): FrameIndex {
  return {
    timescale: fps * 1024,
    frames: Array.from({ length: count }, (_, i) => ({ pts: i / fps, duration: 1 / fps, key: i % gop === 0 })),
    reordered: false,
    discarded: false,
  };
}

describe('planCut', () => {
  it('snaps cut edges to frame boundaries and keeps the frames outside', () => {
    const idx = index(300, 10, 20); // 30 s
    const plan = planCut(idx, [
      { startSec: 5.02, endSec: 8.96 },
      { startSec: 20, endSec: 22.5 },
    ], 30);
    expect(plan.cuts).toEqual([
      { startSec: 5, endSec: 9 },
      { startSec: 20, endSec: 22.5 },
    ]);
    expect(plan.kept).toEqual([
      { from: 0, to: 50 },
      { from: 90, to: 200 },
      { from: 225, to: 300 },
    ]);
    expect(plan.keptDurationSec).toBeCloseTo(23.5, 9);
    expect(plan.outputFrameTimes).toHaveLength(50 + 110 + 75);
    expect(plan.outputFrameTimes[49]).toBeCloseTo(4.9, 9);
    expect(plan.outputFrameTimes[50]).toBeCloseTo(5, 9);
    expect(plan.outputFrameTimes[160]).toBeCloseTo(16, 9);
    expect(plan.keptTime).toEqual([
      { startSec: 0, endSec: 5 },
      { startSec: 9, endSec: 20 },
      { startSec: 22.5, endSec: 30 },
    ]);
  });

  it('a cut reaching the end of the video also takes the longer audio tail', () => {
    const plan = planCut(index(100, 10, 10), [{ startSec: 8, endSec: 10 }], 10.02);
    expect(plan.cuts).toEqual([{ startSec: 8, endSec: 10.02 }]);
    expect(plan.keptDurationSec).toBeCloseTo(8, 9);
    expect(plan.keptTime).toEqual([{ startSec: 0, endSec: 8 }]);
  });

  it('a cut at the start begins at 0; a cut shorter than half a frame disappears', () => {
    const plan = planCut(index(100, 10, 10), [
      { startSec: 0.03, endSec: 2 },
      { startSec: 5.01, endSec: 5.03 },
    ], 10);
    expect(plan.cuts).toEqual([{ startSec: 0, endSec: 2 }]);
    expect(plan.kept).toEqual([{ from: 20, to: 100 }]);
    expect(plan.outputFrameTimes[0]).toBe(0);
  });
});

describe('planPieces', () => {
  it('copies from the first keyframe of each kept range and re-encodes only the frames before it', () => {
    const idx = index(300, 10, 20);
    const pieces = planPieces(idx, [
      { from: 0, to: 50 },
      { from: 90, to: 200 },
      { from: 225, to: 235 },
    ]);
    expect(pieces).toEqual([
      { kind: 'copy', from: 0, to: 50 },
      { kind: 'encode', from: 90, to: 100 },
      { kind: 'copy', from: 100, to: 200 },
      { kind: 'encode', from: 225, to: 235 },
    ]);
  });

  it('writes the concat list with exact in/out points and head durations', () => {
    const idx = index(300, 10, 20);
    const pieces = planPieces(idx, [
      { from: 0, to: 50 },
      { from: 95, to: 300 },
    ]);
    expect(concatList(idx, pieces, 'video.mp4', (i) => `head-${i}.mp4`, 0)).toBe(
      [
        'ffconcat version 1.0',
        'file video.mp4',
        'inpoint 0.000000',
        'outpoint 5.000000',
        'file head-1.mp4',
        'duration 0.500000',
        'file video.mp4',
        'inpoint 10.000000',
        '',
      ].join('\n'),
    );
  });

  it('rounds an inpoint up so that the demuxer never seeks to the keyframe before', () => {
    const idx: FrameIndex = { ...index(100, 30, 30) };
    const pieces = planPieces(idx, [{ from: 30, to: 60 }]);
    const list = concatList(idx, pieces, 'v.mp4', () => 'h.mp4', 0);
    expect(list).toContain('inpoint 1.000000\noutpoint 2.000000');
    const odd = concatList(idx, pieces, 'v.mp4', () => 'h.mp4', 1 / 3);
    expect(odd).toContain('inpoint 1.333334\n');
  });
});

describe('frame-time verification', () => {
  it('accepts the expected frames, allows a small whole-track offset, and names the first misplaced frame', () => {
    const expected = [0, 0.1, 0.2, 0.3];
    expect(compareFrameTimes([0, 0.1, 0.2, 0.3], expected, 0.001)).toEqual([]);
    expect(compareFrameTimes([0.05, 0.15, 0.25, 0.35], expected, 0.001)).toEqual([]);
    expect(compareFrameTimes([0.3, 0.4, 0.5, 0.6], expected, 0.001)).toEqual(['the video starts at 0.300000 s, expected 0.000000 s']);
    expect(compareFrameTimes([0, 0.1, 0.3, 0.4], expected, 0.001)).toEqual(['frame 2 is at 0.300000 s, expected 0.200000 s']);
    expect(compareFrameTimes([0, 0.1, 0.2], expected, 0.001)).toEqual(['the video has 3 frames, expected 4']);
  });
});
