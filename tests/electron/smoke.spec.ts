// The real Electron app starts and shows its window, its tray answers, and the page it shows has
// no Node. Runs only where the Electron binary is installed (it cannot be downloaded on machines
// without internet); skipped with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** Mirrors electron/index.js's lookup, without its download fallback. */
function electronBinary(): string | null {
  const root = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(root, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, relative ?? 'electron')) ? join(override, relative ?? 'electron') : null;
  if (!relative) return null;
  const binary = join(root, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built = existsSync('out/main/index.js') && existsSync('out/preload/index.cjs') && existsSync('out/renderer/index.html');

test.skip(
  binary === null,
  'Electron binary not installed (node_modules/electron/path.txt and dist/ are missing; it cannot be downloaded here). ' +
    'Run `npx install-electron` with internet access, or set ELECTRON_OVERRIDE_DIST_PATH.',
);
test.skip(!built, 'The app is not built: run `npm run build` first.');

test('the app starts and its window shows the live header in Sandbox mode', async () => {
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: ['.'],
    env: { ...process.env, RECALL_API_KEY: '' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('mode-badge')).toHaveText('Sandbox');
    await expect(window.getByTestId('state-pill')).toContainText('No bot selected');
    const secure = await window.evaluate(() => ({
      bridge: typeof (globalThis as { recallRemote?: unknown }).recallRemote,
      node: typeof (globalThis as { require?: unknown }).require,
    }));
    expect(secure).toEqual({ bridge: 'object', node: 'undefined' });
  } finally {
    await app.close();
  }
});

test('the tray exists, its "Open window" item brings back the hidden window, and the page has no Node', async () => {
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: ['.'],
    env: { ...process.env, RECALL_API_KEY: '' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('mode-badge')).toHaveText('Sandbox');

    // No tray API lists trays: catch the app's own tray when it next updates its menu and tooltip.
    await app.evaluate(({ Tray }) => {
      const seen = globalThis as { __tray?: { tray: unknown; menu: unknown; tooltip: string | null } };
      const setContextMenu = Tray.prototype.setContextMenu;
      const setToolTip = Tray.prototype.setToolTip;
      Tray.prototype.setContextMenu = function (menu) {
        seen.__tray = { tooltip: null, ...seen.__tray, tray: this, menu };
        return setContextMenu.call(this, menu);
      };
      Tray.prototype.setToolTip = function (tooltip) {
        seen.__tray = { tray: this, menu: null, ...seen.__tray, tooltip };
        return setToolTip.call(this, tooltip);
      };
    });
    // Sending a bot to a (sandbox) meeting selects it: the tray's menu and tooltip follow.
    const created = await window.evaluate(() =>
      (globalThis as unknown as { recallRemote: { createBot(input: { meetingUrl: string; manual: boolean }): Promise<{ ok: boolean }> } }).recallRemote.createBot({
        meetingUrl: 'https://us02web.zoom.us/j/84512345678',
        manual: true,
      }),
    );
    expect(created.ok).toBe(true);
    await expect
      .poll(() => app.evaluate(() => {
        const seen = (globalThis as { __tray?: { tray: { isDestroyed(): boolean }; menu: { items: unknown[] } | null; tooltip: string | null } }).__tray;
        return seen ? { alive: !seen.tray.isDestroyed(), items: seen.menu?.items.length ?? 0, tooltip: seen.tooltip } : null;
      }), { timeout: 20_000 })
      .toMatchObject({ alive: true, items: expect.any(Number), tooltip: expect.stringContaining('Sandbox') });

    // Close hides the window (a tray app keeps running); the tray item shows it again.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(false);
    await app.evaluate(() => {
      const seen = (globalThis as { __tray?: { menu: { getMenuItemById(id: string): { click(): void } | null } | null } }).__tray;
      const item = seen?.menu?.getMenuItemById('open-window');
      if (!item) throw new Error('the tray menu has no "Open window" item');
      item.click();
    });
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);

    // The page is isolated and sandboxed: no require, no process, no Node globals; only the bridge.
    const page = await app.firstWindow();
    const globals = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        ipcRenderer: typeof g.ipcRenderer,
        bridgeKeys: Object.values(g.recallRemote as Record<string, unknown>).every((v) => typeof v === 'function'),
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', ipcRenderer: 'undefined', bridgeKeys: true });
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      const p = (contents as unknown as { getLastWebPreferences?: () => Record<string, unknown> } | undefined)?.getLastWebPreferences?.();
      return p ? { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration } : null;
    });
    if (prefs) expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  } finally {
    await app.close();
  }
});
