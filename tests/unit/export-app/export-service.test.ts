// The `export:*` handlers with a fake exporter, fake Recall reads and an injected clock: the
// download must exist ("Download it first"), the user's pauses reach the exporter as offsets into
// the file from every witness, the transcript is read with a fresh link, progress is spaced,
// one export runs per recording, cancel works, and Open / Show in folder act on the clean file.
import { describe, expect, it, vi } from 'vitest';
import { createExportService } from '../../../electron/core/app/export';
import type { ExportClient, ExportServiceDeps } from '../../../electron/core/app/export';
import { CoreError } from '../../../electron/core/app';
import type { LocalFileState } from '../../../electron/core/downloads';
import { ExportError } from '../../../electron/core/export';
import type { ExportCleanOptions, ExportCleanResult } from '../../../electron/core/export';
import { BotSchema, RecordingSchema } from '../../../electron/core/recall';
import type { Bot, Recording } from '../../../electron/core/recall';
import type { PauseSpanInput } from '../../../electron/core/segments';
import type { ExportJobView, ExportProgress } from '../../../electron/contract';
import { FakeClock, T0 } from '../control/fakes';

const REC = '6a1f0c2e-8b9d-4e7f-a1b2-c3d4e5f60718';
const OTHER = '7b2a1d3f-9cae-4f80-b2c3-d4e5f6071829';
const BOT = '0b7c1d2e-3f4a-4b6c-8d8e-9f0a1b2c3d4e';
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

const DOWNLOADED: LocalFileState = { kind: 'downloaded', fileName: 'Weekly sync 2025-06-01 10-00.mp4', path: '/videos/Weekly sync 2025-06-01 10-00.mp4', size: 1000, sha256: 'ab' };

function recording(id = REC, transcript: { code: string; url: string | null } | null = null): Recording {
  return RecordingSchema.parse({
    id,
    created_at: iso(0),
    started_at: iso(10_000),
    completed_at: iso(70_000),
    status: { code: 'done', sub_code: null },
    media_shortcuts: {
      video_mixed: { id: 'vm-1', status: { code: 'done' }, data: { download_url: 'https://media.example/v.mp4' } },
      transcript: transcript && { id: 'tr-1', status: { code: transcript.code }, data: { download_url: transcript.url } },
    },
    bot: { id: BOT },
  });
}

/** Paused 20–30 s and 40–45 s after T0 (10–20 s and 30–35 s into the file), per the bot's history. */
function bot(): Bot {
  return BotSchema.parse({
    id: BOT,
    status_changes: [
      { code: 'in_call_not_recording', created_at: iso(0) },
      { code: 'in_call_recording', created_at: iso(10_000) },
      { code: 'in_call_not_recording', created_at: iso(20_000) },
      { code: 'in_call_recording', created_at: iso(30_000) },
      { code: 'in_call_not_recording', created_at: iso(40_000) },
      { code: 'in_call_recording', created_at: iso(45_000) },
      { code: 'in_call_not_recording', created_at: iso(70_000) },
    ],
    recordings: [{ id: REC, created_at: iso(0), started_at: iso(10_000), completed_at: iso(70_000) }],
  });
}

function result(over: Partial<ExportCleanResult> = {}): ExportCleanResult {
  return {
    outputPath: '/videos/Weekly sync 2025-06-01 10-00 (clean).mp4',
    cuts: [{ startSec: 10, endSec: 20 }, { startSec: 30, endSec: 35 }],
    keptDurationSec: 45,
    verified: true,
    method: 'stream_copy',
    reencodedSec: 1.2,
    ...over,
  };
}

interface Harness {
  deps: ExportServiceDeps;
  service: ReturnType<typeof createExportService>;
  clock: FakeClock;
  wall: FakeClock;
  calls: ExportCleanOptions[];
  reads: string[];
  progress: ExportProgress[];
  changed: ExportJobView[];
  shell: { opened: string[]; shown: string[] };
}

