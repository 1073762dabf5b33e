// The media host: S3-like pre-signed URLs (expiry and bad signatures → 403 XML), Range/HEAD/
// ETag/If-Range/If-None-Match, and the media faults (latency, truncation, throttling).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../electron/sandbox';
import { SMALL_MEDIA, asObject, call, download, finishedRecording, videoMixedOf, wallSleep } from './helpers';

let sandbox: Sandbox;
let recordingId: string;
let file: Buffer;

async function freshUrl(): Promise<string> {
  const reply = await call(sandbox, 'GET', `/api/v1/recording/${recordingId}/`);
  return String(asObject(videoMixedOf(asObject(reply.json)).data).download_url);
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 50, media: SMALL_MEDIA });
  ({ recordingId } = await finishedRecording(sandbox, 200));
  file = await readFile(sandbox.mediaFile(recordingId) ?? '');
  expect(file.length).toBeGreaterThan(1000);
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.faults.reset();
});

describe('media downloads', () => {
  it('GET serves the whole MP4 with S3-like headers and no auth header needed', async () => {
    const res = await download(await freshUrl());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(file.length));
    expect(res.headers.etag).toBe(`"${createHash('md5').update(file).digest('hex')}"`);
    expect(Date.parse(String(res.headers['last-modified']))).not.toBeNaN();
    expect(res.body.equals(file)).toBe(true);
  });

  it('HEAD gives the same headers without a body', async () => {
    const res = await download(await freshUrl(), {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(file.length));
    expect(res.body.length).toBe(0);
  });

  it('serves byte ranges with 206 and Content-Range (first range of a multi-range request)', async () => {
    const url = await freshUrl();
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, file.length - 1],
      ['bytes=-64', file.length - 64, file.length - 1],
      ['bytes=10-19, 40-49', 10, 19],
    ];
    for (const [range, start, end] of cases) {
      const res = await download(url, { range });
      expect(res.status, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(res.body.equals(file.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 with Content-Range bytes */size for an unsatisfiable range', async () => {
    const res = await download(await freshUrl(), { range: `bytes=${file.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${file.length}`);
  });

  it('If-Range keeps the range only while the ETag or date still matches', async () => {
    const url = await freshUrl();
    const head = await download(url, {}, 'HEAD');
    const etag = String(head.headers.etag);
    const lastModified = String(head.headers['last-modified']);
    expect((await download(url, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    expect((await download(url, { range: 'bytes=0-9', 'if-range': lastModified })).status).toBe(206);
    const stale = await download(url, { range: 'bytes=0-9', 'if-range': '"0123456789abcdef"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(file)).toBe(true);
    const older = await download(url, { range: 'bytes=0-9', 'if-range': new Date(Date.parse(lastModified) - 60_000).toUTCString() });
    expect(older.status).toBe(200);
  });

  it('answers 304 for a matching If-None-Match or a current If-Modified-Since', async () => {
    const url = await freshUrl();
    const head = await download(url, {}, 'HEAD');
    const notModified = await download(url, { 'if-none-match': String(head.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect((await download(url, { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await download(url, { 'if-modified-since': String(head.headers['last-modified']) })).status).toBe(304);
  });

  it('refuses an expired URL with 403 and an S3 XML "Request has expired" body', async () => {
    sandbox.faults.set({ urlTtlSeconds: 2 });
    const url = await freshUrl();
    expect((await download(url, { range: 'bytes=0-0' })).status).toBe(206);
    await wallSleep(200); // 10 sandbox seconds
    const res = await download(url);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/xml');
    const xml = res.body.toString('utf8');
    expect(xml).toContain('<Error><Code>AccessDenied</Code><Message>Request has expired</Message>');
    expect(xml).toMatch(/<Expires>.+<\/Expires><ServerTime>.+<\/ServerTime>/);
    sandbox.faults.reset();
    expect((await download(await freshUrl(), { range: 'bytes=0-0' })).status).toBe(206);
  });

  it('refuses a tampered or incomplete URL with 403 XML', async () => {
    const url = new URL(await freshUrl());
    url.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 86_400));
    const tampered = await download(url.toString());
    expect(tampered.status).toBe(403);
    expect(tampered.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const bare = await download(url.toString().split('?')[0] ?? '');
    expect(bare.status).toBe(403);
    expect(bare.body.toString()).toContain('<Code>AccessDenied</Code>');
  });

  it('rejects methods other than GET and HEAD', async () => {
    const res = await fetch(await freshUrl(), { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(await res.text()).toContain('<Code>MethodNotAllowed</Code>');
  });
});

describe('media faults', () => {
  it('cuts the transfer after N bytes (truncateMediaAtBytes)', async () => {
    sandbox.faults.set({ truncateMediaAtBytes: 1000 });
    const res = await download(await freshUrl());
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(file.length));
    expect(res.complete).toBe(false);
    expect(res.body.equals(file.subarray(0, 1000))).toBe(true);
  });

  it('cuts the transfer after a fraction of the body, also for ranges', async () => {
    sandbox.faults.set({ truncateMediaAtFraction: 0.5 });
    const url = await freshUrl();
    const whole = await download(url);
    expect(whole.complete).toBe(false);
    expect(whole.body.length).toBe(Math.floor(file.length * 0.5));
    const range = await download(url, { range: 'bytes=0-199' });
    expect(range.status).toBe(206);
    expect(range.body.equals(file.subarray(0, 100))).toBe(true);
    expect(range.complete).toBe(false);
  });

  it('throttles the media bytes per second without corrupting them', async () => {
    const bps = Math.ceil(file.length / 0.4);
    sandbox.faults.set({ throttleMediaBps: bps });
    const began = Date.now();
    const res = await download(await freshUrl());
    expect(res.body.equals(file)).toBe(true);
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
  });

  it('adds media latency', async () => {
    const url = await freshUrl();
    sandbox.faults.set({ latencyMs: { media: 250 } });
    const began = Date.now();
    expect((await download(url, {}, 'HEAD')).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(240);
  });
});
