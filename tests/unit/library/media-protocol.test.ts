// The recall-media:// protocol adapter with a mocked 'electron': registered as a privileged
// streaming scheme, serving byte ranges of files in the download folder and nothing else.
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (request: Request) => Promise<Response>;

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, unknown>(),
  opened: [] as string[],
  shown: [] as string[],
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: unknown) => electron.handlers.set(scheme, handler),
    unhandle: (scheme: string) => electron.handlers.delete(scheme),
  },
  shell: {
    openPath: async (path: string) => {
      electron.opened.push(path);
      return '';
    },
    showItemInFolder: (path: string) => electron.shown.push(path),
  },
}));

const { registerMediaScheme, handleMediaProtocol, electronLibraryShell } = await import('../../../electron/main/media-protocol');

let root: string;
let dir: string;
const video = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

beforeEach(async () => {
  electron.privileged.length = 0;
  electron.handlers.clear();
  root = await mkdtemp(join(tmpdir(), 'rr-media-protocol-'));
  dir = join(root, 'Videos');
  await mkdir(dir);
  await writeFile(join(dir, 'Weekly sync 2025-03-04 09.00 1e0f4c2a.mp4'), video);
  await writeFile(join(root, 'secret.mp4'), Buffer.from('not yours'));
  await symlink(join(root, 'secret.mp4'), join(dir, 'link.mp4'));
  await writeFile(join(dir, '.recall-remote-downloads.json'), '{}');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function served(): Handler {
  const log = vi.fn();
  handleMediaProtocol({ downloadDir: () => dir, log });
  const handler = electron.handlers.get('recall-media');
  if (typeof handler !== 'function') throw new Error('recall-media was not handled');
  return (request) => Promise.resolve(handler(request));
}

const NAME = encodeURIComponent('Weekly sync 2025-03-04 09.00 1e0f4c2a.mp4');

describe('recall-media protocol', () => {
  it('registers recall-media as a standard, secure, streaming, fetchable scheme', () => {
    registerMediaScheme();
    expect(electron.privileged).toEqual([{ scheme: 'recall-media', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
  });

  it('serves the whole file, then exactly the requested byte range for seeking', async () => {
    const handler = served();
    const full = await handler(new Request(`recall-media://file/${NAME}`));
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/mp4');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(video)).toBe(true);

    const part = await handler(new Request(`recall-media://file/${NAME}`, { headers: { Range: 'bytes=1000-1999' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${video.length}`);
    expect(part.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(1000, 2000))).toBe(true);

    const beyond = await handler(new Request(`recall-media://file/${NAME}`, { headers: { Range: `bytes=${video.length}-` } }));
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${video.length}`);
  });

  it('refuses anything outside the download folder, hidden files and non-videos', async () => {
    const handler = served();
    for (const url of [
      'recall-media://file/..%2Fsecret.mp4',
      'recall-media://file/%2E%2E%2Fsecret.mp4',
      'recall-media://file/link.mp4',
      'recall-media://file/.recall-remote-downloads.json',
      `recall-media://file/${encodeURIComponent(join(root, 'secret.mp4'))}`,
    ]) {
      const answer = await handler(new Request(url));
      expect(answer.status, url).toBe(403);
      expect(await answer.text(), url).toBe('');
    }
    expect((await handler(new Request('recall-media://file/gone.mp4'))).status).toBe(404);
    expect((await handler(new Request(`recall-media://file/${NAME}`, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers 500 without crashing when the download folder cannot be determined', async () => {
    handleMediaProtocol({
      downloadDir: () => {
        throw new Error('settings unreadable');
      },
    });
    const handler = electron.handlers.get('recall-media');
    if (typeof handler !== 'function') throw new Error('recall-media was not handled');
    const answer: unknown = await handler(new Request(`recall-media://file/${NAME}`));
    expect(answer).toBeInstanceOf(Response);
    expect(answer instanceof Response && answer.status).toBe(500);
  });

  it('unregisters its handler', () => {
    const stop = handleMediaProtocol({ downloadDir: () => dir });
    expect(electron.handlers.has('recall-media')).toBe(true);
    stop();
    expect(electron.handlers.has('recall-media')).toBe(false);
  });
});

describe('library shell', () => {
  it('opens files with the OS and reveals them in the file manager', async () => {
    const shell = electronLibraryShell();
    expect(await shell.openPath('/videos/a.mp4')).toBe('');
    shell.showItemInFolder('/videos/a.mp4');
    expect(electron.opened).toEqual(['/videos/a.mp4']);
    expect(electron.shown).toEqual(['/videos/a.mp4']);
  });
});
