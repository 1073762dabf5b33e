import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore } from '../../../electron/sandbox/idempotency';
import { jsonResponse } from '../../../electron/sandbox/http-io';

describe('idempotency store', () => {
  it('refuses a duplicate while the first request runs, then replays its response for one hour', () => {
    let now = 0;
    const store = new IdempotencyStore(() => now);
    expect(store.begin('k', 'POST', '/api/v1/bot/x/pause_recording')).toEqual({ kind: 'execute' });
    expect(store.begin('k', 'POST', '/api/v1/bot/x/pause_recording')).toEqual({ kind: 'conflict' });
    const response = jsonResponse(200, { id: 'x' });
    store.complete('k', 'POST', '/api/v1/bot/x/pause_recording', response);
    now = IDEMPOTENCY_TTL_MS - 1;
    expect(store.begin('k', 'POST', '/api/v1/bot/x/pause_recording')).toEqual({ kind: 'replay', response });
    now = IDEMPOTENCY_TTL_MS;
    expect(store.begin('k', 'POST', '/api/v1/bot/x/pause_recording')).toEqual({ kind: 'execute' });
  });

  it('scopes keys by method and path', () => {
    const store = new IdempotencyStore(() => 0);
    store.begin('k', 'POST', '/a');
    expect(store.begin('k', 'POST', '/b').kind).toBe('execute');
    expect(store.begin('k', 'PATCH', '/a').kind).toBe('execute');
  });

  it('lets a retry run when the first attempt was abandoned before reaching the API', () => {
    const store = new IdempotencyStore(() => 0);
    store.begin('k', 'POST', '/a');
    store.abandon('k', 'POST', '/a');
    expect(store.begin('k', 'POST', '/a').kind).toBe('execute');
  });
});
