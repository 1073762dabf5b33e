// List Bots follows Recall's absolute `next` links page by page, sends filters as query
// parameters, and never follows a link that would send the API key to another host.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { RecallClient, type Bot } from '../../../electron/core/recall';
import { recallFixture } from '../../fixtures/recall';
import { json, startScriptedServer, type ScriptedServer } from './scripted-server';

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function client(): RecallClient {
  return new RecallClient({ apiKey: 'k', baseUrl: server.baseUrl, sleep: async () => {} });
}

async function all(iter: AsyncGenerator<Bot>): Promise<Bot[]> {
  const out: Bot[] = [];
  for await (const bot of iter) out.push(bot);
  return out;
}

test('follows absolute next links across pages until next is null', async () => {
  server.setHandler((req) => json(200, recallFixture(req.path.includes('page=2') ? 'bot-list-page-2' : 'bot-list-page-1', server.baseUrl)));
  const bots = await all(client().listBots());
  expect(bots.map((b) => b.bot_name)).toEqual(['Manual Notetaker', 'Weekly sync notes', 'Retro notes']);
  expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/bot/', 'GET /api/v1/bot/?page=2']);
  for (const req of server.requests) {
    expect(req.body).toBe('');
    expect(req.headers['content-type']).toBeUndefined();
    expect(req.headers.authorization).toBe('Token k');
  }
});

test('a consumer that stops early does not fetch further pages', async () => {
  server.setHandler(() => json(200, recallFixture('bot-list-page-1', server.baseUrl)));
  for await (const bot of client().listBots()) {
    expect(bot.bot_name).toBe('Manual Notetaker');
    break;
  }
  expect(server.requests).toHaveLength(1);
});

test('filters become query parameters; arrays repeat, metadata uses metadata__KEY', async () => {
  server.setHandler(() => json(200, { count: 0, next: null, previous: null, results: [] }));
  await all(client().listBots({ status: ['in_call_recording', 'in_call_not_recording'], metadata: { source: 'recall-remote' }, page: 3 }));
  const url = new URL(server.requests[0]!.path, server.baseUrl);
  expect(url.pathname).toBe('/api/v1/bot/');
  expect(url.searchParams.getAll('status')).toEqual(['in_call_recording', 'in_call_not_recording']);
  expect(url.searchParams.get('metadata__source')).toBe('recall-remote');
  expect(url.searchParams.get('page')).toBe('3');
});

test('a next link to another host is refused before the key is sent there', async () => {
  server.setHandler(() => json(200, { ...recallFixture('bot-list-page-1'), next: 'https://evil.example/api/v1/bot/?page=2' }));
  const seen: string[] = [];
  await expect(
    (async () => {
      for await (const bot of client().listBots()) seen.push(bot.id);
    })(),
  ).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('evil.example') });
  expect(seen).toHaveLength(2);
  expect(server.requests).toHaveLength(1);
});

test('a next link that loops back to a read page stops with an error instead of looping', async () => {
  server.setHandler(() => json(200, { ...recallFixture('bot-list-page-1'), next: `${server.baseUrl}/api/v1/bot/` }));
  await expect(all(client().listBots())).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('already read') });
  expect(server.requests).toHaveLength(1);
});

test('a page of the wrong shape is an invalid_response naming the field', async () => {
  server.setHandler(() => json(200, { count: 1, next: null, previous: null, results: [{ bot_name: 'no id' }] }));
  await expect(all(client().listBots())).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('results.0.id') });
});
