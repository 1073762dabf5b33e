// The library handlers over a fake Recall and a fake media host, with a real download folder:
// rows with pauses and file states, downloads with progress and the pause check of the file,
// open / show in folder, preview sources, fresh links, following the selected bot.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLibrary, memorySnapshotStore, type Library, type LibraryDeps } from '../../../electron/core/app/library';
import { CoreError } from '../../../electron/core/app/errors';
import { MANIFEST_FILE } from '../../../electron/core/downloads';
import { requestSchemas } from '../../../electron/contract';
import type { LibraryView } from '../../../electron/contract';
import { fakeMedia, patternedBytes, type FakeMedia } from '../downloads/fake-media';
import { BOT, OTHER_BOT, REC_1, REC_2, T0, eventRecorder, libraryClient, makeBot, manualTimers, type LibraryClient, type ManualTimers } from './fakes';

const SIZE = 120_000;

let dir: string;
let media: FakeMedia;
let client: LibraryClient;
let timers: ManualTimers;
let events: ReturnType<typeof eventRecorder>;
let opened: string[];
let shown: string[];
let selected: string | null;
let library: Library | null;

function twoRecordings() {
  return makeBot({
    recordings: [
      { id: REC_1, startMs: T0, endMs: T0 + 30_000 },
      { id: REC_2, startMs: T0 + 40_000, endMs: T0 + 50_000 },
    ],
    pauses: [[T0 + 10_000, T0 + 15_000]],
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-library-'));
  media = fakeMedia(patternedBytes(SIZE));
  client = libraryClient([twoRecordings()]);
  timers = manualTimers();
  events = eventRecorder();
  opened = [];
  shown = [];
  selected = BOT;
  library = null;
});

afterEach(async () => {
  await library?.close();
  await rm(dir, { recursive: true, force: true });
});

function make(overrides: Partial<LibraryDeps> = {}): Library {
  library = createLibrary({
    client: () => client,
    selectedBotId: () => selected,
    downloadDir: () => dir,
    shell: {
      openPath: async (path) => {
        opened.push(path);
        return '';
      },
      showItemInFolder: (path) => shown.push(path),
    },
    mediaUrlFor: (name) => `recall-media://file/${encodeURIComponent(name)}`,
    clock: { now: () => T0 + 60_000 },
    timers,
    events,
    detectPauses: async () => [{ startMs: 10_200, endMs: 15_100 }],
    downloads: { fetch: media.fetch, progressIntervalMs: 0, sleep: async () => undefined, timeZone: 'UTC' },
    ...overrides,
  });
  return library;
}

const changed = () => events.of('library:changed');
const lastChanged = (): LibraryView | undefined => changed().at(-1);

describe('library:list', () => {
  it('lists the selected bot newest first, with times, recorded vs paused time and the pause span', async () => {
    const view = await make().handlers['library:list']({});
    expect(view).toMatchObject({ botId: BOT, botName: 'Weekly sync', ended: false, downloadDir: dir });
    expect(view.rows.map((r) => [r.number, r.recordingId, r.state])).toEqual([
      [2, REC_2, 'done'],
      [1, REC_1, 'done'],
    ]);
    const first = view.rows[1];
    expect(first).toMatchObject({
      startedAt: T0,
      completedAt: T0 + 30_000,
      durationMs: 30_000,
      pausedMs: 5_000,
      recordedMs: 25_000,
      videoMixed: { id: `vm-${REC_1}`, statusCode: 'done' },
      downloadable: true,
      local: { kind: 'not_downloaded' },
      downloadError: null,
    });
    expect(first?.pauses).toEqual([{ startMs: T0 + 10_000, endMs: T0 + 15_000, source: 'status_poll', sources: ['status_poll'] }]);
    // It crosses IPC and the test host's WebSocket: plain data only.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('says when no bot is selected instead of failing', async () => {
    selected = null;
    expect(await make().handlers['library:list']({})).toEqual({ botId: null, botName: null, ended: false, rows: [], downloadDir: dir });
  });

  it('marks a bot that left the call as ended', async () => {
    client.bots.set(BOT, makeBot({ recordings: [{ id: REC_1, startMs: T0, endMs: T0 + 30_000 }], ended: true }));
    expect((await make().handlers['library:list']({})).ended).toBe(true);
  });

  it('takes pause spans from the controller’s action log', async () => {
    client.bots.set(BOT, twoRecordings());
    const asked: Array<string | undefined> = [];
    const controller = {
      getSnapshot: () => ({ bot: null, lastRefreshAt: null }),
      pauseSpans: (id?: string) => {
        asked.push(id);
        return id === REC_1 ? [{ pausedAt: T0 + 3_000, resumedAt: T0 + 9_000 }] : [];
      },
      actionLog: () => [{ recordingId: REC_1 }, { recordingId: null }],
      observedTransitions: () => [],
    };
    const view = await make({ controllers: { peek: (id) => (id === BOT ? controller : null) } }).handlers['library:list']({});
    expect(view.rows[1]?.pauses).toEqual([
      { startMs: T0 + 3_000, endMs: T0 + 9_000, source: 'action_log', sources: ['action_log'] },
      { startMs: T0 + 10_000, endMs: T0 + 15_000, source: 'status_poll', sources: ['status_poll'] },
    ]);
    expect(view.rows[1]?.pausedMs).toBe(11_000);
    // Only recordings the controller witnessed are asked about (a long-lived bot has thousands).
    expect(asked).toEqual([REC_1]);
  });
});

describe('downloads through the library', () => {
  it('downloads with progress events, then shows the file, its checked pauses, and opens it', async () => {
    const lib = make();
    await lib.handlers['library:list']({});
    const queued = await lib.handlers['library:download']({ recordingId: REC_1 });
    expect(['queued', 'downloading', 'downloaded']).toContain(queued.local.kind);
    await lib.downloads.idle();

    await vi.waitFor(() => expect(lastChanged()?.rows.find((r) => r.recordingId === REC_1)?.pauses[0]?.source).toBe('media'));
    const row = lastChanged()?.rows.find((r) => r.recordingId === REC_1);
    expect(row?.local).toMatchObject({ kind: 'downloaded', size: SIZE });
    // The file's own black+silent range wins over the polled one, seen by both.
    expect(row?.pauses).toEqual([{ startMs: T0 + 10_200, endMs: T0 + 15_100, source: 'media', sources: ['media', 'status_poll'] }]);

    const progress = events.of('library:progress').filter((p) => p.recordingId === REC_1);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.progress).toMatchObject({ total: SIZE });
    expect(progress.every((p, i, all) => i === 0 || p.progress.bytes >= (all[i - 1]?.progress.bytes ?? 0))).toBe(true);

    if (row?.local.kind !== 'downloaded') throw new Error('expected a downloaded row');
    expect(await lib.handlers['library:open']({ recordingId: REC_1 })).toEqual({ path: row.local.path });
    expect(await lib.handlers['library:showInFolder']({ recordingId: REC_1 })).toEqual({ path: row.local.path });
    expect(opened).toEqual([row.local.path]);
    expect(shown).toEqual([row.local.path]);
    expect(row.local.path.startsWith(dir)).toBe(true);
    expect(row.local.fileName).toMatch(/^Weekly sync 2025-03-04 \d\d\.\d\d 1e0f4c2a\.mp4$/);
  });

  it('refuses to open what is not on disk, saying why', async () => {
    const lib = make();
    await expect(lib.handlers['library:open']({ recordingId: REC_1 })).rejects.toThrow(/not downloaded yet/);
    await lib.handlers['library:download']({ recordingId: REC_1 });
    await lib.downloads.idle();
    const state = await lib.downloads.localState(REC_1);
    if (state.kind !== 'downloaded') throw new Error('expected downloaded');
    await rm(state.path);
    const refusal = lib.handlers['library:showInFolder']({ recordingId: REC_1 });
    await expect(refusal).rejects.toBeInstanceOf(CoreError);
    await expect(refusal).rejects.toMatchObject({ kind: 'not_found', message: expect.stringMatching(/no longer in the download folder/) });
    expect(shown).toEqual([]);
  });

  it('reports the OS’s failure to open the file', async () => {
    const lib = make({ shell: { openPath: async () => 'No application knows how to open this file', showItemInFolder: () => undefined } });
    await lib.handlers['library:download']({ recordingId: REC_1 });
    await lib.downloads.idle();
    await expect(lib.handlers['library:open']({ recordingId: REC_1 })).rejects.toMatchObject({ kind: 'storage', message: expect.stringMatching(/No application knows/) });
  });

  it('shows a failed download’s reason on its row until the next attempt', async () => {
    const lib = make({ downloads: { fetch: media.fetch, sleep: async () => undefined, retry: { maxAttempts: 1 } } });
    await lib.handlers['library:list']({});
    media.faults.push({ status: 404 }, { status: 404 }, { status: 404 });
    await lib.handlers['library:download']({ recordingId: REC_2 });
    await lib.downloads.idle();
    await vi.waitFor(() => expect(lastChanged()?.rows.find((r) => r.recordingId === REC_2)?.downloadError).not.toBeNull());
    expect(lastChanged()?.rows.find((r) => r.recordingId === REC_2)?.downloadError?.message).toMatch(/\S/);
  });

  it('downloads every finished recording of the bot with download all', async () => {
    const lib = make();
    const outcome = await lib.handlers['library:downloadAll']({});
    expect(outcome.recordingIds.sort()).toEqual([REC_1, REC_2].sort());
    await lib.downloads.idle();
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { entries: Array<{ state: string }> };
    expect(manifest.entries.map((e) => e.state)).toEqual(['complete', 'complete']);
  });

  it('cancels a queued download and says when there was nothing to cancel', async () => {
    const lib = make({ downloads: { fetch: media.fetch, concurrency: 1 } });
    await lib.handlers['library:download']({ recordingId: REC_1 });
    await lib.handlers['library:download']({ recordingId: REC_2 });
    expect(await lib.handlers['library:cancel']({ recordingId: REC_2, discard: true })).toEqual({ cancelled: true });
    await lib.downloads.idle();
    expect(await lib.handlers['library:cancel']({ recordingId: REC_2 })).toEqual({ cancelled: false });
    expect((await lib.downloads.localState(REC_2)).kind).toBe('not_downloaded');
  });

  it('resumes downloads the last run left unfinished', async () => {
    const first = make({ downloads: { fetch: media.fetch, concurrency: 1 } });
    await first.handlers['library:download']({ recordingId: REC_1 });
    await first.close();
    const second = make();
    await second.start();
    await second.downloads.idle();
    expect((await second.downloads.localState(REC_1)).kind).toBe('downloaded');
  });
});

