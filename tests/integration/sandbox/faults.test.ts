// API fault injection and the admin endpoints: latency per class, seeded error rate, forced
// 429 bursts, failNext (before and after the action is applied), /_sandbox/* admin.
import { describe, expect, it } from 'vitest';
import { asArray, asObject, call, createBot, getBot, lastStatus, recordingBot, recordingsOf, testSandbox, waitForStatus } from './helpers';

describe('API faults', () => {
  it('adds latency only to the configured endpoint class', async () => {
    const sandbox = await testSandbox({ faults: { latencyMs: { list: 200 } } });
    let began = Date.now();
    expect((await call(sandbox, 'GET', '/api/v1/bot/')).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
    const bot = await createBot(sandbox);
    began = Date.now();
    await call(sandbox, 'GET', `/api/v1/bot/${String(bot.id)}/`);
    expect(Date.now() - began).toBeLessThan(190);
  });

  it('fails requests at the configured rate with the chosen statuses, identically for the same seed', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const sandbox = await testSandbox({ faults: { seed, errorRate: 0.4, errorStatuses: [500, 503, 507] } });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(sandbox, 'GET', '/api/v1/bot/')).status);
      return out;
    };
    const a = await statuses(42);
    expect(await statuses(42)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 503, 507]));
  });

  it('shapes injected errors like Recall\'s edge: HTML for gateway errors, JSON with Retry-After for 507', async () => {
    const sandbox = await testSandbox({ faults: { failNext: { count: 2, status: 502 } } });
    const gateway = await call(sandbox, 'GET', '/api/v1/bot/');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/text\/html/);
    sandbox.faults.set({ failNext: { count: 1, status: 507 }, retryAfterSeconds: 30 });
    const pool = await call(sandbox, 'GET', '/api/v1/bot/');
    expect(pool.status).toBe(507);
    expect(pool.headers.get('retry-after')).toBe('30');
    expect(asObject(pool.json).detail).toEqual(expect.any(String));
    expect((await call(sandbox, 'GET', '/api/v1/bot/')).status).toBe(200);
  });

  it('errorClasses restricts random failures to those classes', async () => {
    const sandbox = await testSandbox({ faults: { errorRate: 1, errorClasses: ['control'] } });
    const bot = await createBot(sandbox, { recording_config: null });
    expect((await call(sandbox, 'GET', `/api/v1/bot/${String(bot.id)}/`)).status).toBe(200);
    expect([500, 502, 503]).toContain((await call(sandbox, 'POST', `/api/v1/bot/${String(bot.id)}/leave_call/`)).status);
  });

  it('forces a burst of 429s with Retry-After, then recovers', async () => {
    const sandbox = await testSandbox({ faults: { rateLimitBurst: 2, retryAfterSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const reply = await call(sandbox, 'GET', '/api/v1/bot/');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('3');
    }
    expect((await call(sandbox, 'GET', '/api/v1/bot/')).status).toBe(200);
  });

  it('failNext before the action: the bot is not paused; a retry with the same key then applies it once', async () => {
    const sandbox = await testSandbox();
    const bot = await recordingBot(sandbox);
    const id = String(bot.id);
    sandbox.faults.set({ failNext: { count: 1, status: 503 } });
    const headers = { 'idempotency-key': 'pause-1' };
    expect((await call(sandbox, 'POST', `/api/v1/bot/${id}/pause_recording/`, { headers })).status).toBe(503);
    expect(lastStatus(await getBot(sandbox, id))).toBe('in_call_recording');
    expect((await call(sandbox, 'POST', `/api/v1/bot/${id}/pause_recording/`, { headers })).status).toBe(200);
    expect(lastStatus(await getBot(sandbox, id))).toBe('in_call_not_recording');
  });

  it('failNext afterApply: the action happens, the client sees an error, and its retry is replayed, not re-applied', async () => {
    const sandbox = await testSandbox({ startMode: 'keep' });
    const bot = await recordingBot(sandbox);
    const id = String(bot.id);
    sandbox.faults.set({ failNext: { count: 1, status: 502, afterApply: true } });
    const headers = { 'idempotency-key': 'start-1' };
    expect((await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { headers, body: {} })).status).toBe(502);
    expect(recordingsOf(await getBot(sandbox, id))).toHaveLength(2);
    const retry = await call(sandbox, 'POST', `/api/v1/bot/${id}/start_recording/`, { headers, body: {} });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(recordingsOf(await getBot(sandbox, id))).toHaveLength(2);
    const log = sandbox.requestLog().filter((e) => e.idempotencyKey === 'start-1');
    expect(log.map((e) => [e.status, e.replayed ?? false])).toEqual([
      [502, false],
      [200, true],
    ]);
  });
});

describe('admin endpoints', () => {
  it('reads, updates and resets faults over HTTP with the sandbox key', async () => {
    const sandbox = await testSandbox();
    expect((await call(sandbox, 'GET', '/_sandbox/faults', { auth: false })).status).toBe(401);
    const initial = asObject((await call(sandbox, 'GET', '/_sandbox/faults')).json);
    expect(initial).toMatchObject({ errorRate: 0, rateLimitBurst: 0, failNext: null });
    const updated = await call(sandbox, 'PUT', '/_sandbox/faults/', { body: { rateLimitBurst: 1, latencyMs: { control: 5 } } });
    expect(updated.status).toBe(200);
    expect(asObject(updated.json)).toMatchObject({ rateLimitBurst: 1, latencyMs: { control: 5 } });
    expect(sandbox.faults.get().rateLimitBurst).toBe(1);
    expect((await call(sandbox, 'GET', '/api/v1/bot/')).status).toBe(429);
    const invalid = await call(sandbox, 'PUT', '/_sandbox/faults', { body: { errorRate: 3 } });
    expect(invalid.status).toBe(400);
    expect(String(asObject(invalid.json).detail)).toMatch(/errorRate/);
    expect((await call(sandbox, 'DELETE', '/_sandbox/faults')).status).toBe(200);
    expect(sandbox.faults.get().latencyMs).toEqual({});
  });

  it('ends a call as the host and shows the whole state', async () => {
    const sandbox = await testSandbox();
    const bot = await recordingBot(sandbox);
    const id = String(bot.id);
    const ended = await call(sandbox, 'POST', `/_sandbox/bots/${id}/end_call`, { body: { sub_code: 'call_ended_by_platform_idle' } });
    expect(ended.status).toBe(200);
    expect(asArray(asObject(ended.json).status_changes).map(asObject).at(-1)).toMatchObject({ code: 'call_ended', sub_code: 'call_ended_by_platform_idle' });
    await waitForStatus(sandbox, id, 'done');
    const state = asObject((await call(sandbox, 'GET', '/_sandbox/state')).json);
    expect(state).toMatchObject({ speed: 50, start_mode: 'replace' });
    const [entry] = asArray(state.bots).map(asObject);
    expect(entry).toMatchObject({ id, status: 'done' });
    expect(asArray(entry?.recordings)).toHaveLength(1);
    expect((await call(sandbox, 'POST', '/_sandbox/bots/3fa85f64-5717-4562-b3fc-2c963f66afa6/end_call')).status).toBe(404);
  });
});
