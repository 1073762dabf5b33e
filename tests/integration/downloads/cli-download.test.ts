// `recall-remote segments` and `download` against the sandbox: the table, verified files,
// the progress display (terminal redraw vs plain lines) and non-zero exits for incomplete files.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { makeDownloadCommand, type ProgressSink } from '../../../electron/cli/commands/download';
import { COMMANDS } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/main';
import { realSleep } from '../../../electron/core/recall';
import { finishedRecording, sha256File, tapFetch, waitUntil, type Fixture } from './sandbox-media';

const BIN = fileURLToPath(new URL('../../../bin/recall-remote.mjs', import.meta.url));

let fx: Fixture;
let dir: string;

beforeAll(async () => {
  fx = await finishedRecording();
}, 90_000);

afterAll(async () => {
  await fx?.sandbox.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fx.sandbox.faults.reset();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(join(tmpdir(), 'rr-cli-dl-'));
});

interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
}

function capture(signal?: AbortSignal): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { RECALL_API_BASE: fx.sandbox.baseUrl, RECALL_API_KEY: fx.sandbox.apiKey, HOME: dir },
      sleep: (ms, s) => realSleep(Math.min(ms, 30), s),
      ...(signal && { signal }),
    },
  };
}

describe('recall-remote segments / download', () => {
  it('lists the recording with recorded and paused time, then downloads it byte-identical', async () => {
    const before = capture();
    expect(await runCli(['segments', fx.botId, '--out', dir], before.io)).toBe(0);
    const table = before.out.join('\n').split('\n');
    expect(table[1]).toMatch(/^#\s+RECORDING\s+STATUS\s+STARTED\s+DURATION\s+RECORDED \/ PAUSED\s+MEDIA\s+LOCAL$/);
    expect(table[2]).toContain(fx.recordingId);
    expect(table[2]).toMatch(/\bdone\b.*\d:\d\d:\d\d \/ 0:00:(0[1-9]|[1-9]\d)\s+done\s+not downloaded$/);

    fx.sandbox.faults.set({ truncateMediaAtBytes: 150_000 });
    const run = capture();
    expect(await runCli(['download', fx.botId, '--out', dir], run.io)).toBe(0);
    const saved = run.err.find((l) => l.startsWith('Saved '));
    expect(saved).toContain(join(dir, 'Design review '));
    expect(run.err.some((l) => l.startsWith('Retrying '))).toBe(true);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.mp4'));
    expect(files).toHaveLength(1);
    expect(await sha256File(join(dir, files[0]!))).toBe(fx.sha256);

    const after = capture();
    expect(await runCli(['segments', fx.botId, '--out', dir, '--json'], after.io)).toBe(0);
    const json = JSON.parse(after.out.join('\n')) as { segments: Array<Record<string, unknown>> };
    expect(json.segments).toHaveLength(1);
    expect(json.segments[0]).toMatchObject({ recording_id: fx.recordingId, state: 'done', local: { kind: 'downloaded', sha256: fx.sha256 } });
    expect((json.segments[0]!.pauses as unknown[]).length).toBe(1);
    expect(json.segments[0]!.paused_ms as number).toBeGreaterThan(0);
  });

  it('--all downloads every finished recording once, with JSON output', async () => {
    const first = capture();
    expect(await runCli(['download', fx.botId, '--all', '--out', dir, '--json'], first.io)).toBe(0);
    const report = JSON.parse(first.out.join('\n')) as { ok: boolean; downloads: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.downloads).toEqual([expect.objectContaining({ recording_id: fx.recordingId, ok: true, sha256: fx.sha256, size: fx.size })]);
    const again = capture();
    expect(await runCli(['download', fx.botId, '--all', '--out', dir], again.io)).toBe(0);
    expect(again.out.join('\n')).toContain('already in');
  });

  it('redraws one progress line on a terminal and prints plain lines otherwise', async () => {
    fx.sandbox.faults.set({ throttleMediaBps: 400_000 });
    const writes: string[] = [];
    const tty: ProgressSink = { isTTY: true, write: (t) => writes.push(t) };
    const c = capture();
    expect(await runCli(['download', fx.botId, '--out', dir], c.io, [makeDownloadCommand(() => tty)])).toBe(0);
    const bars = writes.filter((w) => w.startsWith('\r') && w.includes('%'));
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars.every((w) => !w.includes('\n'))).toBe(true);
    expect(bars.at(-1)).toMatch(/\[#{24}\] 100%/);
    expect(writes.some((w) => w.startsWith('Saved '))).toBe(true);

    await rm(dir, { recursive: true, force: true });
    const lines: string[] = [];
    const plain: ProgressSink = { isTTY: false, write: (t) => lines.push(t) };
    expect(await runCli(['download', fx.botId, '--out', dir], capture().io, [makeDownloadCommand(() => plain)])).toBe(0);
    expect(lines.every((l) => !l.includes('\r') && l.endsWith('\n'))).toBe(true);
    expect(lines[0]).toMatch(/^Downloading {2}\[/);
  });

  it('exits non-zero when a file is incomplete, keeping the part for the next run', async () => {
    const missing = capture();
    expect(await runCli(['download', fx.botId, '--recording', '00000000-0000-4000-8000-000000000000', '--out', dir], missing.io)).toBe(1);
    expect(missing.err.at(-1)).toMatch(/^recall-remote: 1 of 1 downloads are incomplete: Recording 00000000-0000-4000-8000-000000000000 was not found/);

    const usage = capture();
    expect(await runCli(['download', fx.botId, '--recording', fx.recordingId, '--all'], usage.io)).toBe(2);

    fx.sandbox.faults.set({ throttleMediaBps: 50_000 });
    const controller = new AbortController();
    const interrupted = capture(controller.signal);
    const running = runCli(['download', fx.botId, '--out', dir], interrupted.io);
    await waitUntil(async () => (await readdir(dir)).some((f) => f.endsWith('.part')), 20_000, 'a partial file');
    controller.abort();
    expect(await running).toBe(130);
    expect(interrupted.err.at(-1)).toMatch(/partial files are kept/);
    const part = (await readdir(dir)).find((f) => f.endsWith('.part'));
    expect(part).toBeDefined();
    const kept = (await stat(join(dir, part!))).size;

    fx.sandbox.faults.reset();
    const tap = tapFetch();
    const resumed = capture();
    expect(await runCli(['download', fx.botId, '--out', dir, '--json'], { ...resumed.io, fetch: tap.fetch })).toBe(0);
    expect(tap.media).toEqual([{ range: `bytes=${kept}-`, status: 206, received: fx.size - kept }]);
    const files = (await readdir(dir)).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(1);
    expect(await sha256File(join(dir, files[0]!))).toBe(fx.sha256);
  });

  it('registers both commands, and the real binary exits non-zero on an incomplete download', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['segments', 'download']));
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'download', fx.botId, '--recording', '00000000-0000-4000-8000-000000000000', '--out', dir],
        { env: { PATH: process.env.PATH ?? '', HOME: dir, RECALL_API_BASE: fx.sandbox.baseUrl, RECALL_API_KEY: fx.sandbox.apiKey }, timeout: 30_000 },
        (error, _stdout, stderr) => resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/downloads are incomplete/);
  });
});
