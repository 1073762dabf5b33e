import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DownloadError,
  DownloadManager,
  MANIFEST_FILE,
  nodeLocalFs,
  type DownloadEvent,
  type DownloadManagerOptions,
  type LocalFs,
} from '../../../electron/core/downloads';
import { fakeClient, fakeMedia, patternedBytes, sha256, type FakeClient, type FakeMedia } from './fake-media';

const REC = '3f2a9c1e-0000-4000-8000-000000000001';
const SIZE = 300_000;

let dir: string;
let media: FakeMedia;
let client: FakeClient;
let sleeps: number[];
let clock: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-dl-'));
  media = fakeMedia(patternedBytes(SIZE));
  client = fakeClient({ botName: 'Weekly sync' });
  sleeps = [];
  clock = Date.UTC(2025, 2, 4, 12, 0, 0);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function manager(overrides: Partial<DownloadManagerOptions> = {}): DownloadManager {
  return new DownloadManager({
    client,
    downloadDir: () => dir,
    fetch: media.fetch,
    now: () => (clock += 50),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    timeZone: 'UTC',
    ...overrides,
  });
}

async function manifestEntries(): Promise<Array<Record<string, unknown>>> {
  return (JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { entries: Array<Record<string, unknown>> }).entries;
}

async function visibleFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
}

/** A file system whose writes fail with `code` once `limit` bytes have been written. */
function failingFs(code: string, limit: number): LocalFs {
  return {
    ...nodeLocalFs,
    createWriteStream(path, opts) {
      const real = nodeLocalFs.createWriteStream(path, opts);
      let written = 0;
      return new Writable({
        write(chunk: Buffer, _enc, callback) {
          if (written + chunk.length > limit) {
            const room = limit - written;
            const finish = (): void => callback(Object.assign(new Error(`${code}: simulated`), { code }));
            if (room > 0) real.write(chunk.subarray(0, room), finish);
            else finish();
            written = limit;
            return;
          }
          written += chunk.length;
          real.write(chunk, callback);
        },
        final(callback) {
          real.end(callback);
        },
        destroy(err, callback) {
          real.end(() => callback(err));
        },
      });
    },
  };
}

