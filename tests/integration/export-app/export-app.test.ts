// The clean export through the app core against the embedded sandbox over real HTTP, composed as
// the test host composes it: a recording paused twice from the app (its controller's presses),
// `export:start` refused until `library:download` has fetched it, then exported beside the
// download with progress events — the clean file lasts the recorded time ± 0.2 s, holds no black
// or silence, and its transcript is re-timed; a cancelled export leaves nothing behind.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { Core } from '../../../electron/core/app';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { systemClock } from '../../../electron/core/control';
import { RecallClient, liveRecordingState } from '../../../electron/core/recall';
import { startSandbox } from '../../../electron/sandbox';
import type { Sandbox } from '../../../electron/sandbox';
import { EVENT_NAMES } from '../../../electron/contract';
import type { Channel, EventMap, EventName, ResponseOf, Result, SegmentRowView } from '../../../electron/contract';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';
import { scaledTime } from '../../e2e/host/scaled-time';
import { detectBlackAndSilence, probe } from '../../support/media-probe';

const SPEED = 20;
const MEDIA = { width: 320, height: 180, fps: 15 } as const;

let root: string;
let downloads: string;
let sandbox: Sandbox;
let client: RecallClient;
let core: Core;
const seen: Array<{ event: EventName; payload: unknown }> = [];
const watchers = new Set<(event: EventName, payload: unknown) => void>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rr-export-app-'));
  downloads = join(root, 'Videos');
  const { clock, timers } = scaledTime(SPEED);
  const events = createEventHub();
  for (const event of EVENT_NAMES) {
    events.on(event, (payload) => {
      seen.push({ event, payload });
      for (const watch of [...watchers]) watch(event, payload);
    });
  }
  const box: { sandbox: Sandbox | null } = { sandbox: null };
  core = await createCore({
    app: { name: 'Recall Remote', version: 'test', platform: 'linux' },
    clock,
    timers,
    wallClock: systemClock,
    events,
    settings: new MemorySettingsStore({ platform: 'linux', now: () => clock.now() }),
    vault: new MemoryVault(),
    createClient: (c, tuning) => new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region, ...tuning }),
    startSandbox: async () => {
      box.sandbox = await startSandbox({ speed: SPEED, media: MEDIA, dataDir: join(root, 'sandbox') });
      return box.sandbox;
    },
    registerHotkeys: (target) => new MemoryHotkeyRegistrar(target, 'linux'),
    notifier: new RecordingNotifier(),
    launchAtLogin: new MemoryLaunchAtLogin(),
    showWindow: () => undefined,
    library: {
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      mediaUrlFor: (name) => `recall-media://file/${name}`,
      persistence: memorySnapshotStore(),
      defaultDownloadDir: () => downloads,
    },
    control: { armWindowMs: 3_000 * SPEED, confirmTimeoutMs: 10_000 * SPEED },
  });
  if (!box.sandbox) throw new Error('the core did not start its sandbox');
  sandbox = box.sandbox;
  client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
}, 60_000);

