// `recall-remote export` end to end against the sandbox: a recording paused twice is
// downloaded, then exported; the pauses come from the bot's own status history, the transcript
// from Recall's transcript artifact.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { download } from '../../../electron/cli/commands/download';
import { exportCommand } from '../../../electron/cli/commands/export';
import { runCli } from '../../../electron/cli/main';
import { RecallClient } from '../../../electron/core/recall';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { detectBlackAndSilence, probe } from '../../support/media-probe';
import { FORMAT, tempDir } from './helpers';

const SPEED = 20;
const COMMANDS = [download, exportCommand];

let root: { path: string; remove: () => Promise<void> };
let sandbox: Sandbox;

beforeAll(async () => {
  root = await tempDir('cli');
  sandbox = await startSandbox({ speed: SPEED, media: FORMAT, dataDir: join(root.path, 'sandbox') });
});
afterAll(async () => {
  await sandbox.close();
  await root.remove();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(25);
  }
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { RECALL_API_BASE: sandbox.baseUrl, RECALL_API_KEY: sandbox.apiKey } };
  const code = await runCli(argv, io, COMMANDS);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A recording with two pauses of ~3 s media time each, finished and processed. */
async function pausedRecording(client: RecallClient): Promise<{ botId: string; recordingId: string }> {
  const bot = await client.createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', recording_config: null });
  await until(async () => (await client.getBot(bot.id)).status_changes.at(-1)?.code === 'in_call_not_recording');
  await client.startRecording(bot.id, { transcript: { provider: { meeting_captions: {} } } });
  for (let i = 0; i < 2; i++) {
    await sleep(200);
    await client.pauseRecording(bot.id);
    await sleep(150);
    await client.resumeRecording(bot.id);
  }
  await sleep(200);
  const stopped = await client.stopRecording(bot.id);
  const recordingId = stopped.recordings[0]?.id ?? '';
  await until(async () => {
    const recording = await client.getRecording(recordingId);
    return recording.status?.code === 'done' && recording.media_shortcuts?.transcript?.status.code === 'done';
  });
  return { botId: bot.id, recordingId };
}

describe('recall-remote export', () => {
  it('cuts the pauses of a downloaded recording and re-times its transcript', async () => {
    const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const { botId, recordingId } = await pausedRecording(client);
    const dir = join(root.path, 'downloads');

    const early = await cli(['export', botId, '--recording', recordingId, '--out', dir]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`recall-remote download ${botId} --recording ${recordingId}`);

    expect((await cli(['download', botId, '--recording', recordingId, '--out', dir])).code).toBe(0);
    const run = await cli(['export', botId, '--recording', recordingId, '--out', dir, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      input_path: string;
      output_path: string;
      transcript: { json: string; srt: string; vtt: string };
      cuts: Array<{ start_sec: number; end_sec: number }>;
      kept_duration_sec: number;
    };
    expect(report.ok).toBe(true);
    expect(report.output_path).toBe(report.input_path.replace(/\.mp4$/, ' (clean).mp4'));
    expect(report.cuts).toHaveLength(2);
    for (const cut of report.cuts) expect(cut.end_sec - cut.start_sec).toBeGreaterThan(1.5);
    const original = await probe(report.input_path);
    const removed = report.cuts.reduce((s, c) => s + c.end_sec - c.start_sec, 0);
    expect(Math.abs((await probe(report.output_path)).durationSec - (original.durationSec - removed))).toBeLessThanOrEqual(0.2);
    expect(await detectBlackAndSilence(report.output_path)).toEqual({ black: [], silent: [] });
    await access(report.transcript.srt);
    await access(report.transcript.vtt);
    const words = (JSON.parse(await readFile(report.transcript.json, 'utf8')) as Array<{ words: Array<{ end_timestamp: { relative: number } }> }>).flatMap((e) => e.words);
    expect(words.length).toBeGreaterThan(0);
    expect(Math.max(...words.map((w) => w.end_timestamp.relative))).toBeLessThanOrEqual(report.kept_duration_sec);

    const human = await cli(['export', botId, '--recording', recordingId, '--out', dir]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Saved .* \(clean\) \(2\)\.mp4 — 2 paused spans removed/);
  });

  it('names a recording the bot does not have', async () => {
    const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const bot = await client.createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', recording_config: null });
    const run = await cli(['export', bot.id, '--recording', 'nope', '--out', root.path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`recall-remote: Recording nope is not one of bot ${bot.id}'s recordings`);
    expect((await cli(['export', bot.id])).code).toBe(2);
  });
});
