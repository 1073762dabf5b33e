// The library handlers against the sandbox over real HTTP: a recording with a pause is listed,
// streamed from a fresh link before download, downloaded through `library:download` with
// throttled progress events, verified byte-identical, its pause found in the file by ffmpeg,
// then previewed from the download folder; the segments memory survives a restart.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLibrary, fileSnapshotStore, type Library, type LibraryDeps } from '../../../electron/core/app/library';
import { nodeLocalFs } from '../../../electron/core/downloads';
import { handlePreviewRequest, mediaUrlFor } from '../../../electron/core/preview';
import type { LibraryView } from '../../../electron/contract';
import { finishedRecording, sha256File, type Fixture } from '../downloads/sandbox-media';
import { eventRecorder } from '../../unit/library/fakes';

let fx: Fixture;
let dir: string;
let stateFile: string;
const libraries: Library[] = [];

beforeAll(async () => {
  fx = await finishedRecording();
  dir = await mkdtemp(join(tmpdir(), 'rr-library-int-'));
  stateFile = join(dir, 'state', 'segments.json');
}, 90_000);

afterAll(async () => {
  for (const library of libraries) await library.close();
  await fx?.sandbox.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function open(events: ReturnType<typeof eventRecorder>, overrides: Partial<LibraryDeps> = {}): Library {
  const library = createLibrary({
    client: () => fx.client,
    selectedBotId: () => fx.botId,
    downloadDir: () => join(dir, 'Videos'),
    shell: { openPath: async () => '', showItemInFolder: () => undefined },
    mediaUrlFor,
    clock: { now: () => Date.now() },
    timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    events,
    persistence: fileSnapshotStore(stateFile),
    saveDelayMs: 10,
    ...overrides,
  });
  libraries.push(library);
  return library;
}

const rowOf = (view: LibraryView | undefined) => view?.rows.find((r) => r.recordingId === fx.recordingId);

describe('library handlers against the sandbox', () => {
  it('lists, streams, downloads with progress, finds the pause in the file and previews it locally', async () => {
    const events = eventRecorder();
    const library = open(events);
    const listed = await library.handlers['library:list']({});
    const row = rowOf(listed);
    expect(row).toMatchObject({ number: 1, state: 'done', downloadable: true, local: { kind: 'not_downloaded' }, videoMixed: { statusCode: 'done' } });
    expect(row?.pauses).toHaveLength(1);
    expect(row?.pausedMs).toBeGreaterThan(0);

    const remote = await library.handlers['library:previewSource']({ recordingId: fx.recordingId });
    expect(remote.kind).toBe('remote');
    expect(new URL(remote.url).origin).toBe(fx.sandbox.baseUrl);
    expect(remote.expiresAt).toBeGreaterThan(Date.now());
    expect(remote.pauses).toHaveLength(1);
    const head = await fetch(remote.url, { headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);

    // Throttled so the transfer spans several progress intervals.
    fx.sandbox.faults.set({ throttleMediaBps: Math.ceil(fx.size / 1.5) });
    try {
      const queued = await library.handlers['library:download']({ recordingId: fx.recordingId });
      expect(queued.recordingId).toBe(fx.recordingId);
      await library.downloads.idle();
    } finally {
      fx.sandbox.faults.reset();
    }
    const progress = events.of('library:progress').filter((p) => p.recordingId === fx.recordingId);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((p) => p.progress.total === fx.size)).toBe(true);
    expect(progress.map((p) => p.progress.bytes)).toEqual([...progress.map((p) => p.progress.bytes)].sort((a, b) => a - b));
    expect(progress.some((p) => p.progress.rateBps !== null && p.progress.rateBps > 0)).toBe(true);

    await vi.waitFor(() => expect(rowOf(events.of('library:changed').at(-1))?.pauses[0]?.source).toBe('media'), { timeout: 30_000 });
    const done = rowOf(events.of('library:changed').at(-1));
    if (done?.local.kind !== 'downloaded') throw new Error(`expected a downloaded row, got ${done?.local.kind}`);
    expect(done.local.size).toBe(fx.size);
    expect(done.local.sha256).toBe(fx.sha256);
    expect(await sha256File(done.local.path)).toBe(fx.sha256);
    // The black+silent range in the file is the pause the API reported, within a second.
    const [mediaPause] = done.pauses;
    const [apiPause] = row?.pauses ?? [];
    expect(Math.abs((mediaPause?.startMs ?? 0) - (apiPause?.startMs ?? 0))).toBeLessThan(1_000);
    expect(mediaPause?.sources).toEqual(expect.arrayContaining(['media', 'status_poll']));

    const local = await library.handlers['library:previewSource']({ recordingId: fx.recordingId });
    expect(local).toMatchObject({ kind: 'local', url: mediaUrlFor(done.local.fileName), expiresAt: null });
    const served = await handlePreviewRequest({ url: local.url, method: 'GET', headers: { range: 'bytes=1000-' } }, { downloadDir: join(dir, 'Videos'), fs: nodeLocalFs });
    expect(served.status).toBe(206);
    const bytes = Buffer.from(await new Response(served.body).arrayBuffer());
    expect(bytes.equals((await readFile(fx.source)).subarray(1000))).toBe(true);
  }, 90_000);

  it('hands out a fresh link that downloads the same file', async () => {
    const library = open(eventRecorder());
    const link = await library.handlers['library:copyLink']({ recordingId: fx.recordingId });
    expect(link.expiresAt).toBeGreaterThan(Date.now() + 60 * 60_000);
    const body = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(body.equals(await readFile(fx.source))).toBe(true);
  });

  it('remembers the pause found in the file after a restart, without analysing it again', async () => {
    await Promise.all(libraries.splice(0).map((l) => l.close()));
    const detect = vi.fn(async () => []);
    const library = open(eventRecorder(), { detectPauses: detect });
    const row = rowOf(await library.handlers['library:list']({}));
    expect(row?.local.kind).toBe('downloaded');
    expect(row?.pauses[0]?.source).toBe('media');
    expect(detect).not.toHaveBeenCalled();
  });
});
