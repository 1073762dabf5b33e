// Electron entry: composes the app core with the Electron adapters and owns the app lifecycle —
// nothing else. The single-instance lock comes first: `--action` launches forward their action to
// the running app and exit (startup.ts). Settings and the API key vault live in userData; a saved
// key (or RECALL_API_KEY) means live, otherwise the embedded sandbox runs, labelled "Sandbox". The
// tray follows the core's tray model; shortcuts, notifications, power events (auto-pause) and
// launch at login are the adapters'.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { createCore, createEventHub, liveConnectionFromEnv } from '../core/app';
import type { Core } from '../core/app';
import { fileSnapshotStore } from '../core/app/library';
import { systemClock, systemTimers } from '../core/control';
import { defaultDownloadDir } from '../core/downloads';
import { mediaUrlFor } from '../core/preview';
import { RecallClient } from '../core/recall';
import { startSandbox } from '../sandbox';
import {
  configureLinuxShortcutPortal,
  createLaunchAtLogin,
  createNotifier,
  createTrayAdapter,
  installGlobalShortcuts,
  openSettingsStore,
  trayResourcesDir,
} from './adapters';
import type { GlobalShortcuts, TrayAdapter } from './adapters';
import { watchPowerEvents } from './adapters/power-monitor';
import { registerIpc } from './ipc';
import { electronLibraryShell, handleMediaProtocol, registerMediaScheme } from './media-protocol';
import { rendererTarget } from './renderer-target';
import { launch } from './startup';
import { routeTrayCommand } from './tray-commands';
import { createMainWindow, revealWindow } from './window';
import type { WindowView } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const target = rendererTarget(process.env, join(here, '../renderer/index.html'), app.isPackaged);
// Chromium reads its features and privileged schemes at startup: both are set before `ready`.
const shortcutSession = configureLinuxShortcutPortal(app, process.env);
registerMediaScheme();

let window: BrowserWindow | null = null;
let core: Core | null = null;
let tray: TrayAdapter | null = null;
let shortcuts: GlobalShortcuts | null = null;
let stopPowerEvents: (() => void) | null = null;
let quitting = false;

const warn = (message: string): void => log.warn(message);

function showWindow(view: WindowView = 'main'): void {
  if (window && !window.isDestroyed()) revealWindow(window, target, view, warn);
}

// The sandbox logs one line per request (a poll every few seconds): kept out of the log file.
log.transports.file.level = 'info';

async function start(): Promise<Core> {
  const store = await openSettingsStore({ dir: app.getPath('userData'), log: warn });
  const downloadDir = (): string | Promise<string> => store.get().downloadDir ?? defaultDownloadDir();
  handleMediaProtocol({ downloadDir, log: warn });
  const events = createEventHub();
  const started = await createCore({
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    clock: systemClock,
    timers: systemTimers,
    events,
    settings: store,
    vault: store.vault,
    envConnection: liveConnectionFromEnv(process.env),
    createClient: (c, tuning) => new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region, ...tuning }),
    startSandbox: () => startSandbox({ log: (line) => log.debug(`[sandbox] ${line}`) }),
    registerHotkeys: (dispatcher) => (shortcuts = installGlobalShortcuts({ dispatcher, session: shortcutSession, log: warn })),
    notifier: createNotifier({ settings: () => store.get().notifications, onClick: () => showWindow(), log: warn }),
    launchAtLogin: createLaunchAtLogin(),
    showWindow: () => showWindow(),
    library: {
      shell: electronLibraryShell(),
      mediaUrlFor,
      persistence: fileSnapshotStore(join(app.getPath('userData'), 'segments.json')),
      defaultDownloadDir: () => defaultDownloadDir(),
    },
    log: (level, message) => log[level](message),
  });
  core = started;
  const info = await started.dispatch('app:getInfo', undefined);
  if (info.ok) log.info(`${info.value.mode === 'sandbox' ? 'using the embedded sandbox' : 'using Recall'} at ${info.value.connection.baseUrl}`);

  window = createMainWindow({ preloadPath: join(here, '../preload/index.cjs'), target, isQuitting: () => quitting, log: warn });
  registerIpc({ dispatch: started.dispatch, events, getWindow: () => window, target, log: warn });
  // What opening had to repair, or could not use, is said once the window can show it.
  window.webContents.once('did-finish-load', () => {
    for (const notice of store.notices) started.announce({ level: 'warning', message: notice.message });
    for (const notice of started.startupNotices) started.announce(notice);
  });

  tray = createTrayAdapter({
    resourcesDir: trayResourcesDir(app),
    initial: started.tray.current(),
    onCommand: (command) => routeTrayCommand(command, { core: started, showWindow, quit: () => app.quit(), log: warn }),
    log: warn,
  });
  started.tray.subscribe((model) => tray?.update(model));

  // Auto-pause on lock / sleep (off unless enabled in Settings; the core decides).
  stopPowerEvents = watchPowerEvents({
    onEvent: (event) => {
      started.handlePowerEvent(event).catch((error: unknown) => warn(`auto-pause on ${event} failed: ${String(error)}`));
    },
    log: warn,
  });
  return started;
}

function lifecycle(): void {
  app.on('activate', () => showWindow());
  // A tray app keeps running with its window hidden; quitting goes through the menu (or the OS).
  app.on('window-all-closed', () => undefined);
  // Global shortcuts belong to the OS session: never leave one registered behind us.
  app.on('will-quit', () => shortcuts?.dispose());
  app.on('before-quit', (event) => {
    quitting = true;
    const running = core;
    if (!running) return;
    core = null;
    stopPowerEvents?.();
    stopPowerEvents = null;
    tray?.dispose();
    tray = null;
    // Shortcuts are released, downloads and exports stopped and the sandbox closed before exiting.
    event.preventDefault();
    running
      .close()
      .catch((error: unknown) => log.error(`shutdown was not clean: ${String(error)}`))
      .finally(() => app.quit());
  });
}

void launch({
  lifecycle,
  start: async () => (await start()).routeAction,
  showWindow: () => showWindow(),
  onStartFailed: (error) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`startup failed: ${message}`);
    dialog.showErrorBox('Recall Remote could not start', message);
    app.exit(1);
  },
  log: (message) => log.info(message),
});
