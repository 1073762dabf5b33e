#!/usr/bin/env node
// Makes sure the Electron binary is present before `npm start` / `npm run dev`.
// electron 45 has no npm install script: its binary is fetched by its own `install-electron`
// bin (or lazily on first require). Running it here makes the first `npm start` on a machine
// with internet download Electron once, with a clear message when that is impossible.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(
    `Recall Remote: Electron 45 expects Node.js >= 22.12 (you have ${process.versions.node}). ` +
      'If the download below fails, upgrade Node.js first.',
  );
}

// electron-vite launches ELECTRON_EXEC_PATH when set (an Electron 45 the user already has).
if (process.env.ELECTRON_EXEC_PATH) process.exit(0);

const require = createRequire(import.meta.url);
const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    '\nRecall Remote: could not download the Electron binary (needs internet once).\n' +
      'Fix your connection or proxy and run `npm start` again, or set ELECTRON_EXEC_PATH to the\n' +
      'executable of an Electron 45 you already have. The CLI (`npx recall-remote --help`) and the browser\n' +
      'preview (`npm run build && npm run web`) work without it.',
  );
  process.exit(result.status ?? 1);
}
