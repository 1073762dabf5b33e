// The app window's security settings and behaviour (DESIGN.md security checklist, UI.md window).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { FakeBrowserWindow, fakeEvent } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  return { BrowserWindow: fakes.FakeBrowserWindow, nativeTheme: { shouldUseDarkColors: false } };
});

const { createMainWindow, revealWindow, WINDOW_SIZE } = await import('../../../electron/main/window');

function open(options: { quitting?: boolean; target?: 'file' | 'url' } = {}) {
  const log = vi.fn();
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    target: options.target === 'url' ? { kind: 'url', url: 'http://localhost:5173/' } : { kind: 'file', path: '/app/out/renderer/index.html' },
    isQuitting: () => options.quitting ?? false,
    log,
  });
  const window = FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was created');
  return { window, log };
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
});

describe('createMainWindow', () => {
  it('isolates and sandboxes the page, without Node, with our CommonJS preload', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('webSecurity');
    expect(window.options).toMatchObject({ ...WINDOW_SIZE, show: false });
    expect(WINDOW_SIZE).toEqual({ width: 420, height: 640 });
  });

  it('loads the built page, or the dev server when told to', () => {
    expect(open().window.loaded).toBe('file:/app/out/renderer/index.html');
    expect(open({ target: 'url' }).window.loaded).toBe('http://localhost:5173/');
  });

  it('prevents every navigation away from the page', () => {
    const { window, log } = open();
    const event = fakeEvent();
    window.webContents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
    expect(log).toHaveBeenCalledWith('blocked navigation to https://evil.example/');
  });

  it('refuses webviews', () => {
    const { window } = open();
    const event = fakeEvent();
    window.webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies window.open', () => {
    const { window } = open();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every other permission request and check, even to the app page', () => {
    const { window } = open();
    const { session } = window.webContents;
    const page = 'file:///app/out/renderer/index.html#settings';
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      session.requestHandler?.(window.webContents, permission, callback, { requestingUrl: page, isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.checkHandler?.(window.webContents, permission, 'file://', { requestingUrl: page, isMainFrame: true })).toBe(false);
    }
  });

  it('allows writing to the clipboard (Copy link) to the app page only, in its top frame', () => {
    const { window } = open();
    const { session } = window.webContents;
    const request = (requestingUrl: string, isMainFrame = true): unknown => {
      const callback = vi.fn();
      session.requestHandler?.(window.webContents, 'clipboard-sanitized-write', callback, { requestingUrl, isMainFrame });
      return callback.mock.calls[0]?.[0];
    };
    const check = (requestingUrl: string | undefined, isMainFrame = true): unknown =>
      session.checkHandler?.(window.webContents, 'clipboard-sanitized-write', 'file://', { ...(requestingUrl !== undefined && { requestingUrl }), isMainFrame });
    expect(request('file:///app/out/renderer/index.html')).toBe(true);
    expect(check('file:///app/out/renderer/index.html#settings')).toBe(true);
    expect(request('file:///etc/passwd.html')).toBe(false);
    expect(request('https://evil.example/')).toBe(false);
    expect(request('file:///app/out/renderer/index.html', false)).toBe(false);
    expect(check('file:///app/out/renderer/index.html', false)).toBe(false);
    expect(check(undefined)).toBe(false);
  });

  it('on the dev server, allows the clipboard to that origin only', () => {
    const { window } = open({ target: 'url' });
    const { session } = window.webContents;
    expect(session.checkHandler?.(window.webContents, 'clipboard-sanitized-write', 'http://localhost:5173', { requestingUrl: 'http://localhost:5173/#settings', isMainFrame: true })).toBe(true);
    expect(session.checkHandler?.(window.webContents, 'clipboard-sanitized-write', 'http://localhost:5174', { requestingUrl: 'http://localhost:5174/', isMainFrame: true })).toBe(false);
  });

  it('hides on close instead of quitting, but closes when the app quits', () => {
    const { window } = open();
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.visible).toBe(false);

    const { window: quitting } = open({ quitting: true });
    const quit = fakeEvent();
    quitting.emit('close', quit);
    expect(quit.defaultPrevented).toBe(false);
  });
});

describe('revealWindow', () => {
  const FILE = { kind: 'file', path: '/app/out/renderer/index.html' } as const;

  it('brings a hidden or minimized window back and focuses it, without reloading', () => {
    const { window } = open();
    window.minimized = true;
    revealWindow(window as unknown as BrowserWindow, FILE);
    expect([window.minimized, window.visible, window.focused, window.loaded]).toEqual([false, true, true, 'file:/app/out/renderer/index.html']);
  });

  it('opens the Settings view by its hash (built page and dev server alike)', () => {
    const { window } = open();
    revealWindow(window as unknown as BrowserWindow, FILE, 'settings');
    expect(window.loaded).toBe('file:/app/out/renderer/index.html#settings');
    const { window: dev } = open({ target: 'url' });
    revealWindow(dev as unknown as BrowserWindow, { kind: 'url', url: 'http://localhost:5173/#old' }, 'settings');
    expect(dev.loaded).toBe('http://localhost:5173/#settings');
    expect(dev.visible).toBe(true);
  });

  it('does nothing to a destroyed window', () => {
    const { window } = open();
    window.destroyed = true;
    revealWindow(window as unknown as BrowserWindow, FILE, 'settings');
    expect([window.visible, window.loaded]).toEqual([false, 'file:/app/out/renderer/index.html']);
  });
});