describe('preview and links', () => {
  it('streams from a fresh link before the download and plays the file after it, with the pauses as offsets', async () => {
    const lib = make();
    await lib.handlers['library:list']({});
    const remote = await lib.handlers['library:previewSource']({ recordingId: REC_1 });
    expect(remote).toMatchObject({ kind: 'remote', url: expect.stringMatching(/^https:\/\/media\.test\/v\.mp4\?seq=\d+/), durationMs: 30_000 });
    expect(remote.pauses).toEqual([{ startMs: 10_000, endMs: 15_000 }]);
    expect(remote.expiresAt).toBe((Math.floor(T0 / 1000) + 21_600) * 1000);

    await lib.handlers['library:download']({ recordingId: REC_1 });
    await lib.downloads.idle();
    await vi.waitFor(() => expect(lastChanged()?.rows.find((r) => r.recordingId === REC_1)?.pauses[0]?.source).toBe('media'));
    const local = await lib.handlers['library:previewSource']({ recordingId: REC_1 });
    expect(local).toMatchObject({ kind: 'local', url: expect.stringMatching(/^recall-media:\/\/file\/Weekly%20sync%20/), expiresAt: null });
    expect(local.pauses).toEqual([{ startMs: 10_200, endMs: 15_100 }]);
  });

  it('copies a freshly signed link every time', async () => {
    const lib = make();
    const a = await lib.handlers['library:copyLink']({ recordingId: REC_1 });
    const b = await lib.handlers['library:copyLink']({ recordingId: REC_1 });
    expect(a.url).not.toBe(b.url);
    expect(a.expiresAt).toBe((Math.floor(T0 / 1000) + 21_600) * 1000);
  });

  it('says the video is still processing instead of handing out nothing', async () => {
    client.bots.set(BOT, makeBot({ recordings: [{ id: REC_1, startMs: T0, endMs: T0 + 30_000, status: 'processing', videoStatus: 'processing' }] }));
    await expect(make().handlers['library:copyLink']({ recordingId: REC_1 })).rejects.toMatchObject({ kind: 'wrong_state', message: expect.stringMatching(/still processing/) });
  });
});

