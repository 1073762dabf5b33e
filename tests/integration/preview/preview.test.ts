// Preview of a real sandbox recording: the downloaded file through the recall-media handler
// (full and ranged reads equal the sandbox's source), and a fresh pre-signed URL otherwise.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadManager, nodeLocalFs } from '../../../electron/core/downloads';
import { handlePreviewRequest, previewSourceFor } from '../../../electron/core/preview';
import { finishedRecording, type Fixture } from '../downloads/sandbox-media';

let fx: Fixture;
let dir: string;
let source: Buffer;

beforeAll(async () => {
  fx = await finishedRecording();
  dir = await mkdtemp(join(tmpdir(), 'rr-preview-int-'));
  source = await readFile(fx.source);
}, 90_000);

afterAll(async () => {
  await fx?.sandbox.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function body(res: { body: ReadableStream<Uint8Array> | null }): Promise<Buffer> {
  return Buffer.from(await new Response(res.body).arrayBuffer());
}

describe('preview', () => {
  it('streams before download from a fresh pre-signed URL whose origin is the media host', async () => {
    const manager = new DownloadManager({ client: fx.client, downloadDir: () => dir });
    const remote = await previewSourceFor({ id: fx.recordingId }, await manager.localState(fx.recordingId), { client: fx.client });
    expect(remote).toMatchObject({ kind: 'remote', origin: fx.sandbox.baseUrl });
    if (remote.kind !== 'remote') throw new Error('expected a remote source');
    expect(remote.expiresAt).toBeGreaterThan(Date.now());
    const res = await fetch(remote.url, { headers: { range: 'bytes=0-1023' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(source.subarray(0, 1024));
  });

  it('plays the downloaded file through recall-media:// with working seeks', async () => {
    const manager = new DownloadManager({ client: fx.client, downloadDir: () => dir });
    await manager.download({ recordingId: fx.recordingId });
    const local = await previewSourceFor({ id: fx.recordingId }, await manager.localState(fx.recordingId), { client: fx.client });
    expect(local.kind).toBe('local');
    const full = await handlePreviewRequest({ url: local.url, method: 'GET', headers: {} }, { downloadDir: dir, fs: nodeLocalFs });
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('video/mp4');
    expect((await body(full)).equals(source)).toBe(true);

    const mid = Math.floor(source.length / 2);
    const seek = await handlePreviewRequest({ url: local.url, method: 'GET', headers: { Range: `bytes=${mid}-` } }, { downloadDir: dir, fs: nodeLocalFs });
    expect(seek.status).toBe(206);
    expect(seek.headers['content-range']).toBe(`bytes ${mid}-${source.length - 1}/${source.length}`);
    expect((await body(seek)).equals(source.subarray(mid))).toBe(true);

    const state = await manager.localState(fx.recordingId);
    if (state.kind !== 'downloaded') throw new Error(`expected downloaded, got ${state.kind}`);
    await rm(state.path);
    expect((await handlePreviewRequest({ url: local.url, method: 'GET', headers: {} }, { downloadDir: dir, fs: nodeLocalFs })).status).toBe(404);
    const after = await previewSourceFor({ id: fx.recordingId }, await manager.localState(fx.recordingId), { client: fx.client });
    expect(after.kind).toBe('remote');
  });
});
