// The sandbox's produced MP4, checked with an independent ffprobe/ffmpeg: codecs, duration equal
// to wall time including pauses, black and silent exactly during the pauses, faststart, and the
// chunk cache (reuse across renders, shared work between concurrent renders).
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRenderer, type MediaTimeline } from '../../../electron/sandbox/media';
import { nalUnits } from '../../../electron/sandbox/media/annexb';
import { planChunks } from '../../../electron/sandbox/media/chunk-plan';
import { detectBlackAndSilence, mp4TopLevelBoxes, probe, probeViaFfmpegOutput } from '../../support/media-probe';
import { expectedClock, lumaAt, readClock } from './clock-reader';
import { SMALL, TWO_PAUSES, expectRanges, listFiles, pausesInSeconds, sha256, tempDir } from './helpers';

let dir: { path: string; remove: () => Promise<void> };
let renderer: MediaRenderer;
let firstOut: string;

beforeAll(async () => {
  dir = await tempDir('render');
  renderer = new MediaRenderer({ cacheDir: join(dir.path, 'cache'), ...SMALL });
  firstOut = join(dir.path, 'out', 'two-pauses.mp4');
  await renderer.render(TWO_PAUSES, firstOut);
});

afterAll(async () => {
  await renderer.close();
  await dir.remove();
});

describe('a recording with two pauses', () => {
  it('is an H.264 + AAC-LC MP4 in yuv420p whose duration is the wall time including pauses', async () => {
    const info = await probe(firstOut);
    expect(info.formatName).toContain('mp4');
    expect(info.videoCodec).toBe('h264');
    expect(info.audioCodec).toBe('aac');
    expect(info.audioProfile).toBe('LC');
    expect(info.pixFmt).toBe('yuv420p');
    expect([info.width, info.height, info.fps]).toEqual([SMALL.width, SMALL.height, SMALL.fps]);
    expect(info.audioSampleRate).toBe(48_000);
    expect(Math.abs(info.durationSec - TWO_PAUSES.durationMs / 1000)).toBeLessThanOrEqual(0.1);
  });

  it('reads the same through the ffprobe-less fallback of the probe helper', async () => {
    const [viaProbe, viaFfmpeg] = await Promise.all([probe(firstOut), probeViaFfmpegOutput(firstOut)]);
    expect({ ...viaFfmpeg, durationSec: 0 }).toEqual({ ...viaProbe, durationSec: 0 });
    expect(Math.abs(viaFfmpeg.durationSec - viaProbe.durationSec)).toBeLessThanOrEqual(0.02);
  });

  it('is black and silent during each pause and nowhere else', async () => {
    const { black, silent } = await detectBlackAndSilence(firstOut);
    const pauses = pausesInSeconds(TWO_PAUSES);
    expect(expectRanges(black, pauses, 0.25)).toEqual([]);
    expect(expectRanges(silent, pauses, 0.25)).toEqual([]);
  });

  it('shows the elapsed media time (pauses included) everywhere it is recording', async () => {
    // Frames in the first chunk, a cut chunk before and after each pause, and the short last chunk;
    // chosen off tenth boundaries so the expected reading is unambiguous.
    const frames = [8, 40, 107, 119, 130, 161, 197];
    for (const frame of frames) {
      const t = frame / SMALL.fps;
      const luma = await lumaAt(firstOut, t - 0.5 / SMALL.fps, SMALL);
      expect({ t, clock: readClock(luma, SMALL) }).toEqual({ t, clock: expectedClock(t) });
    }
  });

  it('has its index (moov) before the media data, and no temporary file is left next to it', async () => {
    const boxes = await mp4TopLevelBoxes(firstOut);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect(await readdir(join(dir.path, 'out'))).toEqual(['two-pauses.mp4']);
    expect(await listFiles(join(dir.path, 'cache', 'tmp'))).toEqual([]);
  });

  it('ends black and silent when the recording was stopped while paused, and has neither without pauses', async () => {
    const endsPaused: MediaTimeline = { durationMs: 6_000, pauses: [{ startMs: 4_000, endMs: 6_000 }] };
    const pausedOut = join(dir.path, 'out-2', 'ends-paused.mp4');
    await renderer.render(endsPaused, pausedOut);
    const paused = await detectBlackAndSilence(pausedOut);
    expect(expectRanges(paused.black, [{ start: 4, end: 6 }], 0.25)).toEqual([]);
    expect(expectRanges(paused.silent, [{ start: 4, end: 6 }], 0.25)).toEqual([]);

    const plainOut = join(dir.path, 'out-2', 'plain.mp4');
    const { bytes } = await renderer.render({ durationMs: 5_000, pauses: [] }, plainOut);
    expect(bytes).toBe((await stat(plainOut)).size);
    expect(await detectBlackAndSilence(plainOut)).toEqual({ black: [], silent: [] });
    expect(Math.abs((await probe(plainOut)).durationSec - 5)).toBeLessThanOrEqual(0.1);
  });
});

