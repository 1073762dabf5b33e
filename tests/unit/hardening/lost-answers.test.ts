// Two fixes the fault matrix (tests/integration/hardening) led to, pinned down with fakes:
// - a press whose POST failed after Recall applied it (5xx or reset with the answer lost, a timeout,
//   our own retry refused with 409 while the first attempt still runs) is settled by the bot's
//   state — confirmed when it shows the action, the original error otherwise;
// - a download whose server accepts the connection but never answers fails as a stall after the
//   idle timeout instead of waiting on fetch's own multi-minute header timeout.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingController } from '../../../electron/core/control/controller';
import type { ActionOutcome } from '../../../electron/core/control/controller';
import { DownloadManager } from '../../../electron/core/downloads';
import { RecallError } from '../../../electron/core/recall';
import type { Bot, CallOptions } from '../../../electron/core/recall';
import { FakeClock, FakeRecall, serverError } from '../control/fakes';
import { fakeClient } from '../downloads/fake-media';

async function settle(clock: FakeClock, promise: Promise<ActionOutcome>): Promise<ActionOutcome> {
  let done: ActionOutcome | undefined;
  void promise.then((o) => {
    done = o;
  });
  for (let spent = 0; done === undefined && spent < 30_000; spent += 50) await clock.advance(50);
  if (done === undefined) throw new Error('the press never settled');
  return done;
}

/** A Recall that applies the pause, then loses the answer with `error`. */
async function lostAnswer(error: RecallError, opts: { applyDelayMs?: number; apply?: boolean } = {}) {
  const clock = new FakeClock();
  const fake = new FakeRecall(clock, { state: 'recording', applyDelayMs: opts.applyDelayMs ?? 0 });
  const client = {
    getBot: (id: string, o?: CallOptions) => fake.getBot(id, o),
    pauseRecording: async (id: string, o?: CallOptions): Promise<Bot> => {
      if (opts.apply !== false) await fake.pauseRecording(id, o);
      throw error;
    },
    resumeRecording: (id: string, o?: CallOptions) => fake.resumeRecording(id, o),
    startRecording: (id: string, c?: Parameters<FakeRecall['startRecording']>[1], o?: CallOptions) => fake.startRecording(id, c, o),
    stopRecording: (id: string, o?: CallOptions) => fake.stopRecording(id, o),
    leaveCall: (id: string, o?: CallOptions) => fake.leaveCall(id, o),
  };
  const controller = new RecordingController({ botId: fake.botId, client, clock, timers: clock, newIdempotencyKey: () => 'key-1' });
  const first = controller.refresh();
  await clock.advance(0);
  await first;
  return { clock, fake, controller };
}

describe('a press whose answer was lost', () => {
  it.each([
    ['a 500 after Recall applied it', serverError(500)],
    ['a reset after Recall applied it', new RecallError({ kind: 'network', code: 'ECONNRESET', message: 'The connection to fake.recall was reset before Recall answered' })],
    ['a timeout after Recall applied it', new RecallError({ kind: 'timeout', message: 'Recall did not answer within 15 s (POST /pause_recording/)' })],
  ])('%s is confirmed by the bot state, applied once', async (_what, error) => {
    const { clock, fake, controller } = await lostAnswer(error);
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'confirmed', action: 'pause', live: 'paused' });
    expect(fake.applied).toHaveLength(1);
    expect(controller.getSnapshot().lastError).toBeNull();
  });

  it('a 409 while our own first attempt still runs: waits for the state, then confirms', async () => {
    const conflict = new RecallError({ kind: 'conflict', status: 409, message: 'Recall reports a conflict (409): the same action is still in progress, try again shortly' });
    const { clock, fake, controller } = await lostAnswer(conflict, { applyDelayMs: 2_000 });
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'confirmed', live: 'paused' });
    expect(fake.applied).toHaveLength(1);
  });

  it('a 500 that applied nothing is reported as the 500, after one look at the bot', async () => {
    const { clock, fake, controller } = await lostAnswer(serverError(500), { apply: false });
    fake.requests.length = 0;
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'server', message: expect.stringContaining('500') } });
    expect(fake.applied).toHaveLength(0);
    expect(fake.requests.filter((r) => r.op === 'get')).toHaveLength(1);
    expect(controller.getSnapshot()).toMatchObject({ live: 'recording', lastError: { kind: 'server', action: 'pause' } });
  });
});

describe('a download server that never answers', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rr-stall-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails after the idle timeout on each attempt, with a specific message and no final file', async () => {
    const client = fakeClient({ botName: 'Weekly sync' });
    let attempts = 0;
    const silent: typeof fetch = (_input, init) =>
      new Promise<Response>((_resolve, reject) => {
        attempts += 1;
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      });
    const downloads = new DownloadManager({ client, downloadDir: () => dir, fetch: silent, sleep: async () => undefined, idleTimeoutMs: 50, retry: { maxAttempts: 3 } });
    const ticket = downloads.enqueue({ recordingId: '3f2a9c1e-0000-4000-8000-000000000001' });
    const began = Date.now();
    await expect(ticket.done).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('did not answer for 0 s') });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(attempts).toBe(3);
    expect((await readdir(dir)).filter((name) => name.endsWith('.mp4'))).toEqual([]);
    await downloads.close();
  });
});
