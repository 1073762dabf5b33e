// Retry policy over real HTTP: Retry-After honoured, backoff with jitter for 409/5xx, bounded
// attempts, idempotency keys reused across retries (new after 507), timeouts and aborts.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { RecallClient, type RecallClientOptions, type RetryInfo } from '../../../electron/core/recall';
import { recallFixture } from '../../fixtures/recall';
import { json, sequence, startScriptedServer, type ScriptedServer } from './scripted-server';

const BOT_ID = '1c7e4d2f-6b3e-4f90-8d82-3e5f7a9b1c22';
let server: ScriptedServer;
let sleeps: number[];
let retries: RetryInfo[];

beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  sleeps = [];
  retries = [];
});

function client(extra: Partial<RecallClientOptions> = {}): RecallClient {
  return new RecallClient({
    apiKey: 'k',
    baseUrl: server.baseUrl,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onRetry: (info) => retries.push(info),
    ...extra,
  });
}

const bot = (): unknown => recallFixture('bot-recording');
const keys = (): Array<string | string[] | undefined> => server.requests.map((r) => r.headers['idempotency-key']);

describe('429 rate limiting', () => {
  test('integer Retry-After seconds are waited exactly, then the call succeeds', async () => {
    server.setHandler(sequence(json(429, { detail: 'Request was throttled.' }, { 'retry-after': '7' }), json(200, bot())));
    const result = await client().getBot(BOT_ID);
    expect(result.id).toBe(BOT_ID);
    expect(sleeps).toEqual([7000]);
    expect(retries).toMatchObject([{ attempt: 1, delayMs: 7000, error: { kind: 'rate_limited', retryAfterMs: 7000 } }]);
  });

  test('an HTTP-date Retry-After is measured against the injected clock', async () => {
    const now = Date.parse('2025-06-10T14:00:00Z');
    server.setHandler(sequence(json(429, {}, { 'retry-after': 'Tue, 10 Jun 2025 14:00:12 GMT' }), json(200, bot())));
    await client({ now: () => now }).getBot(BOT_ID);
    expect(sleeps).toEqual([12_000]);
  });

  test('without Retry-After a default backoff applies', async () => {
    server.setHandler(sequence(json(429, {}), json(429, {}), json(200, bot())));
    await client().getBot(BOT_ID);
    expect(sleeps).toEqual([1500, 3000]);
  });

  test('a Retry-After too long to block on is surfaced instead of waited', async () => {
    server.setHandler(sequence(json(429, {}, { 'retry-after': '120' })));
    await expect(client().getBot(BOT_ID)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 120_000,
      message: "Recall's rate limit was reached (429) — try again in 120 s",
    });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('transient server errors', () => {
  test('502, 503 and 504 are retried with growing, jittered backoff', async () => {
    server.setHandler(sequence({ status: 502, body: 'Bad Gateway' }, { status: 503, body: '' }, { status: 504, body: '' }, json(200, bot())));
    await client().getBot(BOT_ID);
    expect(sleeps).toEqual([375, 750, 1500]);
    expect(retries.map((r) => r.error.status)).toEqual([502, 503, 504]);
  });

  test('jitter comes from the injected random source', async () => {
    server.setHandler(sequence({ status: 503, body: '' }, json(200, bot())));
    await client({ random: () => 0 }).getBot(BOT_ID);
    server.requests.length = 0;
    await client({ random: () => 0.999 }).getBot(BOT_ID);
    expect(sleeps[0]).toBe(250);
    expect(sleeps[1]).toBeGreaterThan(495);
  });

  test('Retry-After on a 503 is honoured', async () => {
    server.setHandler(sequence({ status: 503, body: '', headers: { 'retry-after': '3' } }, json(200, bot())));
    await client().getBot(BOT_ID);
    expect(sleeps).toEqual([3000]);
  });

  test('retries are bounded: 1 attempt + maxRetries, then the last error', async () => {
    server.setHandler(() => ({ status: 503, body: 'Service Unavailable' }));
    await expect(client().getBot(BOT_ID)).rejects.toMatchObject({ kind: 'server', status: 503 });
    expect(server.requests).toHaveLength(5);
    expect(sleeps).toHaveLength(4);
    server.requests.length = 0;
    await expect(client({ maxRetries: 1 }).getBot(BOT_ID)).rejects.toMatchObject({ kind: 'server' });
    expect(server.requests).toHaveLength(2);
  });

  test('409 is retried with backoff and the SAME idempotency key', async () => {
    server.setHandler(sequence(json(409, { detail: 'A request with this idempotency key is in progress.' }), json(200, bot())));
    await client().pauseRecording(BOT_ID);
    expect(sleeps).toEqual([375]);
    const [first, second] = keys();
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });

  test('a POST retried after 503 and a reset reuses its idempotency key', async () => {
    server.setHandler(sequence({ status: 503, body: '' }, 'reset', json(200, bot())));
    await client().stopRecording(BOT_ID, { idempotencyKey: 'stop-press-1' });
    expect(keys()).toEqual(['stop-press-1', 'stop-press-1', 'stop-press-1']);
  });
});

describe('507 ad-hoc pool exhausted', () => {
  test('retried after ~30 s, each retry with a NEW idempotency key', async () => {
    server.setHandler(sequence(json(507, { detail: 'No bots available.' }), json(507, {}), json(201, bot())));
    const created = await client().createBot({ meeting_url: 'https://zoom.us/j/1' });
    expect(created.id).toBe(BOT_ID);
    expect(sleeps).toEqual([30_000, 30_000]);
    const sent = keys();
    expect(new Set(sent).size).toBe(3);
    expect(retries.map((r) => r.error.kind)).toEqual(['pool_exhausted', 'pool_exhausted']);
  });

  test('Retry-After on a 507 wins over the 30 s default; a caller key is replaced after it', async () => {
    server.setHandler(sequence(json(507, {}, { 'retry-after': '10' }), json(201, bot())));
    await client().createBot({ meeting_url: 'https://zoom.us/j/1' }, { idempotencyKey: 'create-1' });
    expect(sleeps).toEqual([10_000]);
    const [first, second] = keys();
    expect(first).toBe('create-1');
    expect(second).not.toBe('create-1');
  });
});

describe('timeouts and cancellation', () => {
  test('an attempt that gets no answer times out with a specific message', async () => {
    server.setHandler(() => 'hang');
    await expect(client({ timeoutMs: 100, maxRetries: 0 }).getBot(BOT_ID)).rejects.toMatchObject({
      kind: 'timeout',
      message: `Recall did not answer within 0.1 s (GET /api/v1/bot/${BOT_ID}/)`,
    });
  });

  test('a timed-out attempt is retried within the bound, per-call timeout overrides the default', async () => {
    server.setHandler(sequence('hang', json(200, bot())));
    const result = await client({ timeoutMs: 60_000 }).getBot(BOT_ID, { timeoutMs: 100 });
    expect(result.id).toBe(BOT_ID);
    expect(retries.map((r) => r.error.kind)).toEqual(['timeout']);
  });

  test('an already-aborted signal sends nothing', async () => {
    await expect(client().getBot(BOT_ID, { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(0);
  });

  test('aborting while the request is in flight ends it as aborted, not as a timeout', async () => {
    const controller = new AbortController();
    server.setHandler(() => {
      controller.abort();
      return 'hang';
    });
    await expect(client().pauseRecording(BOT_ID, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  test('aborting during a retry wait stops at once, even if the injected sleep ignores the signal', async () => {
    const controller = new AbortController();
    server.setHandler(() => ({ status: 503, body: '' }));
    const c = client({
      sleep: () => {
        controller.abort();
        return new Promise<void>(() => {});
      },
    });
    await expect(c.getBot(BOT_ID, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(server.requests).toHaveLength(1);
  });

  test('the default sleep really waits and is cut short by an abort', async () => {
    const controller = new AbortController();
    server.setHandler(() => ({ status: 503, body: '', headers: { 'retry-after': '30' } }));
    const c = new RecallClient({ apiKey: 'k', baseUrl: server.baseUrl });
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await expect(c.getBot(BOT_ID, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
