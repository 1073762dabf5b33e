import { describe, expect, it } from 'vitest';
import { RecallClient } from '../../../electron/core/recall';
import { RecordingController } from '../../../electron/core/control/controller';
import { FakeClock, FakeRecall } from './fakes';

/**
 * The controller on the real RecallClient, over a fetch that answers from the in-memory bot:
 * the Idempotency-Key header a press gets must survive the client's own 429 retry.
 */
describe('RecordingController with the real RecallClient', () => {
  it('sends one Idempotency-Key per press, the same on the retry after a 429', async () => {
    const clock = new FakeClock();
    const bot = new FakeRecall(clock, { state: 'recording' });
    const posts: Array<{ path: string; key: string | null; status: number }> = [];
    let throttleNext = true;
    const fetchStub: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const headers = new Headers(init?.headers);
      const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...extra } });
      if ((init?.method ?? 'GET') === 'GET') return json(200, await bot.getBot(bot.botId));
      if (throttleNext) {
        throttleNext = false;
        posts.push({ path: url.pathname, key: headers.get('idempotency-key'), status: 429 });
        return json(429, { detail: 'Request was throttled.' }, { 'retry-after': '1' });
      }
      posts.push({ path: url.pathname, key: headers.get('idempotency-key'), status: 200 });
      return json(200, await bot.pauseRecording(bot.botId, { idempotencyKey: headers.get('idempotency-key') ?? '' }));
    };
    const client = new RecallClient({ apiKey: 'test-key', baseUrl: 'http://127.0.0.1:9', fetch: fetchStub, sleep: async () => undefined, random: () => 0 });
    const controller = new RecordingController({ botId: bot.botId, client, clock, timers: clock, newIdempotencyKey: () => 'press-1' });
    await controller.refresh();

    const outcome = controller.press('pause');
    await clock.advance(1_000);
    expect(await outcome).toMatchObject({ status: 'confirmed', action: 'pause', live: 'paused' });
    expect(posts).toEqual([
      { path: `/api/v1/bot/${bot.botId}/pause_recording/`, key: 'press-1', status: 429 },
      { path: `/api/v1/bot/${bot.botId}/pause_recording/`, key: 'press-1', status: 200 },
    ]);
  });
});
