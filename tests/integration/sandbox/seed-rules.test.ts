// The recording-control semantics the product is built on (DESIGN.md), each proven through the
// project's own RecallClient over real HTTP against the sandbox.
import { describe, expect, it } from 'vitest';
import { RecallClient, RecallError, currentStatus, latestRecording, liveRecordingState, type Bot } from '../../../electron/core/recall';
import type { Sandbox } from '../../../electron/sandbox';
import { MEET_URL, testSandbox } from './helpers';

function clientFor(sandbox: Sandbox): RecallClient {
  return new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
}

async function until(client: RecallClient, botId: string, predicate: (bot: Bot) => boolean, timeoutMs = 20_000): Promise<Bot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bot = await client.getBot(botId);
    if (predicate(bot)) return bot;
    if (Date.now() > deadline) throw new Error(`timed out; bot is ${bot.status_changes.map((s) => s.code).join(' → ')}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const code = (bot: Bot): string | undefined => currentStatus(bot)?.code;

async function recordingDone(client: RecallClient, recordingId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await client.getRecording(recordingId)).status?.code !== 'done') {
    if (Date.now() > deadline) throw new Error('recording never finished processing');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function errorOf(promise: Promise<unknown>): Promise<RecallError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RecallError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function recordingBot(client: RecallClient, input: Parameters<RecallClient['createBot']>[0] = { meeting_url: MEET_URL }): Promise<Bot> {
  const bot = await client.createBot(input);
  return until(client, bot.id, (b) => code(b) === 'in_call_recording');
}

describe('seed rules through RecallClient', () => {
  it('recording_config omitted: the bot starts recording by itself once in the call', async () => {
    const client = clientFor(await testSandbox());
    const bot = await client.createBot({ meeting_url: MEET_URL });
    expect(bot.status_changes).toEqual([]);
    const recording = await until(client, bot.id, (b) => code(b) === 'in_call_recording');
    expect(liveRecordingState(recording)).toBe('recording');
    expect(recording.recordings).toHaveLength(1);
  });

  it('recording_config null (and start_recording_on manual): nothing is recorded until Start Recording', async () => {
    const client = clientFor(await testSandbox());
    for (const input of [{ meeting_url: MEET_URL, recording_config: null }, { meeting_url: MEET_URL, recording_config: { start_recording_on: 'manual' as const } }]) {
      const bot = await client.createBot(input);
      const idle = await until(client, bot.id, (b) => code(b) === 'in_call_not_recording');
      await new Promise((r) => setTimeout(r, 150)); // several sandbox seconds: no automatic start
      const still = await client.getBot(bot.id);
      expect(liveRecordingState(still)).toBe('not_recording');
      expect(still.recordings).toEqual([]);
      expect(idle.recordings).toEqual([]);
      const started = await client.startRecording(bot.id);
      expect(code(started)).toBe('in_call_recording');
      expect(started.recordings).toHaveLength(1);
    }
  });

  it('pause/resume keep ONE recording: paused while paused (bot in_call_not_recording), processing after resume', async () => {
    const client = clientFor(await testSandbox());
    const bot = await recordingBot(client);
    const paused = await client.pauseRecording(bot.id);
    expect(code(paused)).toBe('in_call_not_recording');
    expect(latestRecording(paused)?.status?.code).toBe('paused');
    expect(liveRecordingState(paused)).toBe('paused');
    const resumed = await client.resumeRecording(bot.id);
    expect(code(resumed)).toBe('in_call_recording');
    expect(latestRecording(resumed)?.status?.code).toBe('processing');
    await client.pauseRecording(bot.id);
    const again = await client.resumeRecording(bot.id);
    expect(again.recordings).toHaveLength(1);
    expect(again.recordings[0]?.id).toBe(bot.recordings[0]?.id);
  });

  it('stop ends the recording as its own entry, processed to done with a video_mixed download_url; the bot stays in the call', async () => {
    const client = clientFor(await testSandbox());
    const bot = await recordingBot(client);
    await new Promise((r) => setTimeout(r, 60));
    const stopped = await client.stopRecording(bot.id);
    expect(code(stopped)).toBe('in_call_not_recording');
    expect(liveRecordingState(stopped)).toBe('not_recording');
    const entry = latestRecording(stopped);
    expect(entry?.status?.code).toBe('processing');
    expect(entry?.media_shortcuts?.video_mixed?.data.download_url).toBeNull();
    await recordingDone(client, entry?.id ?? '');
    const after = await client.getBot(bot.id);
    expect(code(after)).toBe('in_call_not_recording');
    expect(latestRecording(after)?.media_shortcuts?.video_mixed?.data.download_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_media\/.+video\.mp4\?/);
    const restarted = await client.startRecording(bot.id);
    await client.stopRecording(bot.id);
    expect((await client.getBot(bot.id)).recordings.map((r) => r.id)).toEqual([entry?.id, latestRecording(restarted)?.id]);
  });

  it('start while recording (replace, the default) overwrites: the old recording leaves the bot and reads as deleted', async () => {
    const client = clientFor(await testSandbox());
    const bot = await recordingBot(client);
    const oldId = bot.recordings[0]?.id ?? '';
    const restarted = await client.startRecording(bot.id);
    expect(code(restarted)).toBe('in_call_recording');
    expect(restarted.recordings.map((r) => r.id)).not.toContain(oldId);
    expect(restarted.recordings).toHaveLength(1);
    const old = await client.getRecording(oldId);
    expect(old.status).toMatchObject({ code: 'deleted', sub_code: 'replaced_by_new_recording' });
    expect(old.media_shortcuts?.video_mixed?.data.download_url).toBeNull();
  });

  it('start while recording in keep mode finishes the old recording as its own entry, processed like a stop', async () => {
    const client = clientFor(await testSandbox({ startMode: 'keep' }));
    const bot = await recordingBot(client);
    const oldId = bot.recordings[0]?.id ?? '';
    const restarted = await client.startRecording(bot.id);
    expect(restarted.recordings.map((r) => r.id)[0]).toBe(oldId);
    expect(restarted.recordings).toHaveLength(2);
    await recordingDone(client, oldId);
    expect((await client.getRecording(oldId)).media_shortcuts?.video_mixed?.data.download_url).toMatch(/video\.mp4/);
    expect(liveRecordingState(await client.getBot(bot.id))).toBe('recording');
  });

  it('the start body is a flat recording config: a transcript request yields a downloadable transcript', async () => {
    const client = clientFor(await testSandbox());
    const bot = await client.createBot({ meeting_url: MEET_URL, recording_config: null });
    await until(client, bot.id, (b) => code(b) === 'in_call_not_recording');
    const started = await client.startRecording(bot.id, { transcript: { provider: { recallai_streaming: {} } } });
    expect(latestRecording(started)?.media_shortcuts?.transcript?.status.code).toBe('processing');
    await new Promise((r) => setTimeout(r, 60));
    const stopped = await client.stopRecording(bot.id);
    const id = latestRecording(stopped)?.id ?? '';
    await recordingDone(client, id);
    const url = (await client.getRecording(id)).media_shortcuts?.transcript?.data.download_url ?? '';
    const transcript: unknown = await (await fetch(url)).json();
    expect(Array.isArray(transcript)).toBe(true);
  });

  it('wrong-state commands fail with specific codes; an unknown bot is not_found', async () => {
    const sandbox = await testSandbox();
    const client = clientFor(sandbox);
    const bot = await client.createBot({ meeting_url: MEET_URL, recording_config: null });
    expect(await errorOf(client.pauseRecording(bot.id))).toMatchObject({ kind: 'wrong_state', status: 400, code: 'cannot_command_unstarted_bot' });
    await until(client, bot.id, (b) => code(b) === 'in_call_not_recording');
    expect(await errorOf(client.pauseRecording(bot.id))).toMatchObject({ kind: 'wrong_state', code: 'sandbox_not_recording' });
    expect(await errorOf(client.resumeRecording(bot.id))).toMatchObject({ kind: 'wrong_state', code: 'sandbox_not_paused' });
    expect(await errorOf(client.stopRecording(bot.id))).toMatchObject({ kind: 'wrong_state', code: 'sandbox_no_active_recording' });
    await client.startRecording(bot.id);
    expect(await errorOf(client.resumeRecording(bot.id))).toMatchObject({ code: 'sandbox_not_paused' });
    await client.leaveCall(bot.id);
    expect(await errorOf(client.startRecording(bot.id))).toMatchObject({ kind: 'wrong_state', code: 'cannot_command_completed_bot' });
    expect(await errorOf(client.leaveCall(bot.id))).toMatchObject({ code: 'cannot_command_completed_bot' });
    const missing = await errorOf(client.getBot('3fa85f64-5717-4562-b3fc-2c963f66afa6'));
    expect(missing).toMatchObject({ kind: 'not_found', status: 404, detail: 'Not found.' });
  });

  it('leave_call → call_ended (bot_received_leave_call), the active recording is finalized, then done', async () => {
    const client = clientFor(await testSandbox());
    const bot = await recordingBot(client);
    await client.pauseRecording(bot.id);
    const left = await client.leaveCall(bot.id);
    expect(currentStatus(left)).toMatchObject({ code: 'call_ended', sub_code: 'bot_received_leave_call' });
    expect(liveRecordingState(left)).toBe('ended');
    expect(latestRecording(left)?.completed_at).not.toBeNull();
    const done = await until(client, bot.id, (b) => code(b) === 'done');
    expect(latestRecording(done)?.status?.code).toBe('done');
    expect(latestRecording(done)?.media_shortcuts?.video_mixed?.data.download_url).toMatch(/video\.mp4/);
  });

  it('endCall() (the host ends the meeting) → call_ended with call_ended_by_host', async () => {
    const sandbox = await testSandbox();
    const client = clientFor(sandbox);
    const bot = await recordingBot(client);
    sandbox.endCall(bot.id);
    const ended = await client.getBot(bot.id);
    expect(currentStatus(ended)).toMatchObject({ code: 'call_ended', sub_code: 'call_ended_by_host' });
    await until(client, bot.id, (b) => code(b) === 'done');
  });

  it('listBots follows the absolute next links across pages, with filters', async () => {
    const client = clientFor(await testSandbox());
    const created = new Set<string>();
    for (let i = 0; i < 13; i++) created.add((await client.createBot({ meeting_url: MEET_URL, metadata: { batch: 'x' } })).id);
    await client.createBot({ meeting_url: MEET_URL, metadata: { batch: 'y' } });
    const listed: string[] = [];
    for await (const bot of client.listBots({ metadata: { batch: 'x' } })) listed.push(bot.id);
    expect(new Set(listed)).toEqual(created);
    expect(listed).toHaveLength(13);
  });

  it('a retried command whose first response was lost is replayed, not applied twice', async () => {
    const sandbox = await testSandbox({ startMode: 'keep' });
    const client = clientFor(sandbox);
    const bot = await recordingBot(client);
    sandbox.faults.set({ failNext: { count: 1, status: 502, afterApply: true } });
    const after = await client.startRecording(bot.id, undefined, { idempotencyKey: 'press-1' });
    expect(after.recordings).toHaveLength(2);
    expect((await client.getBot(bot.id)).recordings).toHaveLength(2);
    const attempts = sandbox.requestLog().filter((e) => e.idempotencyKey === 'press-1');
    expect(attempts.map((e) => ({ status: e.status, replayed: e.replayed ?? false }))).toEqual([
      { status: 502, replayed: false },
      { status: 200, replayed: true },
    ]);
  });

  it('the client retries through 429 bursts and random 503s and still applies each action once', async () => {
    const sandbox = await testSandbox({ faults: { rateLimitBurst: 1, retryAfterSeconds: 0 } });
    const client = clientFor(sandbox);
    const bot = await recordingBot(client);
    sandbox.faults.set({ failNext: { count: 2, status: 503 } });
    const paused = await client.pauseRecording(bot.id);
    expect(liveRecordingState(paused)).toBe('paused');
    const pauses = sandbox.requestLog().filter((e) => e.path.endsWith('/pause_recording/'));
    expect(pauses.map((e) => e.status)).toEqual([503, 503, 200]);
    expect(new Set(pauses.map((e) => e.idempotencyKey)).size).toBe(1);
  });
});
