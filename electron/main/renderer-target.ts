// Where the window's page comes from — the built file, or electron-vite's dev server — and the
// check that a URL is that page, used by IPC sender validation and navigation locks alike.
import { pathToFileURL } from 'node:url';

export type RendererTarget = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** electron-vite sets ELECTRON_RENDERER_URL only for `dev`; a packaged app always loads the file. */
export function rendererTarget(env: Readonly<Record<string, string | undefined>>, indexHtmlPath: string, packaged: boolean): RendererTarget {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!packaged && devUrl) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: indexHtmlPath };
}

/** True when `url` is the app's own page (query and fragment ignored). */
export function isAppUrl(url: string, target: RendererTarget): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (target.kind === 'file') {
    return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(target.path).pathname;
  }
  return parsed.origin === new URL(target.url).origin;
}