afterAll(async () => {
  await core?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 300)}`);
    await sleep(50);
  }
}

function call<C extends Channel>(channel: C, payload: unknown): Promise<Result<ResponseOf<C>>> {
  return core.dispatch(channel, payload);
}

async function press(action: 'pause' | 'resume' | 'stop'): Promise<void> {
  const result = await call('control:press', { action });
  if (!result.ok || result.value.kind !== 'confirmed') throw new Error(`${action}: ${JSON.stringify(result)}`);
}

async function row(recordingId: string): Promise<SegmentRowView | undefined> {
  const listed = await call('library:list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.rows.find((r) => r.recordingId === recordingId);
}

/** Resolves at the first event of that name matching `test`, as it is emitted. */
function next<E extends EventName>(event: E, test: (payload: EventMap[E]) => boolean): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const watch = (name: EventName, payload: unknown) => {
      if (name !== event || !test(payload as EventMap[E])) return;
      watchers.delete(watch);
      resolve(payload as EventMap[E]);
    };
    watchers.add(watch);
  });
}

function events<E extends EventName>(event: E): Array<EventMap[E]> {
  return seen.filter((e) => e.event === event).map((e) => e.payload as EventMap[E]);
}

/** A recording started with a transcript, paused twice and stopped from the app, processed. */
async function pausedTwice(): Promise<string> {
  const bot = await client.createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', bot_name: 'Design review', recording_config: null, metadata: { sandbox_join_seconds: '1' } });
  await until(() => client.getBot(bot.id), (b) => liveRecordingState(b) === 'not_recording', 'the bot in the call');
  expect(await call('bot:select', { botId: bot.id })).toMatchObject({ ok: true });
  await client.startRecording(bot.id, { video_mixed_mp4: {}, transcript: { provider: { meeting_captions: {} } } });
  await until(() => call('bot:getState', undefined), (s) => s.ok && s.value.selected && s.value.live === 'recording', 'recording in the app');
  for (let i = 0; i < 2; i++) {
    await sleep(250);
    await press('pause');
    await sleep(150);
    await press('resume');
  }
  await sleep(250);
  await press('stop');
  const recordingId = (await client.getBot(bot.id)).recordings.at(-1)?.id ?? '';
  await until(() => client.getRecording(recordingId), (r) => r.media_shortcuts?.video_mixed?.status.code === 'done' && r.media_shortcuts.transcript?.status.code === 'done', 'processed media');
  return recordingId;
}

describe('export:start through the app core', () => {
  let recordingId = '';

  it('refuses a recording that is not downloaded, then exports the download: recorded time ± 0.2 s, no pause left', async () => {
    recordingId = await pausedTwice();
    const early = await call('export:start', { recordingId });
    expect(early).toEqual({ ok: false, error: { kind: 'wrong_state', message: 'Download it first: this recording is not downloaded yet, and the clean export is made from the downloaded file.' } });

    expect(await call('library:download', { recordingId })).toMatchObject({ ok: true });
    const downloaded = await until(() => row(recordingId), (r) => r?.local.kind === 'downloaded', 'the download');
    if (downloaded?.local.kind !== 'downloaded') throw new Error('not downloaded');
    const recordedSec = (downloaded.recordedMs ?? NaN) / 1000;
    expect(downloaded.pauses).toHaveLength(2);

    const started = events('export:progress').length;
    const outcome = await call('export:start', { recordingId });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const result = outcome.value;
    expect(result.outputPath).toBe(join(downloads, result.fileName));
    expect(result.fileName).toBe(downloaded.local.fileName.replace(/\.mp4$/, ' (clean).mp4'));
    expect(result.cuts).toHaveLength(2);
    expect(result.warning).toBeNull();

    const clean = await probe(result.outputPath);
    expect(Math.abs(clean.durationSec - recordedSec)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(clean.durationSec - result.keptDurationSec)).toBeLessThanOrEqual(0.2);
    const original = await probe(downloaded.local.path);
    expect(Math.abs(original.durationSec - result.removedSec - clean.durationSec)).toBeLessThanOrEqual(0.2);
    expect(await detectBlackAndSilence(result.outputPath)).toEqual({ black: [], silent: [] });

    // The transcript, re-timed onto the clean video: no word past its end.
    const transcript = result.transcriptPaths;
    if (!transcript) throw new Error('expected a re-timed transcript');
    const words = (JSON.parse(await readFile(transcript.json, 'utf8')) as Array<{ words: Array<{ end_timestamp: { relative: number } | null; start_timestamp: { relative: number } }> }>).flatMap((e) => e.words);
    expect(words.length).toBeGreaterThan(0);
    expect(Math.max(...words.map((w) => w.end_timestamp?.relative ?? w.start_timestamp.relative))).toBeLessThanOrEqual(result.keptDurationSec + 0.01);
    expect(await readFile(transcript.vtt, 'utf8')).toMatch(/^WEBVTT\n\n/);

    const progress = events('export:progress').slice(started).filter((p) => p.recordingId === recordingId).map((p) => p.fraction);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events('export:changed').filter((j) => j.recordingId === recordingId).map((j) => j.status).slice(-2)).toEqual(['running', 'done']);
    expect(await call('export:list', undefined)).toMatchObject({ ok: true, value: [{ recordingId, status: 'done', result: { outputPath: result.outputPath } }] });
  }, 120_000);

  it('a cancelled export ends as cancelled and leaves no file behind', async () => {
    const before = (await readdir(downloads)).sort();
    // Cancelled while ffmpeg works on it: at its first progress step past the analysis.
    const working = next('export:progress', (p) => p.recordingId === recordingId && p.fraction > 0.05);
    const running = call('export:start', { recordingId });
    await working;
    expect(await call('export:cancel', { recordingId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toEqual({ ok: false, error: { kind: 'aborted', message: 'Clean export cancelled' } });
    expect(events('export:changed').at(-1)).toEqual({ recordingId, status: 'cancelled' });
    expect((await readdir(downloads)).sort()).toEqual(before);
  }, 60_000);
});
