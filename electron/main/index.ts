// Electron entry: composes the app core with the Electron adapters (window, IPC) and owns the
// app lifecycle. A configured RECALL_API_KEY means live; otherwise the embedded sandbox runs.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { createCore, createEventHub, openConnection } from '../core/app';
import type { Core, Timers } from '../core/app';
import { RecallClient } from '../core/recall';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { registerIpc } from './ipc';
import { rendererTarget } from './renderer-target';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const timers: Timers = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};

let window: BrowserWindow | null = null;
let core: Core | null = null;
let sandbox: Sandbox | null = null;
let quitting = false;

function showWindow(): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

// The sandbox logs one line per request (a poll every few seconds): kept out of the log file.
log.transports.file.level = 'info';

async function start(): Promise<void> {
  const opened = await openConnection(process.env, () =>
    startSandbox({ log: (line) => log.debug(`[sandbox] ${line}`) }),
  );
  sandbox = opened.sandbox;
  const { connection } = opened;
  log.info(
    connection.mode === 'sandbox'
      ? `using the embedded sandbox at ${connection.baseUrl ?? '?'}`
      : `using Recall at ${connection.baseUrl ?? connection.region ?? 'the default region'}`,
  );

  const events = createEventHub();
  core = createCore({
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    connection,
    createClient: (c) => new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region }),
    clock: { now: () => Date.now() },
    timers,
    events,
    log: (level, message) => log[level](message),
  });

  const target = rendererTarget(process.env, join(here, '../renderer/index.html'), app.isPackaged);
  window = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    target,
    isQuitting: () => quitting,
    log: (message) => log.warn(message),
  });
  registerIpc({ dispatch: core.dispatch, events, getWindow: () => window, target, log: (message) => log.warn(message) });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // A tray app keeps running with its window hidden; quitting goes through the menu (or the OS).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    quitting = true;
    core?.close();
    core = null;
    const running = sandbox;
    if (!running) return;
    sandbox = null;
    event.preventDefault();
    running
      .close()
      .catch((error: unknown) => log.error(`sandbox did not close cleanly: ${String(error)}`))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`startup failed: ${message}`);
      dialog.showErrorBox('Recall Remote could not start', message);
      app.exit(1);
    });
}