describe('following the app', () => {
  it('follows the selected bot and keeps polling while Recall is still processing', async () => {
    client.bots.set(OTHER_BOT, makeBot({ id: OTHER_BOT, name: 'Standup', recordings: [{ id: REC_1, startMs: T0, endMs: T0 + 30_000, status: 'processing', videoStatus: 'processing' }] }));
    const lib = make();
    await lib.handlers['library:list']({});
    lib.stateChanged({ selected: false });
    await vi.waitFor(() => expect(lastChanged()).toMatchObject({ botId: null, rows: [] }));

    selected = OTHER_BOT;
    lib.stateChanged({ selected: true, botId: OTHER_BOT });
    await vi.waitFor(() => expect(lastChanged()).toMatchObject({ botId: OTHER_BOT, botName: 'Standup', rows: [{ state: 'processing' }] }));
    expect(timers.pending()).toContain(3_000);

    client.bots.set(OTHER_BOT, makeBot({ id: OTHER_BOT, name: 'Standup', recordings: [{ id: REC_1, startMs: T0, endMs: T0 + 30_000 }] }));
    const reads = client.botReads;
    timers.fire();
    await vi.waitFor(() => expect(lastChanged()?.rows[0]?.state).toBe('done'));
    expect(client.botReads).toBe(reads + 1);
    expect(timers.pending()).not.toContain(3_000);
  });

  it('emits library:changed only when something changed', async () => {
    const lib = make();
    await lib.handlers['library:list']({});
    lib.stateChanged({ selected: true, botId: BOT });
    lib.stateChanged({ selected: true, botId: BOT });
    await vi.waitFor(() => expect(client.botReads).toBeGreaterThanOrEqual(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(changed()).toEqual([]);
  });

  it('remembers a recording that a Start overwrote, across restarts', async () => {
    const persistence = memorySnapshotStore();
    const first = make({ persistence, saveDelayMs: 0 });
    await first.handlers['library:list']({});
    timers.fire();
    await first.close();
    expect(persistence.saved.length).toBeGreaterThan(0);

    client.bots.set(BOT, makeBot({ recordings: [{ id: REC_2, startMs: T0 + 40_000, endMs: T0 + 50_000 }] }));
    const second = make({ persistence });
    const view = await second.handlers['library:list']({});
    expect(view.rows.map((r) => [r.recordingId, r.state])).toEqual([
      [REC_2, 'done'],
      [REC_1, 'overwritten'],
    ]);
  });
});

describe('request validation', () => {
  it('accepts only UUIDs as ids', () => {
    expect(requestSchemas['library:download'].safeParse({ recordingId: REC_1.toUpperCase() })).toMatchObject({ success: true, data: { recordingId: REC_1 } });
    const bad = requestSchemas['library:download'].safeParse({ recordingId: '../../etc/passwd' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/not a recording ID/);
    expect(requestSchemas['library:list'].safeParse({ botId: 'nope' }).success).toBe(false);
    expect(requestSchemas['library:list'].safeParse({}).success).toBe(true);
    expect(requestSchemas['library:cancel'].safeParse({ recordingId: REC_1, discard: 'yes' }).success).toBe(false);
    expect(requestSchemas['library:open'].safeParse({ recordingId: REC_1, path: '/etc/passwd' }).success).toBe(false);
  });
});