describe('the chunk cache', () => {
  it('lets a second renderer on the same cache encode nothing and produce the identical file', async () => {
    const again = new MediaRenderer({ cacheDir: join(dir.path, 'cache'), ...SMALL });
    try {
      const out = join(dir.path, 'again', 'two-pauses.mp4');
      await again.render(TWO_PAUSES, out);
      expect(again.stats.recordedChunksEncoded).toBe(0);
      expect(again.stats.customChunksEncoded).toBe(0);
      expect(again.stats.chunksReused).toBeGreaterThan(0);
      expect(await sha256(out)).toBe(await sha256(firstOut));
    } finally {
      await again.close();
    }
  });

  it('encodes each chunk once when two renders need it at the same time', async () => {
    const shared = await tempDir('shared');
    const concurrent = new MediaRenderer({ cacheDir: shared.path, ...SMALL });
    try {
      const timeline: MediaTimeline = { durationMs: 11_000, pauses: [{ startMs: 5_000, endMs: 6_500 }] };
      const [a, b] = [join(shared.path, 'a.mp4'), join(shared.path, 'b.mp4')];
      await Promise.all([concurrent.render(timeline, a), concurrent.render(timeline, b)]);
      const plan = planChunks(timeline, SMALL.fps, SMALL.fps * 2);
      expect(concurrent.stats.recordedChunksEncoded).toBe(plan.filter((c) => c.kind === 'recorded').length);
      expect(concurrent.stats.customChunksEncoded).toBe(plan.filter((c) => c.kind !== 'recorded').length);
      expect(await sha256(a)).toBe(await sha256(b));
    } finally {
      await concurrent.close();
      await shared.remove();
    }
  });

  it('holds chunks that all share one SPS/PPS, so they concatenate into one valid stream', async () => {
    const folder = (await readdir(join(dir.path, 'cache'))).find((name) => name.startsWith('v1-'));
    expect(folder).toBeDefined();
    const chunkDir = join(dir.path, 'cache', folder ?? '');
    const names = (await readdir(chunkDir)).filter((n) => n.endsWith('.h264'));
    expect(names.some((n) => n.startsWith('rec-'))).toBe(true);
    expect(names.some((n) => n.startsWith('black-'))).toBe(true);
    expect(names.some((n) => n.startsWith('cut-'))).toBe(true);
    const parameterSets = new Set<string>();
    for (const name of names) {
      const data = await readFile(join(chunkDir, name));
      const units = nalUnits(data);
      expect(units[0]?.type).toBe(7);
      units.forEach((unit, i) => {
        if (unit.type !== 7 && unit.type !== 8) return;
        // The next start code is 00 00 01, possibly after a leading zero byte that belongs to it.
        let end = (units[i + 1]?.offset ?? data.length + 3) - 3;
        while (end > unit.offset && data[end - 1] === 0) end--;
        parameterSets.add(data.subarray(unit.offset, end).toString('hex'));
      });
    }
    expect(parameterSets.size).toBe(2);
    expect(existsSync(join(chunkDir, 'aac-tone.adts'))).toBe(true);
  });
});
