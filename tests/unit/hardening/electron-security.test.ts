// The Electron security checklist (DESIGN.md), checked against the code that ships, with 'electron'
// mocked. Extends tests/unit/main/window.test.ts and ipc.test.ts (which cover the basics) to the
// whole surface: every webPreference that weakens isolation, every BrowserWindow in main, the CSP
// of the BUILT page (run `npm run build` first; `npm test` does), every permission Electron knows
// by every kind of requester, navigation of every kind, the sender check on EVERY IPC channel,
// and the preload exposing named functions only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../electron/contract';
import { createEventHub } from '../../../electron/core/app';
import type { Dispatch } from '../../../electron/core/app';
import type { RendererTarget } from '../../../electron/main/renderer-target';
import { FakeBrowserWindow, fakeEvent } from '../main/electron-fakes';
import type { FakeFrame } from '../main/electron-fakes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

type Handler = (...args: unknown[]) => unknown;
const ipcHandlers = new Map<string, Handler>();
const exposed: Array<[string, unknown]> = [];
const rendererCalls = { invoke: [] as Array<[string, unknown]>, on: [] as Array<[string, Handler]>, removed: [] as string[] };

vi.mock('electron', async () => {
  const fakes = await import('../main/electron-fakes');
  return {
    BrowserWindow: fakes.FakeBrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    ipcMain: {
      handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.push([key, api]) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        rendererCalls.invoke.push([channel, payload]);
        return { ok: true, value: null };
      },
      on: (channel: string, listener: Handler) => void rendererCalls.on.push([channel, listener]),
      removeListener: (channel: string) => void rendererCalls.removed.push(channel),
    },
  };
});

const { createMainWindow } = await import('../../../electron/main/window');
const { registerIpc } = await import('../../../electron/main/ipc');

const APP_FILE = '/opt/Recall Remote/resources/app.asar/out/renderer/index.html';
const FILE_TARGET: RendererTarget = { kind: 'file', path: APP_FILE };
const APP_URL = pathToFileURL(APP_FILE).href;

function openWindow(target: RendererTarget = FILE_TARGET) {
  FakeBrowserWindow.created.length = 0;
  const log = vi.fn();
  createMainWindow({ preloadPath: '/opt/Recall Remote/resources/app.asar/out/preload/index.cjs', target, isQuitting: () => false, log });
  const window = FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window');
  return { window, log };
}

