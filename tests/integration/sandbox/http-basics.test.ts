// Transport rules of the sandbox API: trailing slashes, both auth header forms, Recall's 401
// bodies, the WAF's HTML 403 for GET-with-body and localhost URLs, 404/405/415/400.
import { describe, expect, it } from 'vitest';
import { MEET_URL, asObject, call, getWithBody, testSandbox } from './helpers';

describe('sandbox HTTP basics', () => {
  it('serves paths with and without the trailing slash', async () => {
    const sandbox = await testSandbox();
    const created = await call(sandbox, 'POST', '/api/v1/bot', { body: { meeting_url: MEET_URL } });
    expect(created.status).toBe(201);
    const id = String(asObject(created.json).id);
    for (const path of ['/api/v1/bot', '/api/v1/bot/', `/api/v1/bot/${id}`, `/api/v1/bot/${id}/`]) {
      expect((await call(sandbox, 'GET', path)).status, path).toBe(200);
    }
    const created2 = await call(sandbox, 'POST', '/api/v1/bot/', { body: { meeting_url: MEET_URL } });
    expect(created2.status).toBe(201);
  });

  it('accepts "Token <key>" and the bare key', async () => {
    const sandbox = await testSandbox({ apiKey: 'sandbox-test-key' });
    expect((await call(sandbox, 'GET', '/api/v1/bot/', { auth: 'Token sandbox-test-key' })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/api/v1/bot/', { auth: 'sandbox-test-key' })).status).toBe(200);
  });

  it('answers 401 with Recall bodies for a missing or wrong key', async () => {
    const sandbox = await testSandbox();
    const missing = await call(sandbox, 'GET', '/api/v1/bot/', { auth: false });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ code: 'not_authenticated', detail: 'Authentication credentials were not provided.' });
    const wrong = await call(sandbox, 'GET', '/api/v1/bot/', { auth: 'Token nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ code: 'authentication_failed', detail: 'Invalid API token.' });
    expect((await call(sandbox, 'GET', '/api/v1/bot/', { auth: 'nope' })).status).toBe(401);
  });

  it('blocks a GET that carries a body with an HTML 403 page (Recall WAF), even a literal null', async () => {
    const sandbox = await testSandbox();
    for (const body of ['{}', 'null']) {
      const reply = await getWithBody(sandbox, '/api/v1/bot/', body);
      expect(reply.status).toBe(403);
      expect(reply.contentType).toMatch(/text\/html/);
      expect(reply.text).toMatch(/<HTML>[\s\S]*request could not be satisfied/i);
    }
  });

  it('blocks payloads containing localhost URLs with the same HTML 403', async () => {
    const sandbox = await testSandbox();
    const reply = await call(sandbox, 'POST', '/api/v1/bot/', {
      body: { meeting_url: MEET_URL, recording_config: { realtime_endpoints: [{ type: 'webhook', url: 'http://localhost:3000/hook' }] } },
    });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('answers 404 for unknown paths and ids, 405 with Allow for a wrong method', async () => {
    const sandbox = await testSandbox();
    expect((await call(sandbox, 'GET', '/api/v1/nothing/')).status).toBe(404);
    const unknownBot = await call(sandbox, 'GET', '/api/v1/bot/3fa85f64-5717-4562-b3fc-2c963f66afa6/');
    expect(unknownBot.status).toBe(404);
    expect(unknownBot.json).toEqual({ detail: 'Not found.' });
    const put = await call(sandbox, 'PUT', '/api/v1/bot/', { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toMatch(/GET/);
  });

  it('rejects malformed JSON (400) and non-JSON bodies (415)', async () => {
    const sandbox = await testSandbox();
    const broken = await call(sandbox, 'POST', '/api/v1/bot/', { body: '{"meeting_url":' });
    expect(broken.status).toBe(400);
    expect(String(asObject(broken.json).detail)).toMatch(/^JSON parse error/);
    const text = await call(sandbox, 'POST', '/api/v1/bot/', { body: 'meeting_url=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});
