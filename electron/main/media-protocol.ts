// The `recall-media://` protocol: registered as privileged before the app is ready (so <video>
// can stream and seek it, with Range), then served by the core's preview handler from the
// download folder only — and the OS file actions (open, show in folder) the library uses.
import { protocol, shell } from 'electron';
import type { Protocol } from 'electron';
import { nodeLocalFs } from '../core/downloads';
import { MEDIA_SCHEME, handlePreviewRequest } from '../core/preview';
import type { PreviewFs } from '../core/preview';
import type { LibraryShell } from '../core/app/library';

/**
 * standard: parsed like http (host + path, relative URLs); secure: counts as a secure origin
 * for the page; stream: media can be read progressively with Range; supportFetchAPI: fetch().
 */
export const MEDIA_SCHEME_PRIVILEGES = { standard: true, secure: true, stream: true, supportFetchAPI: true } as const;

/** Must run before `app.whenReady()` resolves: Electron ignores privileged schemes registered later. */
export function registerMediaScheme(target: Pick<Protocol, 'registerSchemesAsPrivileged'> = protocol): void {
  target.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { ...MEDIA_SCHEME_PRIVILEGES } }]);
}

export interface MediaProtocolOptions {
  /** The current download folder (from settings); asked again for every request. */
  downloadDir(): string | Promise<string>;
  fs?: PreviewFs;
  log?(message: string): void;
}

/** Serves the download folder's videos; returns the function that removes the handler. */
export function handleMediaProtocol(options: MediaProtocolOptions, target: Pick<Protocol, 'handle' | 'unhandle'> = protocol): () => void {
  target.handle(MEDIA_SCHEME, async (request) => {
    try {
      const answer = await handlePreviewRequest(
        { url: request.url, method: request.method, headers: Object.fromEntries(request.headers) },
        { downloadDir: await options.downloadDir(), fs: options.fs ?? nodeLocalFs },
      );
      if (answer.status >= 400) options.log?.(`refused ${request.url}: ${answer.status} ${answer.headers['x-preview-refusal'] ?? ''}`);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      options.log?.(`could not serve ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      return new Response(null, { status: 500, headers: { 'cache-control': 'no-store' } });
    }
  });
  return () => target.unhandle(MEDIA_SCHEME);
}

/** Electron's shell for the library: open with the default app, reveal in the file manager. */
export function electronLibraryShell(target: Pick<typeof shell, 'openPath' | 'showItemInFolder'> = shell): LibraryShell {
  return {
    openPath: (path) => target.openPath(path),
    showItemInFolder: (path) => target.showItemInFolder(path),
  };
}