describe('webPreferences', () => {
  it('isolates, sandboxes and strips Node from the page, and weakens nothing', () => {
    const prefs: Record<string, unknown> = { ...openWindow().window.options.webPreferences };
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    for (const [key, unsafe] of [
      ['webSecurity', false],
      ['allowRunningInsecureContent', true],
      ['experimentalFeatures', true],
      ['nodeIntegrationInWorker', true],
      ['nodeIntegrationInSubFrames', true],
      ['webviewTag', true],
      ['plugins', true],
      ['navigateOnDragDrop', true],
    ] as const) {
      expect(prefs[key], `webPreferences.${key}`).not.toBe(unsafe);
    }
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(String(prefs.preload)).toMatch(/out\/preload\/index\.cjs$/);
  });

  it('every BrowserWindow in main is the one createMainWindow builds, and no source weakens a window', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) sources.push(path);
      }
    };
    walk(join(ROOT, 'electron'));
    const offenders: string[] = [];
    for (const path of sources) {
      const text = readFileSync(path, 'utf8');
      const where = path.slice(ROOT.length + 1);
      if (/new BrowserWindow\s*\(/.test(text) && where !== 'electron/main/window.ts') offenders.push(`${where}: a BrowserWindow outside createMainWindow`);
      for (const unsafe of [
        /nodeIntegration\s*:\s*true/,
        /contextIsolation\s*:\s*false/,
        /sandbox\s*:\s*false/,
        /webSecurity\s*:\s*false/,
        /allowRunningInsecureContent\s*:\s*true/,
        /experimentalFeatures\s*:\s*true/,
        /enableBlinkFeatures/,
        /exposeInMainWorld\([^)]*ipcRenderer\s*\)/,
        /\.openDevTools\(/,
        /executeJavaScript\(/,
      ]) {
        if (unsafe.test(text)) offenders.push(`${where}: ${unsafe.source}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the CSP of the built page (out/renderer/index.html)', () => {
  const built = join(ROOT, 'out/renderer/index.html');

  function policy(): Map<string, string[]> {
    if (!existsSync(built)) throw new Error('out/renderer/index.html is missing: run `npm run build` first (npm test does).');
    const html = readFileSync(built, 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/gi)];
    expect(metas).toHaveLength(1);
    const directives = new Map<string, string[]>();
    for (const part of (metas[0]?.[1] ?? '').split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) directives.set(name.toLowerCase(), values);
    }
    return directives;
  }

  it("falls back to 'self' and never allows inline or evaluated script", () => {
    const csp = policy();
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) expect(scripts).not.toContain(unsafe);
    expect(scripts.every((s) => s === "'self'")).toBe(true);
    expect(csp.get('style-src') ?? []).not.toContain("'unsafe-inline'");
  });

  it("allows no plugins, no <base> rewriting, and connections to the app only", () => {
    const csp = policy();
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('connect-src') ?? csp.get('default-src')).toEqual(["'self'"]);
    for (const directive of ['frame-src', 'child-src', 'worker-src']) {
      for (const value of csp.get(directive) ?? []) expect(['*', 'data:', 'blob:', 'https:', 'http:']).not.toContain(value);
    }
  });

  it('limits media to the app, its media protocol, pre-signed S3 links and the local sandbox', () => {
    const media = policy().get('media-src') ?? [];
    expect(media.sort()).toEqual(["'self'", 'http://127.0.0.1:*', 'https://*.amazonaws.com', 'recall-media:'].sort());
  });

  it('the built page has no inline script or event handler attribute for the CSP to forbid', () => {
    const html = readFileSync(built, 'utf8');
    for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(script[1]).toMatch(/\bsrc=/);
      expect(script[2]?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

describe('navigation and new windows', () => {
  it.each([
    ['a foreign site', 'https://evil.example/'],
    ['another local file', 'file:///etc/passwd'],
    ['the app page itself (a reload by link)', APP_URL],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
  ])('prevents navigating to %s', (_what, url) => {
    const { window } = openWindow();
    const event = fakeEvent();
    window.webContents.emit('will-navigate', event, url);
    expect(event.defaultPrevented).toBe(true);
  });

  it.each(['https://evil.example/', APP_URL, 'about:blank', 'recall-media://file/x.mp4'])('denies window.open(%s)', (url) => {
    const { window } = openWindow();
    expect(window.webContents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    const { window } = openWindow();
    const event = fakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

/** Every permission name Electron's own types know, so a new one is covered when Electron adds it. */
function electronPermissions(handler: 'setPermissionRequestHandler' | 'setPermissionCheckHandler'): string[] {
  const types = readFileSync(join(ROOT, 'node_modules/electron/electron.d.ts'), 'utf8');
  const line = types.split('\n').find((l) => l.trimStart().startsWith(`${handler}(handler:`));
  const names = line ? [...(line.split('permission: ')[1]?.split(/, (callback|requestingOrigin)/)[0]?.matchAll(/'([^']+)'/g) ?? [])].map((m) => m[1] ?? '') : [];
  return names;
}

describe('permissions', () => {
  const requesters: Array<[string, string, boolean]> = [
    ['the app page (top frame)', APP_URL, true],
    ['the app page in a subframe', APP_URL, false],
    ['a foreign page', 'https://evil.example/', true],
    ['another local file', 'file:///tmp/other.html', true],
    ['a data: page', 'data:text/html,hi', true],
  ];

  it('knows the permission names of this Electron version', () => {
    expect(electronPermissions('setPermissionRequestHandler')).toEqual(expect.arrayContaining(['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal']));
    expect(electronPermissions('setPermissionCheckHandler').length).toBeGreaterThan(5);
  });

  it('grants only clipboard-sanitized-write (Copy link), only to the app page in its top frame; denies everything else to everyone', () => {
    const { window } = openWindow();
    const { session } = window.webContents;
    const granted: string[] = [];
    for (const permission of electronPermissions('setPermissionRequestHandler')) {
      for (const [who, url, isMainFrame] of requesters) {
        let answer: boolean | null = null;
        session.requestHandler?.(window.webContents, permission, (ok: boolean) => (answer = ok), { requestingUrl: url, isMainFrame });
        if (answer === null) throw new Error(`no answer for ${permission} from ${who}`);
        if (answer) granted.push(`${permission} ← ${who}`);
      }
    }
    expect(granted).toEqual(['clipboard-sanitized-write ← the app page (top frame)']);
  });

  it('answers permission checks the same way', () => {
    const { window } = openWindow();
    const { session } = window.webContents;
    const granted: string[] = [];
    for (const permission of electronPermissions('setPermissionCheckHandler')) {
      for (const [who, url, isMainFrame] of requesters) {
        if (session.checkHandler?.(window.webContents, permission, new URL(url).origin, { requestingUrl: url, isMainFrame }) === true) granted.push(`${permission} ← ${who}`);
      }
    }
    expect(granted).toEqual(['clipboard-sanitized-write ← the app page (top frame)']);
  });
});

describe('IPC sender checks on every channel', () => {
  let dispatched: Array<[string, unknown]>;
  let window: FakeBrowserWindow;

  beforeEach(() => {
    ipcHandlers.clear();
    dispatched = [];
    window = new FakeBrowserWindow({});
    window.webContents.mainFrame = { url: APP_URL, parent: null };
    const dispatch = (async (channel: string, payload: unknown) => {
      dispatched.push([channel, payload]);
      return { ok: true, value: null };
    }) as Dispatch;
    registerIpc({ dispatch, events: createEventHub(), getWindow: () => window as unknown as BrowserWindow, target: FILE_TARGET });
  });

  function invoke(channel: string, event: unknown, ...args: unknown[]) {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event as IpcMainInvokeEvent, ...args);
  }

  const from = (frame: FakeFrame | null, sender?: unknown) => ({ sender: sender ?? window.webContents, senderFrame: frame });

  it('registers a handler for exactly the contract channels', () => {
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(CHANNEL_NAMES)('%s: refuses every sender but the app page in its top frame, before the core sees anything', async (channel) => {
    const other = new FakeBrowserWindow({});
    const foreign: Array<[string, unknown]> = [
      ['a foreign page in our window', from({ url: 'https://evil.example/', parent: null })],
      ['a subframe showing our page', from({ url: APP_URL, parent: window.webContents.mainFrame })],
      ['another local file', from({ url: 'file:///tmp/evil.html', parent: null })],
      ['the dev server while the app runs from its file', from({ url: 'http://localhost:5173/', parent: null })],
      ['our page in another window', from({ url: APP_URL, parent: null }, other.webContents)],
      ['a destroyed frame', from(null)],
    ];
    for (const [who, event] of foreign) {
      expect(await invoke(channel, event, { botId: 'x' }), who).toEqual({
        ok: false,
        error: { kind: 'forbidden', message: 'This request did not come from the Recall Remote window, so it was refused.' },
      });
    }
    expect(dispatched).toEqual([]);
    await invoke(channel, from({ url: APP_URL, parent: null }), { probe: 1 });
    expect(dispatched).toEqual([[channel, { probe: 1 }]]);
  });

  it('refuses everything once the window is gone', async () => {
    window.destroyed = true;
    for (const channel of CHANNEL_NAMES) expect(await invoke(channel, from({ url: APP_URL, parent: null }), undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(dispatched).toEqual([]);
  });
});

describe('the preload', () => {
  it('exposes one object of named functions (never ipcRenderer) that reach only contract channels and events', async () => {
    await import('../../../electron/preload/index');
    expect(exposed.map(([key]) => key)).toEqual(['recallRemote']);
    const api = exposed[0]?.[1] as Record<string, unknown>;
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'require', 'process']) expect(api).not.toHaveProperty(forbidden);

    for (const [name, fn] of Object.entries(api)) {
      const call = (fn as (...args: unknown[]) => unknown)('0b7c1d2e-3f4a-4b6c-8d8e-9f0a1b2c3d4e', true);
      if (name.startsWith('on')) {
        expect(call, `${name} returns its unsubscribe function`).toBeTypeOf('function');
        (call as () => void)();
      } else await call;
    }
    const invoked = new Set(rendererCalls.invoke.map(([channel]) => channel));
    expect([...invoked].sort()).toEqual([...CHANNEL_NAMES].sort());
    const subscribed = rendererCalls.on.map(([event]) => event);
    expect(subscribed.every((event) => (EVENT_NAMES as readonly string[]).includes(event))).toBe(true);
    expect(new Set(subscribed)).toEqual(new Set(EVENT_NAMES));
    expect(rendererCalls.removed.sort()).toEqual([...subscribed].sort());

    // A listener gets the payload only, never Electron's event (with its sender).
    const received: unknown[] = [];
    const subscribe = api.onStateChanged as (listener: (...args: unknown[]) => void) => () => void;
    subscribe((...args) => received.push(args));
    rendererCalls.on.at(-1)?.[1]({ sender: 'the ipc event', senderFrame: {} }, { selected: false });
    expect(received).toEqual([[{ selected: false }]]);
  });
});