function harness(over: Partial<ExportServiceDeps> & { local?: LocalFileState; controllerSpans?: PauseSpanInput[]; run?: (o: ExportCleanOptions) => Promise<ExportCleanResult> } = {}): Harness {
  const clock = new FakeClock(T0 + 120_000);
  const wall = new FakeClock(T0);
  const calls: ExportCleanOptions[] = [];
  const reads: string[] = [];
  const progress: ExportProgress[] = [];
  const changed: ExportJobView[] = [];
  const shell = { opened: [] as string[], shown: [] as string[] };
  const client: ExportClient = {
    getRecording: async (id) => {
      reads.push(`recording ${id}`);
      return recording(id);
    },
    getBot: async (id) => {
      reads.push(`bot ${id}`);
      return bot();
    },
  };
  const deps: ExportServiceDeps = {
    client: () => client,
    localState: async () => over.local ?? DOWNLOADED,
    controllers: { peek: (botId) => (botId === BOT && over.controllerSpans ? { pauseSpans: () => over.controllerSpans ?? [] } : null) },
    shell: {
      openPath: async (path) => {
        shell.opened.push(path);
        return '';
      },
      showItemInFolder: (path) => void shell.shown.push(path),
    },
    clock,
    wallClock: wall,
    events: {
      emit: (event, payload) => {
        if (event === 'export:progress') progress.push(structuredClone(payload as ExportProgress));
        if (event === 'export:changed') changed.push(structuredClone(payload as ExportJobView));
      },
    },
    exportClean: async (options) => {
      calls.push(options);
      return over.run ? over.run(options) : result();
    },
    fileExists: async () => true,
    ...over,
  };
  return { deps, service: createExportService(deps), clock, wall, calls, reads, progress, changed, shell };
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('export:start', () => {
  it.each<[string, LocalFileState, string, string]>([
    ['not downloaded', { kind: 'not_downloaded' }, 'wrong_state', 'Download it first: this recording is not downloaded yet, and the clean export is made from the downloaded file.'],
    ['still downloading', { kind: 'downloading', bytes: 1, total: 2, percent: 50, rateBps: null, etaMs: null }, 'wrong_state', 'Download it first: this recording is still downloading, and the clean export is made from the downloaded file.'],
    ['partly downloaded', { kind: 'partial', bytes: 1, total: 2, percent: 50, reason: 'paused', error: null }, 'wrong_state', 'Download it first: this recording is only partly downloaded, and the clean export is made from the downloaded file.'],
    ['changed on disk', { kind: 'changed', fileName: 'a.mp4', path: '/v/a.mp4', reason: 'size', expectedSize: 2, actualSize: 1 }, 'wrong_state', 'Download it again first: a.mp4 changed on disk since it was downloaded, so its pauses cannot be trusted.'],
    ['gone from disk', { kind: 'missing', fileName: 'a.mp4', path: '/v/a.mp4' }, 'not_found', 'Download it again first: a.mp4 is no longer in the download folder.'],
  ])('refuses a recording that is %s, in words, without running ffmpeg', async (_label, local, kind, message) => {
    const h = harness({ local });
    const error = await rejection(h.service.handlers['export:start']({ recordingId: REC }));
    expect({ kind: error.kind, message: error.message }).toEqual({ kind, message });
    expect(h.calls).toEqual([]);
    // Nothing started: the window's list of exports stays as it was.
    expect(h.changed).toEqual([]);
    expect(await h.service.handlers['export:list'](undefined)).toEqual([]);
  });

  it('exports the downloaded file beside itself, cutting the pauses of every witness as offsets into the file', async () => {
    // The controller saw one more pause (pressed at 50 s, resumed at 52 s) than Recall's history shows yet.
    const h = harness({ controllerSpans: [{ pausedAt: T0 + 20_300, resumedAt: T0 + 29_800 }, { pausedAt: T0 + 50_000, resumedAt: T0 + 52_000 }] });
    const done = await h.service.handlers['export:start']({ recordingId: REC });
    expect(h.calls).toHaveLength(1);
    const call = h.calls[0]!;
    expect(call.inputPath).toBe(DOWNLOADED.path);
    expect(call.outputDir).toBeUndefined();
    expect(call.baseName).toBe('Weekly sync 2025-06-01 10-00');
    expect(call.userPauseSpans).toEqual([
      { startSec: 10, endSec: 20 },
      { startSec: 10.3, endSec: 19.8 },
      { startSec: 30, endSec: 35 },
      { startSec: 40, endSec: 42 },
    ]);
    expect(call.transcript).toBeUndefined();
    expect(done).toEqual({
      recordingId: REC,
      outputPath: '/videos/Weekly sync 2025-06-01 10-00 (clean).mp4',
      fileName: 'Weekly sync 2025-06-01 10-00 (clean).mp4',
      cuts: [{ startSec: 10, endSec: 20 }, { startSec: 30, endSec: 35 }],
      keptDurationSec: 45,
      removedSec: 15,
      method: 'stream_copy',
      warning: null,
    });
    expect(h.changed.map((c) => c.status)).toEqual(['running', 'done']);
    expect(await h.service.handlers['export:list'](undefined)).toEqual([{ recordingId: REC, status: 'done', result: done }]);
  });

  it('reads the transcript with the link of a recording fetched for this export, and passes it on', async () => {
    const transcriptJson = [{ participant: { id: 1, name: 'Ada' }, words: [{ text: 'Hello', start_timestamp: { relative: 1.5 }, end_timestamp: { relative: 2 } }] }];
    const fetched: string[] = [];
    const h = harness({
      fetch: async (input) => {
        fetched.push(String(input));
        return new Response(JSON.stringify(transcriptJson), { status: 200 });
      },
    });
    let n = 0;
    h.deps.client = () => ({
      getRecording: async (id) => recording(id, { code: 'done', url: `https://media.example/transcript.json?sig=${++n}` }),
      getBot: async () => bot(),
    });
    const service = createExportService(h.deps);
    await service.handlers['export:start']({ recordingId: REC });
    expect(fetched).toEqual(['https://media.example/transcript.json?sig=1']);
    expect(h.calls[0]?.transcript).toEqual(transcriptJson);
    await service.handlers['export:start']({ recordingId: REC });
    expect(fetched.at(-1)).toBe('https://media.example/transcript.json?sig=2');
  });

  it('exports the video alone, with a warning, when the transcript cannot be read', async () => {
    const h = harness({ fetch: async () => new Response('gone', { status: 403 }) });
    h.deps.client = () => ({ getRecording: async (id) => recording(id, { code: 'done', url: 'https://media.example/t.json' }), getBot: async () => bot() });
    const done = await createExportService(h.deps).handlers['export:start']({ recordingId: REC });
    expect(h.calls[0]?.transcript).toBeUndefined();
    expect(done.warning).toBe('The transcript could not be read (HTTP 403); exported the video only');
  });

  it('spaces progress events on the wall clock, always sending the last one', async () => {
    const h: Harness = harness({
      run: async (options) => {
        for (let i = 1; i <= 40; i++) {
          await h.wall.advance(50);
          options.onProgress?.(i / 40);
          if (i === 20) {
            const listed = await h.service.handlers['export:list'](undefined);
            expect(listed).toEqual([{ recordingId: REC, status: 'running', fraction: 0.5 }]);
          }
        }
        return result();
      },
    });
    await h.service.handlers['export:start']({ recordingId: REC });
    const fractions = h.progress.map((p) => p.fraction);
    expect(fractions.length).toBeGreaterThanOrEqual(7);
    expect(fractions.length).toBeLessThanOrEqual(10);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('runs one export per recording at a time; another recording may export meanwhile', async () => {
    const gates: Array<() => void> = [];
    const h = harness({ run: () => new Promise((resolve) => gates.push(() => resolve(result()))) });
    const first = h.service.handlers['export:start']({ recordingId: REC });
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    const again = await rejection(h.service.handlers['export:start']({ recordingId: REC }));
    expect({ kind: again.kind, message: again.message }).toEqual({ kind: 'conflict', message: 'This recording is already being exported — wait for it to finish or cancel it.' });
    const other = h.service.handlers['export:start']({ recordingId: OTHER });
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    for (const open of gates) open();
    await expect(first).resolves.toMatchObject({ recordingId: REC });
    await expect(other).resolves.toMatchObject({ recordingId: OTHER });
  });

  it('maps the exporter’s failures to specific errors', async () => {
    const h = harness({ run: async () => Promise.reject(new ExportError({ kind: 'disk_full', message: 'Disk full: the clean export needs about 12 MB in /videos, 3 MB free' })) });
    const error = await rejection(h.service.handlers['export:start']({ recordingId: REC }));
    expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'storage', message: 'Disk full: the clean export needs about 12 MB in /videos, 3 MB free' });
    expect(h.changed.at(-1)).toEqual({ recordingId: REC, status: 'failed', error: { kind: 'storage', message: 'Disk full: the clean export needs about 12 MB in /videos, 3 MB free' } });
  });
});

describe('export:cancel and close', () => {
  const untilAborted = (options: ExportCleanOptions) =>
    new Promise<ExportCleanResult>((_resolve, reject) => {
      options.signal?.addEventListener('abort', () => setTimeout(() => reject(new ExportError({ kind: 'cancelled', message: 'Clean export cancelled' })), 5));
    });

  it('cancels a running export: the start call ends as cancelled, the job says so', async () => {
    const h = harness({ run: untilAborted });
    expect(await h.service.handlers['export:cancel']({ recordingId: REC })).toEqual({ cancelled: false });
    const running = h.service.handlers['export:start']({ recordingId: REC });
    await vi.waitFor(() => expect(h.calls).toHaveLength(1));
    expect(await h.service.handlers['export:cancel']({ recordingId: REC })).toEqual({ cancelled: true });
    const error = await rejection(running);
    expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'aborted', message: 'Clean export cancelled' });
    expect(h.changed.at(-1)).toEqual({ recordingId: REC, status: 'cancelled' });
    expect(h.calls[0]?.signal?.aborted).toBe(true);
  });

  it('close cancels what runs and refuses new exports', async () => {
    const h = harness({ run: untilAborted });
    const running = h.service.handlers['export:start']({ recordingId: REC });
    await vi.waitFor(() => expect(h.calls).toHaveLength(1));
    await h.service.close();
    expect((await rejection(running)).kind).toBe('aborted');
    expect((await rejection(h.service.handlers['export:start']({ recordingId: OTHER }))).kind).toBe('aborted');
  });
});

describe('export:open and export:showInFolder', () => {
  it('act on the clean file once there is one, and say why not before', async () => {
    const present = new Set<string>();
    const h = harness({ fileExists: async (path) => present.has(path) });
    const early = await rejection(h.service.handlers['export:open']({ recordingId: REC }));
    expect({ kind: early.kind, message: early.message }).toEqual({ kind: 'wrong_state', message: 'Cannot open the clean export: this recording has no clean export yet — use Export clean first.' });
    const done = await h.service.handlers['export:start']({ recordingId: REC });
    present.add(done.outputPath);
    expect(await h.service.handlers['export:open']({ recordingId: REC })).toEqual({ path: done.outputPath });
    expect(await h.service.handlers['export:showInFolder']({ recordingId: REC })).toEqual({ path: done.outputPath });
    expect(h.shell).toEqual({ opened: [done.outputPath], shown: [done.outputPath] });
    present.clear();
    const gone = await rejection(h.service.handlers['export:showInFolder']({ recordingId: REC }));
    expect({ kind: gone.kind, message: gone.message }).toEqual({ kind: 'not_found', message: 'Cannot show the clean export: Weekly sync 2025-06-01 10-00 (clean).mp4 is no longer in its folder — export it again.' });
  });
});
