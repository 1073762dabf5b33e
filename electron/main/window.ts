// The app window (UI.md: one compact window, closable without quitting) with DESIGN.md's
// security settings: isolated, sandboxed, no Node, no navigation, no popups, no permission but
// writing to the clipboard from our own page; and bringing it back from the tray, optionally on
// its Settings view.
import { BrowserWindow, nativeTheme } from 'electron';
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './renderer-target';
import type { RendererTarget } from './renderer-target';

export interface MainWindowOptions {
  preloadPath: string;
  target: RendererTarget;
  /** While false, closing the window only hides it (the app lives in the tray). */
  isQuitting(): boolean;
  log?(message: string): void;
}

export const WINDOW_SIZE = { width: 420, height: 640 } as const;

/** The only permission the UI uses: writing a download link to the clipboard (Copy link). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Grants ALLOWED_PERMISSIONS to the top frame showing the app's own page, and denies everything
 * else (camera, notifications, clipboard-read, …) to everyone.
 */
export function restrictPermissions(session: Session, target: RendererTarget): void {
  const allowed = (permission: string, url: string | undefined, isMainFrame: boolean): boolean =>
    ALLOWED_PERMISSIONS.has(permission) && isMainFrame && url !== undefined && isAppUrl(url, target);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowed(permission, details.requestingUrl, details.isMainFrame)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
}

/** The page may never leave the app's own document, open windows, or embed webviews. */
export function lockNavigation(contents: WebContents, log?: (message: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log?.(`blocked navigation to ${url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log?.(`blocked window.open(${url})`);
    return { action: 'deny' };
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Recall Remote',
    autoHideMenuBar: true,
    // Matches the renderer's background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f6f7f9',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  restrictPermissions(window.webContents.session, options.target);
  lockNavigation(window.webContents, options.log);

  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.once('ready-to-show', () => window.show());

  const loading =
    options.target.kind === 'file' ? window.loadFile(options.target.path) : window.loadURL(options.target.url);
  loading.catch((error: unknown) => options.log?.(`could not load the window: ${String(error)}`));
  return window;
}

/** A view the shell can open the window on; the renderer routes on the URL hash (`#settings`). */
export type WindowView = 'main' | 'settings';

/**
 * Shows the (hidden, minimized or background) window and focuses it. For Settings, the page's
 * hash changes: a same-document navigation the renderer's router follows, without a reload.
 */
export function revealWindow(window: BrowserWindow, target: RendererTarget, view: WindowView = 'main', log?: (message: string) => void): void {
  if (window.isDestroyed()) return;
  if (view === 'settings') {
    const opening = target.kind === 'file' ? window.loadFile(target.path, { hash: 'settings' }) : window.loadURL(`${target.url.replace(/#.*$/, '')}#settings`);
    opening.catch((error: unknown) => log?.(`could not open the settings view: ${String(error)}`));
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
