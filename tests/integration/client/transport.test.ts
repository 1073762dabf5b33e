// What the client puts on the wire, observed by a real HTTP server: auth, trailing slashes,
// no body on GET, JSON bodies only where Recall expects one, idempotency keys on POST.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { RecallClient, regionBaseUrl, REGIONS, type Bot } from '../../../electron/core/recall';
import { recallFixture } from '../../fixtures/recall';
import { json, startScriptedServer, type ScriptedServer } from './scripted-server';

const KEY = 'test-key-5f2a';
let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(() => json(200, recallFixture('bot-recording')));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler((req) => json(req.path === '/api/v1/bot/' && req.method === 'POST' ? 201 : 200, recallFixture('bot-recording')));
});

function client(): RecallClient {
  return new RecallClient({ apiKey: KEY, baseUrl: server.baseUrl, sleep: async () => {} });
}

const BOT_ID = '1c7e4d2f-6b3e-4f90-8d82-3e5f7a9b1c22';

describe('headers and bodies', () => {
  test('GET carries the token, asks for JSON, and has no body nor Content-Type', async () => {
    const bot: Bot = await client().getBot(BOT_ID);
    expect(bot.id).toBe(BOT_ID);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'GET', path: `/api/v1/bot/${BOT_ID}/`, body: '' });
    expect(req!.headers.authorization).toBe(`Token ${KEY}`);
    expect(req!.headers.accept).toBe('application/json');
    expect(req!.headers['content-type']).toBeUndefined();
    expect(req!.headers['content-length'] ?? '0').toBe('0');
    expect(req!.headers['transfer-encoding']).toBeUndefined();
    expect(req!.headers['idempotency-key']).toBeUndefined();
  });

  test.each([
    ['pauseRecording', 'pause_recording'],
    ['resumeRecording', 'resume_recording'],
    ['stopRecording', 'stop_recording'],
    ['leaveCall', 'leave_call'],
  ] as const)('%s POSTs %s/ with no body and an idempotency key', async (method, path) => {
    await client()[method](BOT_ID);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: `/api/v1/bot/${BOT_ID}/${path}/`, body: '' });
    expect(req!.headers['content-type']).toBeUndefined();
    expect(req!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req!.headers.authorization).toBe(`Token ${KEY}`);
  });

  test('start without a config sends no body; with one, the config is the FLAT body', async () => {
    await client().startRecording(BOT_ID);
    await client().startRecording(BOT_ID, { video_mixed_layout: 'gallery_view', transcript: null, retention: { type: 'forever' } });
    const [bare, withConfig] = server.requests;
    expect(bare).toMatchObject({ method: 'POST', path: `/api/v1/bot/${BOT_ID}/start_recording/`, body: '' });
    expect(bare!.headers['content-type']).toBeUndefined();
    expect(withConfig!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(withConfig!.body)).toEqual({ video_mixed_layout: 'gallery_view', transcript: null, retention: { type: 'forever' } });
  });

  test('each action gets its own idempotency key unless the caller supplies one', async () => {
    await client().pauseRecording(BOT_ID);
    await client().pauseRecording(BOT_ID);
    await client().pauseRecording(BOT_ID, { idempotencyKey: 'press-42' });
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('press-42');
  });

  test('create bot: manual control sends recording_config as JSON null', async () => {
    const bot = await client().createBot({ meeting_url: 'https://zoom.us/j/84512345678', bot_name: 'Notes', recording_config: null });
    expect(bot.id).toBe(BOT_ID);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/v1/bot/' });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['idempotency-key']).toBeTruthy();
    expect(JSON.parse(req!.body)).toEqual({ meeting_url: 'https://zoom.us/j/84512345678', bot_name: 'Notes', recording_config: null });
    expect(req!.body).toContain('"recording_config":null');
  });

  test('create bot: an omitted recording_config stays omitted (automatic recording)', async () => {
    await client().createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ meeting_url: 'https://meet.google.com/abc-defg-hij' });
  });

  test('create bot: invalid input is refused locally with field errors and nothing is sent', async () => {
    await expect(client().createBot({ meeting_url: '  ', bot_name: 'x'.repeat(101) })).rejects.toMatchObject({
      kind: 'validation',
      fieldErrors: { meeting_url: [expect.any(String)], bot_name: [expect.any(String)] },
    });
    expect(server.requests).toHaveLength(0);
  });

  test('recording and video_mixed are read from their own endpoints', async () => {
    server.setHandler((req) =>
      json(200, req.path.startsWith('/api/v1/recording/') ? recallFixture('recording') : recallFixture('video-mixed')),
    );
    const rec = await client().getRecording('a5b6c7d8-e9f0-4a1b-8c3d-4e5f6a7b8c95');
    const vm = await client().getVideoMixed('b5c6d7e8-f9a0-4b1c-8d3e-4f5a6b7c8d05');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/recording/a5b6c7d8-e9f0-4a1b-8c3d-4e5f6a7b8c95/',
      'GET /api/v1/video_mixed/b5c6d7e8-f9a0-4b1c-8d3e-4f5a6b7c8d05/',
    ]);
    expect(rec.expires_at).toBeNull();
    expect(rec.media_shortcuts?.video_mixed?.data.download_url).toMatch(/^https:\/\/recallai-production-bot-data\.s3/);
    expect(vm.data.download_url).toMatch(/video\.mp4\?/);
    expect(vm.recording?.id).toBe(rec.id);
  });

  test('ids are path-encoded, so an id cannot change the endpoint', async () => {
    await client().getBot('a/../b c');
    expect(server.requests[0]!.path).toBe('/api/v1/bot/a%2F..%2Fb%20c/');
  });

  test('an empty id is refused before any request', async () => {
    await expect(client().getBot('  ')).rejects.toMatchObject({ kind: 'validation', message: 'The bot id is empty' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('base URLs', () => {
  test('a custom base with trailing slashes and a path prefix is normalized', async () => {
    const c = new RecallClient({ apiKey: KEY, baseUrl: `${server.baseUrl}/proxy///` });
    expect(c.baseUrl).toBe(`${server.baseUrl}/proxy`);
    await c.getBot(BOT_ID);
    expect(server.requests[0]!.path).toBe(`/proxy/api/v1/bot/${BOT_ID}/`);
  });

  test('regions map to their hosts; the default is us-west-2', () => {
    expect(REGIONS.map(regionBaseUrl)).toEqual([
      'https://us-west-2.recall.ai',
      'https://us-east-1.recall.ai',
      'https://eu-central-1.recall.ai',
      'https://ap-northeast-1.recall.ai',
    ]);
    expect(new RecallClient({ apiKey: KEY }).baseUrl).toBe('https://us-west-2.recall.ai');
    expect(new RecallClient({ apiKey: KEY, region: 'eu-central-1' }).baseUrl).toBe('https://eu-central-1.recall.ai');
  });

  test('unusable bases and keys are refused with a specific reason', () => {
    expect(() => new RecallClient({ apiKey: KEY, baseUrl: 'ftp://example.com' })).toThrow(/http or https/);
    expect(() => new RecallClient({ apiKey: KEY, baseUrl: 'not a url' })).toThrow(/not a valid URL/);
    expect(() => new RecallClient({ apiKey: '  ' })).toThrow(/No Recall API key/);
    expect(() => new RecallClient({ apiKey: 'abc\ndef' })).toThrow(/line breaks/);
  });
});
