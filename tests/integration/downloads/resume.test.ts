// Downloads through the sandbox with its faults: cut transfers, API 5xx, URLs that expire during
// a slow transfer, a full disk — each ends in a file byte-identical to the sandbox's source.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError, DownloadManager, nodeLocalFs, type DownloadEvent, type DownloadManagerOptions, type LocalFs } from '../../../electron/core/downloads';
import { RecallClient, realSleep } from '../../../electron/core/recall';
import { finishedRecording, sha256File, sleep, tapFetch, type Fixture } from './sandbox-media';

let fx: Fixture;
let dir: string;

beforeAll(async () => {
  fx = await finishedRecording();
}, 90_000);

afterAll(async () => {
  await fx?.sandbox.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-dl-int-'));
});

afterEach(async () => {
  fx.sandbox.faults.reset();
  await rm(dir, { recursive: true, force: true });
});

const quickSleep = (ms: number, signal?: AbortSignal): Promise<void> => realSleep(Math.min(ms, 30), signal);

function manager(over: Partial<DownloadManagerOptions> = {}): DownloadManager {
  return new DownloadManager({ client: fx.client, downloadDir: () => dir, sleep: quickSleep, retry: { baseMs: 20, capMs: 100 }, ...over });
}

describe('downloads from the sandbox', () => {
  it('a truncated transfer resumes with Range and ends byte-identical to the source', async () => {
    expect(fx.size).toBeGreaterThan(250_000);
    fx.sandbox.faults.set({ truncateMediaAtBytes: 100_000 });
    const tap = tapFetch();
    const events: DownloadEvent[] = [];
    const m = manager({ fetch: tap.fetch });
    m.subscribe((e) => events.push(e));
    const result = await m.download({ recordingId: fx.recordingId, botName: fx.botName });

    expect(result.sha256).toBe(fx.sha256);
    expect(await sha256File(result.path)).toBe(fx.sha256);
    expect(result.size).toBe(fx.size);
    expect(result.fileName).toMatch(/^Design review \d{4}-\d\d-\d\d \d\d\.\d\d [0-9a-f]{8}\.mp4$/);
    // Every attempt resumes where the part on disk ends: after what the previous ones delivered
    // (bytes still in fetch's buffers when a connection breaks are lost and fetched again).
    expect(tap.media[0]).toMatchObject({ range: null, status: 200 });
    const starts = tap.media.slice(1).map((req) => {
      expect(req.status).toBe(206);
      return Number(/^bytes=(\d+)-$/.exec(req.range ?? '')?.[1]);
    });
    expect(starts.length).toBeGreaterThanOrEqual(Math.ceil(fx.size / 100_000) - 1);
    [0, ...starts].forEach((start, i) => {
      const next = starts[i] ?? fx.size;
      expect(next).toBeGreaterThan(start);
      expect(next - start).toBeLessThanOrEqual(100_000);
    });
    expect(events.filter((e) => e.type === 'retrying')).toHaveLength(starts.length);
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('recovers from API 5xx and connection resets', async () => {
    fx.sandbox.faults.set({ errorRate: 0.5, errorClasses: ['artifact_retrieve'], errorStatuses: [500, 502, 503], seed: 7, truncateMediaAtBytes: 120_000 });
    const client = new RecallClient({ apiKey: fx.sandbox.apiKey, baseUrl: fx.sandbox.baseUrl, sleep: quickSleep });
    const result = await manager({ client, retry: { baseMs: 20, capMs: 100, maxAttempts: 12 } }).download({ recordingId: fx.recordingId });
    expect(await sha256File(result.path)).toBe(fx.sha256);
    const log = fx.sandbox.requestLog();
    expect(log.some((r) => r.path.startsWith('/api/v1/recording/') && r.status >= 500)).toBe(true);
    expect(log.filter((r) => r.path.startsWith('/_media/') && r.status === 206).length).toBeGreaterThanOrEqual(2);
  });

  it('refreshes a download URL that expired during a slow transfer', async () => {
    // 75 sandbox seconds at speed 30 = a 2.5 s URL; the first transfer takes ~3 s (its URL
    // expires meanwhile) and is cut, and the next URL is used only after it has expired too.
    expect(fx.size).toBeGreaterThan(320_000);
    fx.sandbox.faults.set({ urlTtlSeconds: 75, throttleMediaBps: 100_000, truncateMediaAtBytes: 300_000 });
    const tap = tapFetch(globalThis.fetch, async (index) => {
      if (index === 1) await sleep(2_800);
    });
    const started = Date.now();
    const result = await manager({ fetch: tap.fetch }).download({ recordingId: fx.recordingId });
    expect(Date.now() - started).toBeGreaterThan(5_000);
    expect(tap.media.map((r) => r.status)).toEqual([200, 403, 206]);
    expect(tap.media[2]!.range).toMatch(/^bytes=\d+-$/);
    expect(await sha256File(result.path)).toBe(fx.sha256);
  });

  it('a full disk leaves a resumable part and a specific error; the resume fetches only the rest', async () => {
    const limit = 150_000;
    const fullDisk: LocalFs = {
      ...nodeLocalFs,
      createWriteStream(path, opts) {
        const real = nodeLocalFs.createWriteStream(path, opts);
        let written = 0;
        return new Writable({
          write(chunk: Buffer, _enc, callback) {
            const room = limit - written;
            if (chunk.length <= room) {
              written += chunk.length;
              real.write(chunk, callback);
              return;
            }
            written = limit;
            const fail = (): void => callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
            if (room > 0) real.write(chunk.subarray(0, room), fail);
            else fail();
          },
          final: (callback) => real.end(callback),
          destroy: (err, callback) => real.end(() => callback(err)),
        });
      },
    };
    const error = await manager({ fs: fullDisk }).download({ recordingId: fx.recordingId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).kind).toBe('disk_full');
    expect((error as DownloadError).resumable).toBe(true);
    expect((error as DownloadError).message).toMatch(new RegExp(`^Disk full: [\\d.]+ KB needed in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const part = (await readdir(dir)).find((f) => f.endsWith('.mp4.part'));
    expect(part).toBeDefined();
    expect((await stat(join(dir, part!))).size).toBe(limit);

    const tap = tapFetch();
    const result = await manager({ fetch: tap.fetch }).download({ recordingId: fx.recordingId });
    expect(tap.media).toEqual([{ range: `bytes=${limit}-`, status: 206, received: fx.size - limit }]);
    expect(result.resumedFromBytes).toBe(limit);
    expect(await sha256File(result.path)).toBe(fx.sha256);
  });
});
