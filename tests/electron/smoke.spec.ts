// The real Electron app starts and shows its window. Runs only where the Electron binary is
// installed (it cannot be downloaded on machines without internet); skipped with the reason.
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
