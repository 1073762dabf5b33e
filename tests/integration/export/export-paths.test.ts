// The other ways through a clean export: inputs the stream-copy path cannot cut (B-frames), a
// stream-copy result that fails verification, cancellation, and every kind of bad input.
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFfmpegPath, exportClean, ExportError } from '../../../electron/core/export';
import type { MediaRenderer, MediaTimeline } from '../../../electron/sandbox/media';
import { detectBlackAndSilence, probe } from '../../support/media-probe';
import { FORMAT, keptFrames, newRenderer, psnrAgainstKept, registryFfmpeg, renderRecording, tempDir, videoFrameCount } from './helpers';

let root: { path: string; remove: () => Promise<void> };
let renderer: MediaRenderer;
let seq = 0;

beforeAll(async () => {
  root = await tempDir('paths');
  renderer = newRenderer(join(root.path, 'cache'));
});
afterAll(async () => {
  await renderer.close();
  await root.remove();
});

async function workspace(): Promise<string> {
  const dir = join(root.path, `case-${++seq}`);
  await mkdir(dir);
  return dir;
}

const TWO_PAUSES: MediaTimeline = { durationMs: 16_000, pauses: [{ startMs: 3_000, endMs: 5_400 }, { startMs: 9_000, endMs: 11_000 }] };
const TWO_SPANS = [{ startSec: 3, endSec: 5.4 }, { startSec: 9, endSec: 11 }];

async function expectFrameAccurate(output: string, input: string, kept: Array<[number, number]>): Promise<void> {
  const count = kept.reduce((n, [a, b]) => n + b - a, 0);
  expect(await videoFrameCount(output)).toBe(count);
  const psnr = await psnrAgainstKept(output, input, kept, root.path);
  expect(psnr).toHaveLength(count);
  expect(Math.min(...psnr)).toBeGreaterThan(40);
}

describe('the full re-encode', () => {
  it('cuts a B-frame recording frame-accurately, and black with sound playing is not a pause', async () => {
    const dir = await workspace();
    const input = join(dir, 'bframes.mp4');
    // 16 s of moving test picture; black+silent 4–6 s; black while the tone goes on 10–12 s.
    const black = "between(t,4,5.999)+between(t,10,11.999)";
    await registryFfmpeg([
      '-f', 'lavfi', '-i', `testsrc2=s=${FORMAT.width}x${FORMAT.height}:r=${FORMAT.fps}:d=16,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='${black}'`,
      '-f', 'lavfi', '-i', "sine=f=440:sample_rate=48000:d=16,volume=volume=0:enable='between(t,4,5.999)'",
      '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-c:a', 'aac', '-shortest', input,
    ]);
    const result = await exportClean({ inputPath: input, baseName: 'bframes', userPauseSpans: [{ startSec: 4.3, endSec: 6.2 }, { startSec: 10, endSec: 12 }] });
    expect(result).toMatchObject({ method: 'reencode', verified: true, cuts: [{ startSec: 4, endSec: 6 }] });
    expect(result.fallbackReason).toMatch(/B-frames/);
    expect(Math.abs((await probe(result.outputPath)).durationSec - 14)).toBeLessThanOrEqual(0.2);
    await expectFrameAccurate(result.outputPath, input, [[0, 60], [90, 240]]);
    const left = await detectBlackAndSilence(result.outputPath);
    expect(left.silent).toEqual([]);
    expect(left.black).toHaveLength(1);
    expect(left.black[0]!.start).toBeCloseTo(8, 1);
  });

  it('a recording without sound is cut where its picture is black', async () => {
    const dir = await workspace();
    const input = join(dir, 'silent-film.mp4');
    await registryFfmpeg([
      '-f', 'lavfi', '-i', `testsrc2=s=${FORMAT.width}x${FORMAT.height}:r=${FORMAT.fps}:d=8,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,2,3.999)'`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', input,
    ]);
    const result = await exportClean({ inputPath: input, baseName: 'silent film', userPauseSpans: [{ startSec: 2, endSec: 4 }] });
    expect(result).toMatchObject({ method: 'stream_copy', cuts: [{ startSec: 2, endSec: 4 }] });
    const facts = await probe(result.outputPath);
    expect(facts.audioCodec).toBeNull();
    expect(Math.abs(facts.durationSec - 6)).toBeLessThanOrEqual(0.2);
    await expectFrameAccurate(result.outputPath, input, [[0, 30], [60, 120]]);
  });

  it('takes over, verified, when the stream-copy result fails verification', async () => {
    const dir = await workspace();
    const input = join(dir, 'Sprint.mp4');
    await renderRecording(renderer, TWO_PAUSES, input);
    // An ffmpeg that truncates the stream-copy join (the concat step) and is honest otherwise.
    const wrapper = join(dir, 'ffmpeg-breaks-concat.mjs');
    await writeFile(
      wrapper,
      `#!${process.execPath}
import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
if (args.includes('concat')) args.splice(args.length - 1, 0, '-frames:v', '20');
const child = spawnSync(${JSON.stringify(bundledFfmpegPath())}, args, { stdio: 'inherit' });
process.exit(child.status ?? 1);
`,
    );
    await chmod(wrapper, 0o755);
    const result = await exportClean({ inputPath: input, outputDir: dir, baseName: 'Sprint', userPauseSpans: TWO_SPANS, ffmpegPath: wrapper });
    expect(result.method).toBe('reencode');
    expect(result.fallbackReason).toMatch(/stream-copy result failed verification: .*frames/);
    await expectFrameAccurate(result.outputPath, input, keptFrames(TWO_PAUSES.durationMs, TWO_PAUSES.pauses, FORMAT.fps));
  });
});

