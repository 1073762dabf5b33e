// connection:get / connection:set and start-up: a new live connection is checked with a real API
// call and saved only when it works; any failure says why and leaves the current connection and
// the saved state untouched; the API key never leaves the core.
import { describe, expect, it } from 'vitest';
import { RecallError } from '../../../electron/core/recall';
import { defaultSettings } from '../../../electron/core/settings';
import type { Connection } from '../../../electron/core/app';
import { BOT_A, coreHarness } from './fixtures';
import type { CoreHarness } from './fixtures';

const KEY = 'f1e2d3c4b5a6978877665544332211ffeeddccbb';
const OTHER_KEY = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3';

/** A workspace that accepts KEY (and OTHER_KEY) only, on any host but one that is down. */
function recallAccepting(h: CoreHarness): void {
  h.workspace.rejectConnection = (connection: Connection) => {
    if (connection.baseUrl === 'https://down.example.com') {
      return new RecallError({ kind: 'network', message: 'Could not resolve down.example.com — check the API base URL' });
    }
    if (connection.mode === 'live' && connection.apiKey !== KEY && connection.apiKey !== OTHER_KEY) {
      return new RecallError({ kind: 'auth', status: 401, message: 'Recall rejected the API key (401: Invalid token.) — check the key and that it belongs to us-east-1.recall.ai' });
    }
    return null;
  };
}

async function info(h: CoreHarness) {
  const result = await h.core.dispatch('app:getInfo', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('connection:get', () => {
  it('shows the sandbox and how a key would be stored, never the key', async () => {
    const h = await coreHarness({ keyStorage: 'basic_text' });
    expect(await h.core.dispatch('connection:get', undefined)).toEqual({
      ok: true,
      value: { mode: 'sandbox', region: 'us-west-2', customBaseUrl: null, apiKeyConfigured: false, keyStorage: 'basic_text' },
    });
  });
});

describe('connection:set live', () => {
  it('checks the key with a real request, saves it, switches the core over and closes the sandbox', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const result = await h.core.dispatch('connection:set', { mode: 'live', apiKey: ` ${KEY} `, region: 'us-east-1' });
    expect(result.ok && result.value).toMatchObject({ mode: 'live', connection: { kind: 'region', region: 'us-east-1', baseUrl: 'https://us-east-1.recall.ai' }, apiKeyConfigured: true });
    const check = h.workspace.clients.find((c) => c.options !== undefined);
    expect(check).toMatchObject({ connection: { mode: 'live', apiKey: KEY, region: 'us-east-1' }, options: { maxRetries: 1 } });
    expect(await h.vault.getApiKey()).toBe(KEY);
    expect(h.settings.get().connection).toEqual({ mode: 'live', region: 'us-east-1', customBaseUrl: null });
    expect(h.sandboxes[0]?.closed).toBe(true);
    // The sandbox bot does not exist on the new connection: nothing is selected any more.
    expect(h.events('state:changed').at(-1)).toEqual({ selected: false });
    expect(h.core.tray.current().iconId).toBe('not-recording');
    expect(await h.core.dispatch('connection:get', undefined)).toEqual({
      ok: true,
      value: { mode: 'live', region: 'us-east-1', customBaseUrl: null, apiKeyConfigured: true, keyStorage: 'os' },
    });
  });

  it('a rejected key: the auth error, nothing saved, still on the sandbox', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    const result = await h.core.dispatch('connection:set', { mode: 'live', apiKey: 'wrong-key', region: 'us-east-1' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'Recall rejected the API key (401: Invalid token.) — check the key and that it belongs to us-east-1.recall.ai. The connection was not changed.' },
    });
    expect(h.vault.hasApiKey()).toBe(false);
    expect(h.settings.get().connection).toEqual(defaultSettings().connection);
    expect((await info(h)).mode).toBe('sandbox');
    expect(h.sandboxes[0]?.closed).toBe(false);
  });

  it('an unreachable host: the network error, nothing saved', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    const result = await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY, customBaseUrl: 'https://down.example.com/' });
    expect(result.ok ? null : result.error).toEqual({ kind: 'network', message: 'Could not resolve down.example.com — check the API base URL. The connection was not changed.' });
    expect(h.vault.hasApiKey()).toBe(false);
    expect((await info(h)).mode).toBe('sandbox');
  });

  it('refuses a custom base URL that would send the key unencrypted, before any request', async () => {
    const h = await coreHarness();
    const result = await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY, customBaseUrl: 'http://proxy.example.com' });
    expect(result.ok ? null : result.error).toEqual({ kind: 'validation', message: expect.stringMatching(/^Plain http is only allowed for this computer/) });
    expect(h.workspace.clients.filter((c) => c.connection.mode === 'live')).toEqual([]);
  });

  it('uses a custom base URL, and keeps the saved key when none is given', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY });
    const result = await h.core.dispatch('connection:set', { mode: 'live', customBaseUrl: 'https://recall-proxy.example.com/' });
    expect(result.ok && result.value.connection).toEqual({ kind: 'custom', baseUrl: 'https://recall-proxy.example.com' });
    expect(h.workspace.clients.at(-1)?.connection).toEqual({ mode: 'live', apiKey: KEY, baseUrl: 'https://recall-proxy.example.com' });
    expect(h.settings.get().connection.customBaseUrl).toBe('https://recall-proxy.example.com');
  });

  it('asks for a key when none is saved', async () => {
    const h = await coreHarness();
    expect(await h.core.dispatch('connection:set', { mode: 'live', region: 'eu-central-1' })).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'Enter your Recall API key — none is saved yet.' },
    });
  });

  it('on Linux without a keyring: refuses to store the key until the user agrees, then stores it', async () => {
    const h = await coreHarness({ keyStorage: 'basic_text' });
    recallAccepting(h);
    const refused = await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY });
    expect(refused.ok ? null : refused.error.kind).toBe('storage');
    expect(refused.ok ? '' : refused.error.message).toMatch(/any program running as you could read it.*explicitly accept the weaker protection.*The connection was not changed\.$/);
    expect(h.vault.hasApiKey()).toBe(false);
    expect((await info(h)).mode).toBe('sandbox');
    const agreed = await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY, allowPlainTextStorage: true });
    expect(agreed.ok && agreed.value.mode).toBe('live');
    expect(h.vault.hasApiKey()).toBe(true);
  });

  it('a settings file that cannot be written: a storage error, the connection unchanged', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    h.settings.failNextSave = 'The settings could not be saved (EROFS) — check that /data is writable';
    const result = await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY });
    expect(result).toEqual({ ok: false, error: { kind: 'storage', message: 'The settings could not be saved (EROFS) — check that /data is writable' } });
    expect((await info(h)).mode).toBe('sandbox');
  });

  it('back to the sandbox: a fresh one starts, the key stays saved for later', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY });
    const result = await h.core.dispatch('connection:set', { mode: 'sandbox' });
    expect(result.ok && result.value).toMatchObject({ mode: 'sandbox', connection: { kind: 'custom', baseUrl: 'http://127.0.0.1:4102' }, apiKeyConfigured: true });
    expect(h.sandboxes.map((s) => s.closed)).toEqual([true, false]);
    expect(h.settings.get().connection.mode).toBe('sandbox');
    expect(h.vault.hasApiKey()).toBe(true);
  });

  it('never lets the key out: no response, event, notice or log line carries it', async () => {
    const h = await coreHarness();
    recallAccepting(h);
    const responses: unknown[] = [];
    responses.push(await h.core.dispatch('connection:set', { mode: 'live', apiKey: 'wrong-key-9f8e7d6c' }));
    responses.push(await h.core.dispatch('connection:set', { mode: 'live', apiKey: KEY, region: 'eu-central-1' }));
    responses.push(await h.core.dispatch('connection:set', { mode: 'live', apiKey: OTHER_KEY }));
    for (const channel of ['app:getInfo', 'connection:get', 'bot:getState', 'hotkeys:get', 'settings:get', 'tray:getModel'] as const) {
      responses.push(await h.core.dispatch(channel, undefined));
    }
    const everything = JSON.stringify({ responses, events: h.seen, notifications: h.notifier.shown, log: h.log, settings: h.settings.saves });
    for (const key of [KEY, OTHER_KEY, 'wrong-key-9f8e7d6c']) expect(everything).not.toContain(key);
  });
});