describe('DownloadManager', () => {
  it('downloads a recording to "<bot> <date> <id8>.mp4", byte-identical, with its sha256 in the manifest', async () => {
    const events: DownloadEvent[] = [];
    const m = manager();
    m.subscribe((e) => events.push(e));
    const result = await m.download({ recordingId: REC });
    expect(result.fileName).toBe('Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4');
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(result.sha256).toBe(sha256(media.body));
    expect(await visibleFiles()).toEqual([result.fileName]);
    const [entry] = await manifestEntries();
    expect(entry).toMatchObject({ recordingId: REC, state: 'complete', size: SIZE, sha256: sha256(media.body) });
    expect(JSON.stringify(await manifestEntries())).not.toContain('media.test');
    expect(events.map((e) => e.type)).toContain('completed');
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.progress).toMatchObject({ bytes: SIZE, total: SIZE, percent: 100 });
    expect(await m.localState(REC)).toMatchObject({ kind: 'downloaded', fileName: result.fileName, size: SIZE });
  });

  it('resumes a cut transfer with Range + If-Range and a fresh URL, fetching each byte once', async () => {
    media.faults.push({ cutAfter: 100_000 }, { cutAfter: 50_000 });
    const result = await manager().download({ recordingId: REC });
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    const [first, second, third] = media.requests;
    expect(first).toMatchObject({ range: null, status: 200 });
    expect(second).toMatchObject({ range: 'bytes=100000-', ifRange: media.etag, status: 206 });
    expect(third).toMatchObject({ range: 'bytes=150000-', ifRange: media.etag, status: 206 });
    expect(media.requests.reduce((n, r) => n + r.bytes, 0)).toBe(SIZE);
    expect(new Set(media.requests.map((r) => r.url)).size).toBe(3);
  });

  it('verifies and resumes a multipart upload, whose ETag is not an MD5 of the body', async () => {
    media.etag = '"9b2cf535f27731c974343645a3985328-3"';
    media.faults.push({ cutAfter: 100_000 });
    const result = await manager().download({ recordingId: REC });
    expect(result.sha256).toBe(sha256(media.body));
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(media.requests[1]).toMatchObject({ range: 'bytes=100000-', ifRange: media.etag, status: 206 });
  });

  it('starts over cleanly when the file changed on the server (If-Range mismatch → 200)', async () => {
    media.faults.push({ cutAfter: 120_000 });
    const m = manager({ retry: { maxAttempts: 1 } });
    await expect(m.download({ recordingId: REC })).rejects.toBeInstanceOf(DownloadError);
    media.replace(patternedBytes(SIZE + 1234, 99));
    const result = await m.download({ recordingId: REC });
    expect(media.requests.at(-1)).toMatchObject({ range: 'bytes=120000-', status: 200 });
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(result.size).toBe(SIZE + 1234);
  });

  it('refreshes an expired URL (403) and carries on', async () => {
    // URL 1 named the file; URL 2 (first transfer attempt) has expired by the time it is used.
    media.expireBefore = 3;
    const result = await manager().download({ recordingId: REC });
    expect(media.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(client.urlsIssued).toBeGreaterThanOrEqual(2);
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
  });

  it('gives up with a specific error when fresh URLs keep being refused', async () => {
    media.expireBefore = Number.MAX_SAFE_INTEGER;
    const error = await manager().download({ recordingId: REC }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).kind).toBe('expired');
    expect((error as DownloadError).message).toMatch(/refused \(403\) even after fetching a fresh one/);
  });

  it('honours Retry-After on 429 and backs off with jitter on 5xx', async () => {
    media.faults.push({ status: 429, headers: { 'retry-after': '7' } }, { status: 503 }, { status: 500 });
    await manager().download({ recordingId: REC });
    expect(sleeps[0]).toBe(7_000);
    // The 429 was failure 1; random() = 0.5 → ¾ of the exponential steps 2 s and 4 s.
    expect(sleeps.slice(1)).toEqual([1_500, 3_000]);
  });

  it('fails with a server error after repeated 5xx, keeping the partial file for later', async () => {
    media.faults.push({ cutAfter: 40_000 }, ...Array.from({ length: 10 }, () => ({ status: 502 })));
    const m = manager({ retry: { maxAttempts: 4 } });
    const error = (await m.download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
    expect(error.kind).toBe('server');
    expect(error.resumable).toBe(true);
    expect(await m.localState(REC)).toMatchObject({ kind: 'partial', bytes: 40_000, total: SIZE, reason: 'failed' });
    media.faults.length = 0;
    const result = await m.download({ recordingId: REC });
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(media.requests.at(-1)).toMatchObject({ range: 'bytes=40000-', status: 206 });
  });

  it('reports a full disk with the space needed, keeps the part, and resumes once there is room', async () => {
    const m = manager({ fs: failingFs('ENOSPC', 64 * 1024) });
    const error = (await m.download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
    expect(error).toBeInstanceOf(DownloadError);
    expect(error.kind).toBe('disk_full');
    expect(error.message).toBe(`Disk full: ${((SIZE - 64 * 1024) / 1000).toFixed(0)} KB needed in ${dir}`);
    const part = (await readdir(dir)).find((f) => f.endsWith('.part'));
    expect(part).toBeDefined();
    expect((await stat(join(dir, part!))).size).toBe(64 * 1024);
    expect((await manifestEntries())[0]).toMatchObject({ state: 'failed', error: { kind: 'disk_full' } });

    const result = await manager().download({ recordingId: REC });
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(media.requests.at(-1)).toMatchObject({ range: `bytes=${64 * 1024}-` });
  });

  it('refuses to start when the free space is known to be too small', async () => {
    const m = manager({ fs: { ...nodeLocalFs, statfs: async () => ({ bavail: 10, bsize: 4096 }) } });
    const error = (await m.download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
    expect(error.kind).toBe('disk_full');
    expect(error.message).toMatch(/^Disk full: 300 KB needed in /);
  });

  it('maps permission and read-only errors to their own kinds', async () => {
    for (const [code, kind] of [
      ['EACCES', 'disk_permission'],
      ['EROFS', 'disk_read_only'],
      ['EDQUOT', 'disk_quota'],
    ] as const) {
      const error = (await manager({ fs: failingFs(code, 1000) }).download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
      expect(error.kind).toBe(kind);
      await manager().cancel(REC, { discard: true });
    }
  });

  it('never overwrites an existing file and recognises a finished download of the same recording', async () => {
    const taken = 'Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4';
    await writeFile(join(dir, taken), 'precious');
    const m = manager();
    const result = await m.download({ recordingId: REC });
    expect(result.fileName).toBe('Weekly sync 2025-03-04 09.05 3f2a9c1e (2).mp4');
    expect(await readFile(join(dir, taken), 'utf8')).toBe('precious');
    const requests = media.requests.length;
    const again = await m.download({ recordingId: REC });
    expect(again.path).toBe(result.path);
    expect(media.requests.length).toBe(requests);
    expect(await visibleFiles()).toHaveLength(2);
  });

  it('refuses a recording whose video is still processing, without creating anything', async () => {
    client = fakeClient({ recordings: { [REC]: { videoStatus: 'processing' } } });
    const error = (await manager().download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
    expect(error.kind).toBe('not_ready');
    expect(error.message).toMatch(/still processing/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with an integrity error when the bytes never match the ETag checksum', async () => {
    const good = media.body;
    const corrupted = Buffer.from(good);
    corrupted[1000] = (corrupted[1000]! + 1) % 256;
    media.body = corrupted;
    const error = (await manager().download({ recordingId: REC }).catch((e: unknown) => e)) as DownloadError;
    expect(error.kind).toBe('integrity');
    expect((await readdir(dir)).some((f) => f.endsWith('.mp4'))).toBe(false);
  });

  it('runs at most `concurrency` downloads at once', async () => {
    client = fakeClient({ recordings: { a: {}, b: {}, c: {}, d: {} } });
    let running = 0;
    let peak = 0;
    const m = manager({ concurrency: 2 });
    m.subscribe((e) => {
      if (e.type === 'started') peak = Math.max(peak, ++running);
      if (e.type === 'completed' || e.type === 'failed') running--;
    });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => m.download({ recordingId: id })));
    expect(peak).toBe(2);
    expect(new Set(results.map((r) => r.fileName)).size).toBe(4);
  });

  it('gives two concurrent downloads whose names collide two different files', async () => {
    const twin = '3f2a9c1e-0000-4000-8000-000000000002';
    client = fakeClient({ recordings: { [REC]: {}, [twin]: {} } });
    const m = manager({ concurrency: 2 });
    const results = await Promise.all([REC, twin].map((id) => m.download({ recordingId: id, botName: 'Weekly sync' })));
    expect(new Set(results.map((r) => r.fileName)).size).toBe(2);
    for (const r of results) expect(r.sha256).toBe(sha256(patternedBytes(SIZE)));
    expect(await visibleFiles()).toHaveLength(2);
  });

  it('cancel keeps the partial file for a later resume; discard removes it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowFetch: typeof fetch = async (input, init) => {
      const res = await media.fetch(input, init);
      if (media.requests.length > 1) return res;
      const reader = res.body!.getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= 100_000) await gate;
          const { done, value } = await reader.read();
          if (done) controller.close();
          else {
            sent += value.length;
            controller.enqueue(value);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const m = manager({ fetch: slowFetch });
    const seen: DownloadEvent[] = [];
    m.subscribe((e) => seen.push(e));
    const ticket = m.enqueue({ recordingId: REC });
    await waitFor(async () => ((await m.localState(REC)).kind === 'downloading' ? true : undefined));
    await waitFor(async () => {
      const part = (await readdir(dir)).find((f) => f.endsWith('.part'));
      return part && (await stat(join(dir, part))).size >= 100_000 ? true : undefined;
    });
    expect(await m.cancel(REC)).toBe(true);
    release();
    await expect(ticket.done).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen.at(-1)).toEqual({ type: 'cancelled', recordingId: REC, discarded: false });
    const paused = await m.localState(REC);
    expect(paused).toMatchObject({ kind: 'partial', reason: 'paused' });
    const keptBytes = paused.kind === 'partial' ? paused.bytes : 0;
    expect(keptBytes).toBeGreaterThanOrEqual(100_000);

    const result = await m.download({ recordingId: REC });
    expect(media.requests.at(-1)).toMatchObject({ range: `bytes=${keptBytes}-`, status: 206 });
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));

    media.faults.push({ cutAfter: 10_000 });
    const other = 'aaaaaaaa-0000-4000-8000-000000000002';
    await manager({ retry: { maxAttempts: 1 } }).download({ recordingId: other }).catch(() => undefined);
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toHaveLength(1);
    expect(await m.cancel(other, { discard: true })).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toHaveLength(0);
    expect(await m.localState(other)).toEqual({ kind: 'not_downloaded' });
  });

  it('"download all" queues every finished recording that is not on disk yet', async () => {
    client = fakeClient({ recordings: { r1: {}, r2: { videoStatus: 'processing' }, r3: {}, r4: {} } });
    const m = manager();
    await m.download({ recordingId: 'r3' });
    const tickets = await m.downloadAll('bot-1');
    expect(tickets.map((t) => t.recordingId)).toEqual(['r1', 'r4']);
    await Promise.all(tickets.map((t) => t.done));
    expect(await visibleFiles()).toHaveLength(3);
  });

  it('resumePending() picks up downloads left unfinished by a shutdown', async () => {
    const first = manager({
      fetch: async (input, init) => {
        const res = await media.fetch(input, init);
        const reader = res.body!.getReader();
        let sent = 0;
        return new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              if (sent >= 80_000) return new Promise<void>(() => undefined);
              const { done, value } = await reader.read();
              if (done) controller.close();
              else {
                sent += value.length;
                controller.enqueue(value);
              }
            },
          }),
          { status: res.status, headers: res.headers },
        );
      },
    });
    first.enqueue({ recordingId: REC, botName: 'Standup' });
    await waitFor(async () => {
      const part = (await readdir(dir)).find((f) => f.endsWith('.part'));
      return part && (await stat(join(dir, part))).size >= 80_000 ? true : undefined;
    });
    await first.close();
    expect((await manifestEntries())[0]).toMatchObject({ state: 'pending', botName: 'Standup' });

    const second = manager();
    const tickets = await second.resumePending();
    expect(tickets.map((t) => t.recordingId)).toEqual([REC]);
    const result = await tickets[0]!.done;
    expect(result.resumedFromBytes).toBeGreaterThanOrEqual(80_000);
    expect(media.requests.at(-1)?.range).toBe(`bytes=${result.resumedFromBytes}-`);
    expect(sha256(await readFile(result.path))).toBe(sha256(media.body));
    expect(result.fileName.startsWith('Standup ')).toBe(true);
  });

  it('reports a downloaded file that changed on disk or was deleted', async () => {
    const m = manager();
    const result = await m.download({ recordingId: REC });
    await writeFile(result.path, Buffer.concat([media.body, Buffer.from('x')]));
    expect(await m.localState(REC)).toMatchObject({ kind: 'changed', reason: 'size', expectedSize: SIZE, actualSize: SIZE + 1 });
    const same = Buffer.from(media.body);
    same[5] = (same[5]! + 1) % 256;
    await writeFile(result.path, same);
    expect(await m.localState(REC)).toMatchObject({ kind: 'changed', reason: 'sha256' });
    await writeFile(result.path, media.body);
    expect(await m.localState(REC)).toMatchObject({ kind: 'downloaded' });
    await rm(result.path);
    expect(await m.localState(REC)).toMatchObject({ kind: 'missing', fileName: result.fileName });
    const again = await m.download({ recordingId: REC });
    expect(again.fileName).toBe(result.fileName);
  });

  it('keeps a changed file and downloads a fresh copy beside it', async () => {
    const m = manager();
    const result = await m.download({ recordingId: REC });
    await writeFile(result.path, 'edited by the user');
    const again = await m.download({ recordingId: REC });
    expect(again.fileName).toBe(result.fileName.replace('.mp4', ' (2).mp4'));
    expect(await readFile(result.path, 'utf8')).toBe('edited by the user');
    expect(sha256(await readFile(again.path))).toBe(sha256(media.body));
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('DownloadManager queue', () => {
  it('cancelling a download still waiting for a slot leaves nothing behind', async () => {
    client = fakeClient({ recordings: { a: {}, b: {} } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const m = manager({
      concurrency: 1,
      fetch: async (input, init) => {
        await gate;
        return media.fetch(input, init);
      },
    });
    const first = m.enqueue({ recordingId: 'a' });
    const second = m.enqueue({ recordingId: 'b' });
    await waitFor(async () => {
      const queued = (await m.localState('b')).kind === 'queued';
      return queued && (await manifestEntries().catch(() => [])).length === 2 ? true : undefined;
    });
    expect(m.active().map((d) => [d.recordingId, d.state])).toEqual([
      ['a', 'downloading'],
      ['b', 'queued'],
    ]);
    await m.cancel('b');
    await expect(second.done).rejects.toMatchObject({ kind: 'cancelled' });
    release();
    await first.done;
    expect(await m.localState('b')).toEqual({ kind: 'not_downloaded' });
    expect((await manifestEntries()).map((e) => e.recordingId)).toEqual(['a']);
  });

  it('starts downloads in the order they were queued, even when one takes longer to prepare', async () => {
    const base = fakeClient({ recordings: { a: {}, b: {}, c: {} } });
    client = {
      ...base,
      getRecording: async (id, o) => {
        if (id === 'a') await new Promise((resolve) => setTimeout(resolve, 60));
        return base.getRecording(id, o);
      },
    };
    const m = manager({ concurrency: 1 });
    const started: string[] = [];
    m.subscribe((e) => {
      if (e.type === 'started') started.push(e.recordingId);
    });
    await Promise.all(['a', 'b', 'c'].map((recordingId) => m.download({ recordingId })));
    expect(started).toEqual(['a', 'b', 'c']);
  });
});
