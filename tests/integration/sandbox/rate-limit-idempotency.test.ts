// Per-operation sliding-minute rate limits (429 + integer Retry-After) and Idempotency-Key
// semantics (replay within an hour, 409 for a concurrent duplicate), proven via requestLog.
import { describe, expect, it } from 'vitest';
import { MEET_URL, asObject, call, createBot, recordingBot, recordingsOf, getBot, testSandbox, wallSleep } from './helpers';

describe('rate limits', () => {
  it('allows 60 bot-list calls per sandbox minute, then 429 with Retry-After, then frees up', async () => {
    const sandbox = await testSandbox({ speed: 30 });
    const burst = await Promise.all(Array.from({ length: 60 }, () => call(sandbox, 'GET', '/api/v1/bot/')));
    expect(burst.map((r) => r.status)).toEqual(Array.from({ length: 60 }, () => 200));
    const limited = await call(sandbox, 'GET', '/api/v1/bot/');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(String(asObject(limited.json).detail)).toMatch(/throttled/);
    const bot = await createBot(sandbox);
    expect((await call(sandbox, 'GET', `/api/v1/bot/${String(bot.id)}/`)).status).toBe(200);
    await wallSleep(Number(limited.headers.get('retry-after')) * 1000 + 50);
    expect((await call(sandbox, 'GET', '/api/v1/bot/')).status).toBe(200);
  });

  it('limits bot creation at 120 per minute', async () => {
    const sandbox = await testSandbox({ speed: 1 });
    const replies = await Promise.all(Array.from({ length: 121 }, () => call(sandbox, 'POST', '/api/v1/bot/', { body: { meeting_url: MEET_URL } })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(120);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(1);
  });
});

describe('Idempotency-Key', () => {
  it('replays a create for the same key instead of creating a second bot', async () => {
    const sandbox = await testSandbox();
    const headers = { 'idempotency-key': 'create-1' };
    const first = await call(sandbox, 'POST', '/api/v1/bot/', { headers, body: { meeting_url: MEET_URL } });
    const second = await call(sandbox, 'POST', '/api/v1/bot', { headers, body: { meeting_url: MEET_URL } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(asObject(second.json).id).toBe(asObject(first.json).id);
    expect(asObject((await call(sandbox, 'GET', '/api/v1/bot/')).json).count).toBe(1);
    const other = await call(sandbox, 'POST', '/api/v1/bot/', { headers: { 'idempotency-key': 'create-2' }, body: { meeting_url: MEET_URL } });
    expect(asObject(other.json).id).not.toBe(asObject(first.json).id);
    expect(sandbox.requestLog().filter((e) => e.idempotencyKey === 'create-1').map((e) => e.replayed ?? false)).toEqual([false, true]);
  });

  it('answers 409 to a duplicate sent while the first is still in flight, and applies the action once', async () => {
    const sandbox = await testSandbox({ startMode: 'keep', faults: { latencyMs: { control: 300 } } });
    const bot = await recordingBot(sandbox);
    const id = String(bot.id);
    const headers = { 'idempotency-key': 'start-twice' };
    const first = call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { headers, body: {} });
    await wallSleep(50);
    const duplicate = await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { headers, body: {} });
    expect(duplicate.status).toBe(409);
    expect((await first).status).toBe(200);
    expect(recordingsOf(await getBot(sandbox, id))).toHaveLength(2);
    const log = sandbox.requestLog().filter((e) => e.idempotencyKey === 'start-twice');
    expect(log.map((e) => e.status).sort()).toEqual([200, 409]);
  });

  it('scopes the key to the path: the same key on another bot is a different action', async () => {
    const sandbox = await testSandbox();
    const a = await recordingBot(sandbox);
    const b = await recordingBot(sandbox);
    const headers = { 'idempotency-key': 'same' };
    expect((await call(sandbox, 'POST', `/api/v1/bot/${String(a.id)}/pause_recording/`, { headers })).status).toBe(200);
    expect((await call(sandbox, 'POST', `/api/v1/bot/${String(b.id)}/pause_recording/`, { headers })).status).toBe(200);
    expect(sandbox.requestLog().filter((e) => e.replayed === true)).toEqual([]);
  });
});
