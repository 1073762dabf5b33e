// How an ffmpeg run is reported: progress from -progress lines, failures with the stderr tail,
// a full disk recognised, an abort killing the process. A tiny script stands in for ffmpeg.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../../electron/core/export/ffmpeg-process';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-ffmpeg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeFfmpeg(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('runFfmpeg', () => {
  it('reports progress as a fraction of the output duration', async () => {
    const ffmpeg = await fakeFfmpeg('progress', 'printf "frame=1\\nout_time_ms=500000\\nprogress=continue\\nout_time_ms=2000000\\nout_time_ms=9000000\\nprogress=end\\n"');
    const seen: number[] = [];
    await runFfmpeg(ffmpeg, { args: [], outputDurationSec: 4, onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.125, 0.5, 1]);
  });

  it('a failure carries the exit code and the end of stderr', async () => {
    const ffmpeg = await fakeFfmpeg('fails', 'for i in 1 2 3 4 5 6 7 8; do echo "line $i" >&2; done\necho "Conversion failed!" >&2\nexit 3');
    const err = await runFfmpeg(ffmpeg, { args: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ExportError', kind: 'ffmpeg_failed', message: 'ffmpeg failed (exit code 3): Conversion failed!' });
    expect((err as { stderrTail: string }).stderrTail.split('\n')).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'Conversion failed!']);
  });

  it('recognises a full disk', async () => {
    const ffmpeg = await fakeFfmpeg('full', 'echo "[mp4 @ 0x1] Error writing trailer: No space left on device" >&2\nexit 1');
    await expect(runFfmpeg(ffmpeg, { args: [] })).rejects.toMatchObject({ kind: 'disk_full' });
  });

  it('a missing binary is ffmpeg_missing', async () => {
    await expect(runFfmpeg(join(dir, 'nothing-here'), { args: [] })).rejects.toMatchObject({ kind: 'ffmpeg_missing', code: 'ENOENT' });
  });

  it('an abort kills the process and rejects as cancelled', async () => {
    const ffmpeg = await fakeFfmpeg('slow', 'exec sleep 30');
    const controller = new AbortController();
    const started = Date.now();
    const run = runFfmpeg(ffmpeg, { args: [], signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('allowFailure resolves with the exit code and captured output', async () => {
    const ffmpeg = await fakeFfmpeg('probe', 'echo "Input #0, mov,mp4" >&2\necho out\nexit 1');
    await expect(runFfmpeg(ffmpeg, { args: [], allowFailure: true, captureStdout: true, captureStderr: true })).resolves.toEqual({ code: 1, stdout: 'out\n', stderr: 'Input #0, mov,mp4\n' });
  });
});
