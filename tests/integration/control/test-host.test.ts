// The web test host as Playwright (and `npm run web`) use it: the page with the bridge and the
// tray panel beside the app, the panel's own assets and the tray icons, the admin that presses
// shortcuts, clicks the tray and simulates a shortcut taken by another app, and core events
// pushed over the bridge socket. A stub renderer stands in for the built one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestHost } from '../../e2e/host/test-host';
import type { TestHost } from '../../e2e/host/test-host';
import type { HostMessage } from '../../e2e/host/protocol';
import { until } from './helpers';

let host: TestHost;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'recall-remote-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>stub</title></head><body><div id="root"></div></body></html>');
  host = await startTestHost({ rendererDir, speed: 20, env: {} });
});
afterAll(() => host.close());

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL(path, host.url), {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

async function selectedRecordingBot(): Promise<string> {
  const created = await admin('POST', '/__host/bots', { name: 'Weekly sync' });
  const id = (created.json as { id: string }).id;
  await until(
    async () => (await admin('POST', '/__host/dispatch', { channel: 'bot:select', payload: { botId: id } })).json,
    (result) => JSON.stringify(result).includes('"live":"recording"'),
    'the bot to record',
  );
  return id;
}

describe('the page', () => {
  test('is the app with the bridge, and the tray panel of the host beside it', async () => {
    const html = await (await fetch(host.url)).text();
    expect(html).toContain('<script src="/__host/bridge.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/__host/tray-panel.css" />');
    expect(html).toContain('<body data-host-layout>');
    expect(html).toMatch(/<aside id="host-tray-panel"[^>]*><\/aside>\s*<script src="\/__host\/tray-panel.js"><\/script>\s*<\/body>/);
    for (const [path, type] of [
      ['/__host/tray-panel.js', 'text/javascript'],
      ['/__host/tray-panel.css', 'text/css'],
      ['/__host/tray-icons/recording-sandbox@2x.png', 'image/png'],
      ['/__host/tray-icons/paused.png', 'image/png'],
    ]) {
      const res = await fetch(new URL(path ?? '', host.url));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
    }
    expect((await fetch(new URL('/__host/tray-icons/../../package.json', host.url))).status).not.toBe(200);
    expect((await fetch(new URL('/__host/tray-icons/nope@2x.png', host.url))).status).toBe(404);
  });
});

describe('the admin', () => {
  test('presses a global shortcut like the OS would, with the outcome and the notification', async () => {
    await selectedRecordingBot();
    const pressed = await admin('POST', '/__host/hotkey/toggle-pause');
    expect(pressed.json).toMatchObject({ action: 'toggle-pause', status: 'done', message: 'Recording paused' });
    const tray = await admin('GET', '/__host/tray');
    expect(tray.json).toMatchObject({ iconId: 'paused-sandbox' });
    const notifications = await admin('GET', '/__host/notifications');
    expect(notifications.json).toMatchObject({ notifications: [{ kind: 'hotkey', outcome: { status: 'done', message: 'Recording paused' } }] });
  });

  test('clicks a tray item; an informational item is refused', async () => {
    await selectedRecordingBot();
    const clicked = await admin('POST', '/__host/tray/click', { id: 'pause' });
    expect(clicked.json).toMatchObject({ command: { kind: 'press', action: 'pause' }, tray: { iconId: 'paused-sandbox' } });
    expect(await admin('POST', '/__host/tray/click', { id: 'status' })).toMatchObject({ status: 400 });
  });

  test('a shortcut taken by another app shows as in use until released', async () => {
    const taken = await admin('POST', '/__host/hotkeys/simulate-in-use', { accelerator: 'CommandOrControl+Alt+Shift+P' });
    expect(JSON.stringify(taken.json)).toContain('"status":"in_use"');
    const released = await admin('POST', '/__host/hotkeys/release', { accelerator: 'CommandOrControl+Alt+Shift+P' });
    expect(JSON.stringify(released.json)).not.toContain('in_use');
  });

  test('switches how a saved key would be protected', async () => {
    const result = await admin('POST', '/__host/vault', { keyStorage: 'basic_text' });
    expect(result.json).toMatchObject({ ok: true, value: { keyStorage: 'basic_text' } });
    await admin('POST', '/__host/vault', { keyStorage: 'os' });
  });

  test('refuses malformed admin requests with a reason', async () => {
    expect(await admin('POST', '/__host/hotkeys/simulate-in-use', { key: 'x' })).toMatchObject({ status: 400 });
    expect(await admin('POST', '/__host/faults', { errorRate: 3 })).toMatchObject({ status: 400 });
    expect(await admin('GET', '/__host/nope')).toMatchObject({ status: 404 });
  });
});

describe('the bridge socket', () => {
  test('carries requests and every core event (state, tray, notices) to the page', async () => {
    const origin = new URL(host.url).origin;
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/__host/ws`, { origin });
    const messages: HostMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ id: 1, channel: 'tray:getModel' }));
    await selectedRecordingBot();
    await admin('POST', '/__host/hotkey/pause');
    await until(() => messages.map((m) => (m.kind === 'event' ? m.event : 'result')), (seen) => seen.includes('app:notice'), 'a notice');
    const kinds = new Set(messages.map((m) => (m.kind === 'event' ? m.event : 'result')));
    expect([...kinds]).toEqual(expect.arrayContaining(['result', 'state:changed', 'tray:changed', 'app:notice']));
    socket.close();
  });

  test('refuses a socket from another origin', async () => {
    const origin = new URL(host.url).origin;
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/__host/ws`, { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
