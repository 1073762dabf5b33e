// The renderer's life cycle and failures: abort and close stop ffmpeg and leave no files,
// warm-up pre-renders as far as its horizon allows, and bad input or a broken ffmpeg end in
// specific typed errors.
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FfmpegError,
  MediaAbortedError,
  MediaConfigError,
  MediaRenderer,
  MediaTimelineError,
  type MediaTimeline,
  type MediaTimelineErrorCode,
} from '../../../electron/sandbox/media';
import { probe } from '../../support/media-probe';
import { SMALL, TWO_PAUSES, listFiles, tempDir } from './helpers';

let dir: { path: string; remove: () => Promise<void> };
const renderers: MediaRenderer[] = [];

function renderer(extra: Partial<ConstructorParameters<typeof MediaRenderer>[0]> = {}): MediaRenderer {
  const created = new MediaRenderer({ cacheDir: join(dir.path, 'cache'), ...SMALL, ...extra });
  renderers.push(created);
  return created;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** Long enough that an abort always lands while ffmpeg is still encoding. */
const LONG: MediaTimeline = { durationMs: 40 * 60_000, pauses: [{ startMs: 60_000, endMs: 90_000 }] };

beforeEach(async () => {
  dir = await tempDir('lifecycle');
});

afterEach(async () => {
  await Promise.all(renderers.splice(0).map((r) => r.close()));
  await dir.remove();
});

async function leftovers(): Promise<string[]> {
  const files = await listFiles(dir.path);
  return files.filter((f) => f.endsWith('.tmp') || f.startsWith('out') || f.includes('render-'));
}

describe('abort and close', () => {
  it('abort stops ffmpeg, rejects with an AbortError and leaves no output or temp files', async () => {
    const r = renderer();
    const controller = new AbortController();
    const out = join(dir.path, 'out', 'long.mp4');
    const pending = r.render(LONG, out, controller.signal);
    await until(() => r.stats.recordedChunksEncoded > 0, 'the first chunk');
    controller.abort();
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaAbortedError);
    expect(error).toMatchObject({ name: 'AbortError', reason: 'aborted' });
    expect(r.runningProcesses).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.tmp`)).toBe(false);
    expect(await leftovers()).toEqual([]);

    // The renderer stays usable and the chunks it kept are sound.
    const after = join(dir.path, 'after.mp4');
    await r.render(TWO_PAUSES, after);
    expect(Math.abs((await probe(after)).durationSec - 13.3)).toBeLessThanOrEqual(0.1);
  });

  it('an already aborted signal rejects without starting ffmpeg', async () => {
    const r = renderer();
    const out = join(dir.path, 'out', 'never.mp4');
    await expect(r.render(TWO_PAUSES, out, AbortSignal.abort())).rejects.toBeInstanceOf(MediaAbortedError);
    expect(r.stats.recordedChunksEncoded).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('close() rejects renders in progress as closed, kills ffmpeg and refuses new renders', async () => {
    const r = renderer();
    const out = join(dir.path, 'out', 'closing.mp4');
    const pending = r.render(LONG, out);
    await until(() => r.runningProcesses > 0, 'ffmpeg to start');
    await r.close();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', reason: 'closed' });
    expect(r.runningProcesses).toBe(0);
    expect(await leftovers()).toEqual([]);
    await expect(r.render(TWO_PAUSES, out)).rejects.toMatchObject({ reason: 'closed' });
  });
});

describe('warm()', () => {
  it('pre-renders from media time 0 up to its lead, follows the recording as time passes, and stops at its cap', async () => {
    let now = 1_000_000;
    // 2 s chunks: a 4 s lead is 2 chunks; the sandbox runs at double speed; the cap is 5 chunks.
    const r = renderer({ now: () => now, warmLeadMs: 4_000, timeScale: 2, warmMaxMs: 10_000 });
    r.warm();
    await r.whenWarm();
    expect(r.stats.recordedChunksEncoded).toBe(2);

    now += 1_500;
    r.warm();
    await r.whenWarm();
    expect(r.stats.recordedChunksEncoded).toBe(4);

    now += 3_600_000;
    r.warm();
    await r.whenWarm();
    expect(r.stats.recordedChunksEncoded).toBe(5);

    await r.render({ durationMs: 10_000, pauses: [] }, join(dir.path, 'warmed.mp4'));
    expect(r.stats.recordedChunksEncoded).toBe(5);
    expect(r.stats.chunksReused).toBe(5);
  });
});

describe('errors', () => {
  const invalid: Array<[string, MediaTimeline, MediaTimelineErrorCode]> = [
    ['a negative duration', { durationMs: -1, pauses: [] }, 'invalid_duration'],
    ['a duration that is not a number', { durationMs: Number.NaN, pauses: [] }, 'invalid_duration'],
    ['a pause ending before it starts', { durationMs: 10_000, pauses: [{ startMs: 5_000, endMs: 4_000 }] }, 'invalid_pause'],
    ['a pause with a negative start', { durationMs: 10_000, pauses: [{ startMs: -5, endMs: 4_000 }] }, 'invalid_pause'],
    ['pauses out of order', { durationMs: 10_000, pauses: [{ startMs: 6_000, endMs: 7_000 }, { startMs: 1_000, endMs: 2_000 }] }, 'unsorted_pauses'],
    ['overlapping pauses', { durationMs: 10_000, pauses: [{ startMs: 1_000, endMs: 3_000 }, { startMs: 2_000, endMs: 4_000 }] }, 'overlapping_pauses'],
    ['a pause beyond the end', { durationMs: 10_000, pauses: [{ startMs: 9_000, endMs: 11_000 }] }, 'pause_outside_duration'],
  ];
  it.each(invalid)('rejects %s with a specific timeline error and starts no ffmpeg', async (_label, timeline, code) => {
    const r = renderer();
    const error: unknown = await r.render(timeline, join(dir.path, 'out', 'bad.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaTimelineError);
    expect(error).toMatchObject({ code });
    expect(r.stats.recordedChunksEncoded + r.stats.customChunksEncoded).toBe(0);
  });

  it('rejects an unusable video format when constructed', () => {
    expect(() => new MediaRenderer({ cacheDir: dir.path, width: 321, height: 180, fps: 15 })).toThrow(MediaConfigError);
    expect(() => new MediaRenderer({ cacheDir: dir.path, width: 320, height: 180, fps: 0 })).toThrow(MediaConfigError);
    expect(() => new MediaRenderer({ cacheDir: dir.path, width: 320, height: 180, fps: 29.97 })).toThrow(/whole number/);
  });

  it('reports a missing ffmpeg as such', async () => {
    const r = renderer({ ffmpegPath: join(dir.path, 'no-such-ffmpeg') });
    const error: unknown = await r.render(TWO_PAUSES, join(dir.path, 'out', 'x.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect(error).toMatchObject({ kind: 'missing' });
  });

  it.skipIf(process.platform === 'win32')('reports a failing ffmpeg with the tail of its stderr and leaves no files', async () => {
    const fake = join(dir.path, 'broken-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "Unknown encoder libx264" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const r = renderer({ ffmpegPath: fake });
    const out = join(dir.path, 'out', 'broken.mp4');
    const error: unknown = await r.render(TWO_PAUSES, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect(error).toMatchObject({ kind: 'failed', exitCode: 1, stderrTail: 'Unknown encoder libx264', message: expect.stringContaining('Unknown encoder libx264') });
    expect(r.runningProcesses).toBe(0);
    expect(await leftovers()).toEqual([]);
  });
});
