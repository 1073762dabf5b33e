// Failures during an action, through the real client and sandbox: a 429 or 5xx on the POST is
// retried with the SAME Idempotency-Key, so the action is applied exactly once — including when
// the server applied it and the answer was lost; an error that cannot be retried fails the press
// with Recall's reason and changes nothing. Each test drives one RecordingController (no poller),
// so every request in the sandbox's log is one the press caused.
import { describe, expect, test } from 'vitest';
import { applied, newBot, posts, sandboxController, until, liveOf } from './helpers';

async function recordingBot() {
  const ctx = await sandboxController();
  const bot = await newBot(ctx.client);
  await until(() => liveOf(ctx.client, bot.id), (s) => s === 'recording', 'the bot to record');
  return { ...ctx, bot, controller: await ctx.controllerFor(bot) };
}

describe('faults during an action', () => {
  test('a 503 after the pause was applied: retried with the same key, replayed, applied once', async () => {
    const { sandbox, bot, controller } = await recordingBot();
    sandbox.faults.set({ failNext: { count: 1, status: 503, afterApply: true } });
    const outcome = await controller.press('pause');
    expect(outcome).toMatchObject({ status: 'confirmed', action: 'pause', live: 'paused' });
    const sent = posts(sandbox, bot.id, 'pause_recording');
    expect(sent.map((r) => [r.status, r.replayed === true])).toEqual([
      [503, false],
      [200, true],
    ]);
    expect(sent[0]?.idempotencyKey).toBeDefined();
    expect(sent[1]?.idempotencyKey).toBe(sent[0]?.idempotencyKey);
    expect(controller.actionLog().at(-1)).toMatchObject({ outcome: 'confirmed', idempotencyKey: sent[0]?.idempotencyKey });
  });

  test('502s before anything was applied: retried with the same key until it goes through once', async () => {
    const { sandbox, bot, controller } = await recordingBot();
    sandbox.faults.set({ failNext: { count: 2, status: 502 } });
    expect(await controller.press('stop')).toMatchObject({ status: 'confirmed', live: 'not_recording' });
    const sent = posts(sandbox, bot.id, 'stop_recording');
    expect(sent.map((r) => r.status)).toEqual([502, 502, 200]);
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(applied(sent)).toHaveLength(1);
  });

  test('a 429 on the POST: waits Retry-After, then applies it once', async () => {
    const { sandbox, bot, controller } = await recordingBot();
    sandbox.faults.set({ rateLimitBurst: 1, retryAfterSeconds: 1 });
    const began = Date.now();
    expect(await controller.press('pause')).toMatchObject({ status: 'confirmed', live: 'paused' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    const sent = posts(sandbox, bot.id, 'pause_recording');
    expect(sent.map((r) => r.status)).toEqual([429, 200]);
    expect(applied(sent)).toHaveLength(1);
  });

  test('a 500 is not retried: the press fails with the reason and the state is unchanged', async () => {
    const { sandbox, client, bot, controller } = await recordingBot();
    sandbox.faults.set({ failNext: { count: 1, status: 500 } });
    const outcome = await controller.press('pause');
    expect(outcome).toMatchObject({ status: 'failed', action: 'pause', error: { kind: 'server', message: expect.stringMatching(/500/) } });
    expect(posts(sandbox, bot.id, 'pause_recording').map((r) => r.status)).toEqual([500]);
    expect(await liveOf(client, bot.id)).toBe('recording');
    expect(controller.getSnapshot().lastError).toMatchObject({ kind: 'server', action: 'pause' });
  });

  test('the same press twice while the first is in flight: one POST, one outcome for both', async () => {
    const { sandbox, bot, controller } = await recordingBot();
    sandbox.faults.set({ latencyMs: { control: 200 } });
    const first = controller.press('pause');
    const second = controller.press('toggle-pause');
    expect(await first).toBe(await second);
    expect(posts(sandbox, bot.id, 'pause_recording')).toHaveLength(1);
  });
});
