// A download killed with SIGKILL (another process, mid-transfer) resumes after a "restart":
// resumePending() continues from the partial file and fetches only the missing bytes.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../electron/core/downloads';
import { finishedRecording, sha256File, tapFetch, waitUntil, type Fixture } from './sandbox-media';

const CHILD = fileURLToPath(new URL('./download-child.ts', import.meta.url));

let fx: Fixture;
let dir: string;

beforeAll(async () => {
  fx = await finishedRecording();
  dir = await mkdtemp(join(tmpdir(), 'rr-dl-kill-'));
}, 90_000);

afterAll(async () => {
  await fx?.sandbox.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function partSize(): Promise<number> {
  const part = (await readdir(dir)).find((f) => f.endsWith('.part'));
  return part === undefined ? 0 : (await stat(join(dir, part))).size;
}

describe('resume after the process was killed', () => {
  it('continues from the part on disk without refetching finished bytes', async () => {
    fx.sandbox.faults.set({ throttleMediaBps: 60_000 });
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, fx.sandbox.baseUrl, fx.sandbox.apiKey, fx.recordingId, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    try {
      await waitUntil(async () => (await partSize()) >= 90_000, 45_000, `child download progress (${stderr})`);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const kept = await partSize();
    expect(kept).toBeGreaterThanOrEqual(90_000);
    expect(kept).toBeLessThan(fx.size);
    fx.sandbox.faults.reset();

    const tap = tapFetch();
    const restarted = new DownloadManager({ client: fx.client, downloadDir: () => dir, fetch: tap.fetch });
    const tickets = await restarted.resumePending();
    expect(tickets.map((t) => t.recordingId)).toEqual([fx.recordingId]);
    const result = await tickets[0]!.done;

    expect(result.resumedFromBytes).toBe(kept);
    expect(tap.media).toEqual([{ range: `bytes=${kept}-`, status: 206, received: fx.size - kept }]);
    expect(await sha256File(result.path)).toBe(fx.sha256);
    expect(result.fileName.startsWith('Killed ')).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(fx.sandbox.requestLog().filter((r) => r.path.startsWith('/_media/') && r.status === 206)).toHaveLength(1);
  });
});
