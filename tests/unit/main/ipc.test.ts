// IPC routing: only the app's own window (top frame, app page) reaches the core; payloads are
// validated by the core's dispatch; core events reach the window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../../electron/contract';
import { createEventHub } from '../../../electron/core/app';
import type { RendererTarget } from '../../../electron/main/renderer-target';
import { BOT_A, coreHarness } from '../contract/fixtures';
import { FakeBrowserWindow } from './electron-fakes';
import type { FakeFrame } from './electron-fakes';

type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, InvokeHandler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpc, isTrustedSender } = await import('../../../electron/main/ipc');

const FILE_TARGET: RendererTarget = { kind: 'file', path: '/opt/Recall Remote/resources/app.asar/out/renderer/index.html' };
const APP_URL = 'file:///opt/Recall%20Remote/resources/app.asar/out/renderer/index.html';

async function setup(target: RendererTarget = FILE_TARGET) {
  const window = new FakeBrowserWindow({});
  window.webContents.mainFrame = { url: target.kind === 'file' ? APP_URL : `${target.url}index.html`, parent: null };
  const harness = await coreHarness();
  const log = vi.fn();
  const events = createEventHub();
  const dispose = registerIpc({
    dispatch: harness.core.dispatch,
    events,
    // The fake implements the members the adapter uses; Electron's class is far larger.
    getWindow: () => window as unknown as BrowserWindow,
    target,
    log,
  });
  return { window, harness, events, log, dispose };
}

function eventFrom(window: FakeBrowserWindow, frame: FakeFrame | null) {
  return { sender: window.webContents, senderFrame: frame };
}

async function invoke(channel: string, event: unknown, ...args: unknown[]) {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

beforeEach(() => handlers.clear());

describe('registerIpc', () => {
  it('handles exactly the contract channels, and removes them on dispose', async () => {
    const { dispose } = await setup();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it("answers the app's own page", async () => {
    const { window } = await setup();
    const result = await invoke('app:getInfo', eventFrom(window, window.webContents.mainFrame), undefined);
    expect(result).toMatchObject({ ok: true, value: { mode: 'sandbox', apiKeyConfigured: false } });
  });

  it('refuses a foreign page, a subframe, another window, and a destroyed frame', async () => {
    const { window, log } = await setup();
    const other = new FakeBrowserWindow({});
    const main = window.webContents.mainFrame;
    const foreign = [
      eventFrom(window, { url: 'https://evil.example/', parent: null }),
      eventFrom(window, { url: 'file:///tmp/other.html', parent: null }),
      eventFrom(window, { url: APP_URL, parent: main }),
      { sender: other.webContents, senderFrame: { url: APP_URL, parent: null } },
      eventFrom(window, null),
    ];
    for (const event of foreign) {
      expect(await invoke('bot:getState', event, undefined)).toEqual({
        ok: false,
        error: { kind: 'forbidden', message: 'This request did not come from the Recall Remote window, so it was refused.' },
      });
    }
    expect(log).toHaveBeenCalledWith('blocked bot:getState from https://evil.example/');
  });

  it('accepts the dev server origin only when that is the target', () => {
    const dev: RendererTarget = { kind: 'url', url: 'http://localhost:5173/' };
    const window = new FakeBrowserWindow({});
    const asWindow = window as unknown as BrowserWindow;
    const event = (url: string) => eventFrom(window, { url, parent: null }) as unknown as IpcMainInvokeEvent;
    expect(isTrustedSender(event('http://localhost:5173/index.html'), asWindow, dev)).toBe(true);
    expect(isTrustedSender(event('http://localhost:5174/'), asWindow, dev)).toBe(false);
    expect(isTrustedSender(event(APP_URL), asWindow, dev)).toBe(false);
    expect(isTrustedSender(event('http://localhost:5173/'), asWindow, FILE_TARGET)).toBe(false);
  });

  it('validates the payload and answers a bad one with a typed error', async () => {
    const { window, harness } = await setup();
    const event = eventFrom(window, window.webContents.mainFrame);
    expect(await invoke('bot:select', event, { botId: 'yesterday' })).toEqual({
      ok: false,
      error: {
        kind: 'invalid_request',
        message: 'botId: That is not a bot ID: expected a UUID like 0b7c1d2e-3f4a-5b6c-7d8e-9f0a1b2c3d4e.',
      },
    });
    expect(await invoke('bot:select', event, { botId: BOT_A }, 'extra')).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(harness.workspace.gets).toEqual([]);
  });

  it('forwards every core event to the window', async () => {
    const { window, events } = await setup();
    events.emit('state:changed', { selected: false });
    events.emit('app:notice', { level: 'warning', message: 'Recording paused' });
    events.emit('tray:changed', { iconId: 'paused', tooltip: 'Paused 00:10', menu: [] });
    expect(window.webContents.sent.map(([channel]) => channel)).toEqual(['state:changed', 'app:notice', 'tray:changed']);
    expect(window.webContents.sent[1]?.[1]).toEqual({ level: 'warning', message: 'Recording paused' });
  });

  it('answers a selection from the real core', async () => {
    const { window, harness } = await setup();
    harness.workspace.addLive(BOT_A, { state: 'recording' });
    const result = await invoke('bot:select', eventFrom(window, window.webContents.mainFrame), { botId: BOT_A });
    expect(result).toMatchObject({ ok: true, value: { selected: true, botId: BOT_A, live: 'recording' } });
  });

  it('does not send to a destroyed window', async () => {
    const { window, events } = await setup();
    window.destroyed = true;
    events.emit('state:changed', { selected: false });
    expect(window.webContents.sent).toEqual([]);
  });
});