describe('start-up connection', () => {
  it('a saved live connection with its key starts live, without a sandbox', async () => {
    const settings = { ...defaultSettings(), connection: { mode: 'live' as const, region: 'ap-northeast-1' as const, customBaseUrl: null } };
    const h = await coreHarness({ settings, savedKey: KEY });
    expect(await info(h)).toMatchObject({ mode: 'live', connection: { kind: 'region', region: 'ap-northeast-1' } });
    expect(h.sandboxes).toEqual([]);
    expect(h.core.startupNotices).toEqual([]);
  });

  it('live mode without a saved key falls back to the sandbox and says so', async () => {
    const settings = { ...defaultSettings(), connection: { mode: 'live' as const, region: 'us-west-2' as const, customBaseUrl: null } };
    const h = await coreHarness({ settings });
    expect((await info(h)).mode).toBe('sandbox');
    expect(h.core.startupNotices).toEqual([{ level: 'warning', message: expect.stringMatching(/no API key is saved — using the built-in sandbox/) }]);
  });

  it('a key in the environment wins and is reported as live', async () => {
    const h = await coreHarness({ envConnection: { mode: 'live', apiKey: KEY, baseUrl: 'http://127.0.0.1:9000' } });
    expect(await h.core.dispatch('connection:get', undefined)).toEqual({
      ok: true,
      value: { mode: 'live', region: 'us-west-2', customBaseUrl: 'http://127.0.0.1:9000', apiKeyConfigured: true, keyStorage: 'os' },
    });
  });
});
