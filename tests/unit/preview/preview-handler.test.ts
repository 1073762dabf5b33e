import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLocalFs } from '../../../electron/core/downloads';
import { handlePreviewRequest, mediaUrlFor, type PreviewResponse } from '../../../electron/core/preview';

let root: string;
let downloads: string;
const video = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rr-preview-'));
  downloads = join(root, 'Videos');
  await mkdir(downloads);
  await writeFile(join(downloads, 'Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4'), video);
  await writeFile(join(root, 'secret.mp4'), 'outside');
  await symlink(join(root, 'secret.mp4'), join(downloads, 'escape.mp4'));
  await symlink(join(downloads, 'Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4'), join(downloads, 'alias.mp4'));
  await mkdir(join(downloads, 'folder.mp4'));
  await mkdir(join(downloads, 'sub'));
  await writeFile(join(downloads, 'sub', 'inner.mp4'), 'nested');
  await writeFile(join(downloads, 'partial.mp4.part'), 'part');
  await writeFile(join(downloads, '.recall-remote-downloads.json'), '{}');
  await symlink(downloads, join(root, 'link-to-videos'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const NAME = 'Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4';

function get(url: string, headers: Record<string, string> = {}, method = 'GET', dir = downloads): Promise<PreviewResponse> {
  return handlePreviewRequest({ url, method, headers }, { downloadDir: dir, fs: nodeLocalFs });
}

async function bytes(res: PreviewResponse): Promise<Buffer> {
  return Buffer.from(await new Response(res.body).arrayBuffer());
}

describe('handlePreviewRequest', () => {
  it('serves a downloaded video in full with the headers a <video> element needs', async () => {
    const res = await get(mediaUrlFor(NAME));
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': '1000' });
    expect(await bytes(res)).toEqual(video);
  });

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=900-', 900, 999],
    ['bytes=-50', 950, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=0-0', 0, 0],
  ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
    const res = await get(mediaUrlFor(NAME), { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(await bytes(res)).toEqual(video.subarray(start, end + 1));
  });

  it('answers 416 to a range beyond the end', async () => {
    const res = await get(mediaUrlFor(NAME), { range: 'bytes=1000-' });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
    expect(res.body).toBeNull();
  });

  it('serves the full file when If-Range no longer matches, and honours it when it does', async () => {
    const head = await get(mediaUrlFor(NAME), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const stale = await get(mediaUrlFor(NAME), { range: 'bytes=0-9', 'if-range': 'W/"0-0"' });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
    const fresh = await get(mediaUrlFor(NAME), { range: 'bytes=0-9', 'if-range': head.headers['etag']! });
    expect(fresh.status).toBe(206);
    await fresh.body?.cancel();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(mediaUrlFor(NAME), {}, 'POST')).status).toBe(405);
  });

  it('serves a symlink that stays inside the folder, and a folder reached through a symlink', async () => {
    expect((await get(mediaUrlFor('alias.mp4'))).status).toBe(200);
    const res = await get(mediaUrlFor(NAME), {}, 'GET', join(root, 'link-to-videos'));
    expect(res.status).toBe(200);
    expect(await bytes(res)).toEqual(video);
  });

  it.each([
    ['a symlink pointing outside', mediaUrlFor('escape.mp4'), 403],
    ['encoded traversal', `recall-media://file/..%2Fsecret.mp4`, 403],
    ['encoded dot-dot', `recall-media://file/%2e%2e`, 403],
    ['encoded dot-dot-slash', `recall-media://file/%2E%2E%2Fsecret.mp4`, 403],
    ['backslash traversal', `recall-media://file/..%5Csecret.mp4`, 403],
    ['raw traversal', `recall-media://file/../secret.mp4`, 404],
    ['an absolute path', `recall-media://file/${encodeURIComponent('/tmp/secret.mp4')}`, 403],
    ['a drive path', `recall-media://file/C%3A%5Csecret.mp4`, 403],
    ['a NUL byte', `recall-media://file/x%00.mp4`, 403],
    ['a nested file', `recall-media://file/sub/inner.mp4`, 404],
    ['a partial download', mediaUrlFor('partial.mp4.part'), 403],
    ['the manifest', mediaUrlFor('.recall-remote-downloads.json'), 403],
    ['a directory', mediaUrlFor('folder.mp4'), 404],
    ['a missing file', mediaUrlFor('nope.mp4'), 404],
    ['another host', 'recall-media://evil/secret.mp4', 404],
    ['another scheme', 'file:///tmp/secret.mp4', 404],
    ['broken percent-encoding', 'recall-media://file/%E0%A4%A.mp4', 400],
  ])('refuses %s', async (_what, url, status) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.body).toBeNull();
  });
});