describe('cancel', () => {
  it('an abort while ffmpeg runs rejects as cancelled and leaves nothing in the output folder', async () => {
    const dir = await workspace();
    const input = join(dir, 'Long.mp4');
    await renderRecording(renderer, TWO_PAUSES, input);
    const controller = new AbortController();
    const seen: number[] = [];
    const job = exportClean({
      inputPath: input,
      baseName: 'Long',
      userPauseSpans: TWO_SPANS,
      method: 'reencode',
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (f > 0.4) controller.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ name: 'ExportError', kind: 'cancelled' });
    expect(Math.max(...seen)).toBeLessThan(1);
    expect(await readdir(dir)).toEqual(['Long.mp4']);
  });

  it('an abort before the start does nothing at all', async () => {
    const dir = await workspace();
    const input = join(dir, 'Short.mp4');
    await renderRecording(renderer, { durationMs: 3_000, pauses: [] }, input);
    await expect(exportClean({ inputPath: input, baseName: 'Short', userPauseSpans: [], signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await readdir(dir)).toEqual(['Short.mp4']);
  });
});

describe('bad input ends in a specific error, nothing written', () => {
  const attempt = (inputPath: string, extra: Partial<Parameters<typeof exportClean>[0]> = {}): Promise<unknown> =>
    exportClean({ inputPath, baseName: 'X', userPauseSpans: [{ startSec: 1, endSec: 2 }], ...extra }).then(
      () => null,
      (err: unknown) => err,
    );

  it('missing, empty, not an MP4, cut off, without video', async () => {
    const dir = await workspace();
    expect(await attempt(join(dir, 'gone.mp4'))).toMatchObject({ kind: 'input_missing', message: expect.stringContaining('does not exist') });
    await writeFile(join(dir, 'empty.mp4'), '');
    expect(await attempt(join(dir, 'empty.mp4'))).toMatchObject({ kind: 'input_invalid', message: expect.stringContaining('empty') });
    await writeFile(join(dir, 'notes.mp4'), 'these are meeting notes, not a video\n');
    expect(await attempt(join(dir, 'notes.mp4'))).toMatchObject({ kind: 'input_invalid', message: expect.stringContaining('Not an MP4') });
    expect(await attempt(dir)).toMatchObject({ kind: 'input_invalid', message: expect.stringContaining('folder') });

    const whole = join(dir, 'whole.mp4');
    await renderRecording(renderer, TWO_PAUSES, whole);
    const bytes = await readFile(whole);
    await writeFile(join(dir, 'cut-off.mp4'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await attempt(join(dir, 'cut-off.mp4'))).toMatchObject({ kind: 'input_invalid', message: expect.stringContaining('incomplete') });
    await writeFile(join(dir, 'no-index.mp4'), Buffer.concat([bytes.subarray(0, 32), Buffer.alloc(64)]));
    expect(await attempt(join(dir, 'no-index.mp4'))).toMatchObject({ kind: 'input_invalid' });

    await registryFfmpeg(['-f', 'lavfi', '-i', 'sine=d=2', '-c:a', 'aac', join(dir, 'audio-only.mp4')]);
    expect(await attempt(join(dir, 'audio-only.mp4'))).toMatchObject({ kind: 'input_invalid', message: expect.stringContaining('no video') });
    expect((await readdir(dir)).sort()).toEqual(['audio-only.mp4', 'cut-off.mp4', 'empty.mp4', 'no-index.mp4', 'notes.mp4', 'whole.mp4']);
  });

  it('no ffmpeg, no output folder, bad spans, bad transcript, nothing left after the cut', async () => {
    const dir = await workspace();
    const input = join(dir, 'in.mp4');
    await renderRecording(renderer, { durationMs: 4_000, pauses: [{ startMs: 0, endMs: 4_000 }] }, input);
    expect(await attempt(input, { ffmpegPath: join(dir, 'no-ffmpeg') })).toMatchObject({ kind: 'ffmpeg_missing' });
    expect(await attempt(input, { outputDir: join(dir, 'missing') })).toMatchObject({ kind: 'output_unwritable', message: expect.stringContaining('does not exist') });
    expect(await attempt(input, { userPauseSpans: [{ startSec: 3, endSec: 1 }] })).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('Pause 1') });
    expect(await attempt(input, { userPauseSpans: [{ startSec: Number.NaN, endSec: 1 }] })).toMatchObject({ kind: 'invalid_request' });
    expect(await attempt(input, { baseName: ' ' })).toMatchObject({ kind: 'invalid_request' });
    const badTranscript = [{ participant: { name: 'A' }, words: [{ text: 'x', start_timestamp: { relative: 'soon' } }] }] as unknown as Parameters<typeof exportClean>[0]['transcript'];
    expect(await attempt(input, { transcript: badTranscript })).toMatchObject({ kind: 'transcript_invalid', message: expect.stringContaining('0.words.0.start_timestamp.relative') });
    const whole = await attempt(input, { userPauseSpans: [{ startSec: 0, endSec: 4 }] });
    expect(whole).toBeInstanceOf(ExportError);
    expect(whole).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('nothing would be left') });
    expect(await readdir(dir)).toEqual(['in.mp4']);
  });
});
