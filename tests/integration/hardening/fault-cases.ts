// The runners of the fault matrix: each drives one user action through the real app core
// (createCore + dispatch, as the window calls it) with the real Recall client over HTTP, under
// one fault, and checks the invariants every cell must keep — a confirmed state or a specific
// visible error, nothing silently lost, nothing applied twice (the sandbox's request log, per
// Idempotency-Key), no corrupt final file. `describeMatrix` registers a group of actions as
// tests and checks (or, with UPDATE_RELIABILITY=1, rewrites) its table in RELIABILITY.md.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_KINDS } from '../../../electron/contract';
import type { LibraryView, PressOutcome } from '../../../electron/contract';
import { liveRecordingState } from '../../../electron/core/recall';
import type { LiveRecordingState } from '../../../electron/core/recall';
import type { RequestLogEntry } from '../../../electron/sandbox';
import { DNS_FAILING_ORIGIN, FaultLab, sleep, until } from './fault-lab';
import type { CoreRig } from './fault-lab';
import { FAULTS, expected, isControl, notApplicable, parseTable, renderTable, rowFor, sandboxFaults, tableMarkers } from './fault-matrix';
import type { ActionId, ControlActionId, FaultId, Observation } from './fault-matrix';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DOC = join(ROOT, 'RELIABILITY.md');

let lab: FaultLab;

interface Finished {
  botId: string;
  recordingId: string;
  size: number;
  sha256: string;
}
let finished: Finished | null = null;

function recording(): Finished {
  if (!finished) throw new Error('the finished recording was not made');
  return finished;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function liveOf(botId: string): Promise<LiveRecordingState> {
  return liveRecordingState(await lab.admin.getBot(botId));
}

/** A sandbox bot in the call, in `state`, made directly (not through the app). */
async function botIn(state: 'recording' | 'paused' | 'not_recording'): Promise<string> {
  const bot = await lab.admin.createBot({
    meeting_url: 'https://us02web.zoom.us/j/84512345678',
    bot_name: `Fault ${state}`,
    metadata: { sandbox_join_seconds: '1' },
    ...(state === 'not_recording' && { recording_config: null }),
  });
  await until(() => liveOf(bot.id), (live) => live === (state === 'paused' ? 'recording' : state), `bot ${bot.id} to be in the call`);
  if (state === 'paused') {
    await lab.admin.pauseRecording(bot.id);
    await until(() => liveOf(bot.id), (live) => live === 'paused', `bot ${bot.id} to pause`);
  }
  return bot.id;
}

/** A finished, processed recording with one pause, for download and export. */
async function finishedRecording(): Promise<Finished> {
  const botId = await botIn('not_recording');
  await lab.admin.startRecording(botId);
  await sleep(800);
  await lab.admin.pauseRecording(botId);
  await sleep(300);
  await lab.admin.resumeRecording(botId);
  await sleep(800);
  const stopped = await lab.admin.stopRecording(botId);
  const recordingId = stopped.recordings.at(-1)?.id ?? '';
  await until(
    async () => (await lab.admin.getRecording(recordingId)).media_shortcuts?.video_mixed?.status.code,
    (code) => code === 'done',
    'the recording to be processed',
    60_000,
  );
  const source = lab.sandbox.mediaFile(recordingId);
  if (source === null) throw new Error('the sandbox rendered no media');
  return { botId, recordingId, size: readFileSync(source).length, sha256: sha256(source) };
}

/** A download's own failure classes (DownloadErrorKind), shown in its row. */
const DOWNLOAD_ERROR_KINDS = ['disk_full', 'disk_quota', 'disk_permission', 'disk_read_only', 'disk', 'not_ready', 'not_found', 'expired', 'network', 'server', 'rate_limited', 'integrity', 'api', 'cancelled'];

/** The specific, visible error every failure must be. */
function expectSpecific(error: { kind: string; message: string }, kinds: readonly string[] = ERROR_KINDS): void {
  expect(kinds).toContain(error.kind);
  expect(error.kind, `an internal error is a bug: ${error.message}`).not.toBe('internal');
  expect(error.message.length).toBeGreaterThan(20);
  expect(error.message).not.toMatch(/undefined|\[object Object\]|NaN/);
}

/** Makes the fault of a cell real; the wire faults go through the lab. */
function inject(action: ActionId, fault: FaultId, ids: readonly string[], resetMatch: (method: string, path: string) => boolean): void {
  const config = sandboxFaults(action, fault, { size: finished?.size ?? 0 });
  if (config) lab.faults(config);
  if (fault === 'reset' && action !== 'download') lab.proxy.resetAfterAnswer(1, resetMatch);
  if (fault === 'dns') lab.wire = { kind: 'dns' };
  if (fault === 'revoked') lab.wire = { kind: 'revoked' };
  if (fault === 'deleted') lab.wire = { kind: 'deleted', ids };
}

const CONTROL_SETUP: Record<ControlActionId, { from: 'recording' | 'paused' | 'not_recording'; endpoint: string; target: LiveRecordingState }> = {
  pause: { from: 'recording', endpoint: 'pause_recording', target: 'paused' },
  resume: { from: 'paused', endpoint: 'resume_recording', target: 'recording' },
  start: { from: 'not_recording', endpoint: 'start_recording', target: 'recording' },
  stop: { from: 'recording', endpoint: 'stop_recording', target: 'not_recording' },
  leave: { from: 'recording', endpoint: 'leave_call', target: 'ended' },
};

async function withCore<T>(mode: 'live' | 'sandbox', run: (rig: CoreRig) => Promise<T>): Promise<T> {
  const rig = await lab.core(mode);
  try {
    return await run(rig);
  } finally {
    lab.clear();
    await rig.close();
  }
}

async function runControl(action: ControlActionId, fault: FaultId): Promise<Observation> {
  const { from, endpoint, target } = CONTROL_SETUP[action];
  const botId = await botIn(from);
  return withCore('live', async ({ core }) => {
    const selected = await core.dispatch('bot:select', { botId });
    expect(selected.ok).toBe(true);
    await lab.settle();
    const before = await liveOf(botId);
    const mark = lab.log().length;
    inject(action, fault, [botId], (method, path) => method === 'POST' && path.endsWith(`/${endpoint}/`));
    const result = await core.dispatch('control:press', { action });
    lab.clear();
    if (!result.ok) throw new Error(`the press itself was refused: ${result.error.message}`);
    const outcome: PressOutcome = result.value;
    expect(['confirmed', 'failed']).toContain(outcome.kind);

    // Visible: the window's state carries the failure (or the new state) after the press.
    const state = await core.dispatch('bot:getState', undefined);
    if (!state.ok || !state.value.selected) throw new Error('the bot is no longer selected');
    if (outcome.kind === 'failed') {
      expectSpecific(outcome.error);
      expect(state.value.actionError).toEqual(outcome.error);
    } else {
      expect(state.value.actionError).toBeNull();
    }

    // Applied at most once: per Idempotency-Key, one non-replayed answer that changed the bot.
    await lab.settle();
    const posts = lab.log().slice(mark).filter((r: RequestLogEntry) => r.method === 'POST' && r.path.replace(/\/$/, '').endsWith(`/${endpoint}`));
    const lostAnswer = fault === '500-after-apply' && posts[0]?.status === 500 ? 1 : 0;
    const applied = posts.filter((r) => r.status >= 200 && r.status < 300 && r.replayed !== true).length + lostAnswer;
    expect(applied, `POSTs: ${JSON.stringify(posts)}`).toBeLessThanOrEqual(1);
    expect(new Set(posts.flatMap((r) => (r.idempotencyKey === undefined ? [] : [r.idempotencyKey]))).size, 'one Idempotency-Key per press (a fresh one only after a 507)').toBeLessThanOrEqual(fault === '507' ? 2 : 1);
    const after = await liveOf(botId);
    if (applied === 1) expect(after).toBe(target);
    else expect(after).toBe(before);
    if (outcome.kind === 'confirmed') expect(applied).toBe(1);
    if (outcome.kind === 'confirmed') expect(state.value.live).toBe(target);
    return {
      outcome: outcome.kind === 'confirmed' ? 'confirmed' : 'error',
      kind: outcome.kind === 'failed' ? outcome.error.kind : null,
      message: outcome.kind === 'failed' ? outcome.error.message : outcome.message,
      effect: applied === 1 ? `applied once; bot ${after}` : `not applied; bot still ${after}`,
    };
  });
}

async function runList(fault: FaultId): Promise<Observation> {
  return withCore('live', async ({ core }) => {
    await lab.settle();
    inject('list', fault, [], (method, path) => method === 'GET' && path === '/api/v1/bot/');
    const result = await core.dispatch('bot:list', undefined);
    lab.clear();
    if (!result.ok) {
      expectSpecific(result.error);
      return { outcome: 'error', kind: result.error.kind, message: result.error.message, effect: '—' };
    }
    expect(result.value.length).toBeGreaterThan(0);
    return { outcome: 'confirmed', kind: null, message: `The list shows the ${result.value.length} most recent bots`, effect: '—' };
  });
}

async function runSelect(fault: FaultId, botId: string): Promise<Observation> {
  return withCore('live', async ({ core }) => {
    await lab.settle();
    inject('select', fault, [botId], (method, path) => method === 'GET' && path === `/api/v1/bot/${botId}/`);
    const result = await core.dispatch('bot:select', { botId });
    lab.clear();
    const state = await core.dispatch('bot:getState', undefined);
    if (!state.ok) throw new Error(state.error.message);
    if (!result.ok) {
      expectSpecific(result.error);
      // Nothing half-selected: the window keeps what it had.
      expect(state.value.selected).toBe(false);
      return { outcome: 'error', kind: result.error.kind, message: result.error.message, effect: 'selection unchanged' };
    }
    expect(state.value).toMatchObject({ selected: true, botId });
    return { outcome: 'confirmed', kind: null, message: `Bot selected, live state ${result.value.selected ? result.value.live : '?'}`, effect: 'selected' };
  });
}

function libraryRow(rig: CoreRig, recordingId: string) {
  const views = rig.seen.filter((e) => e.event === 'library:changed').map((e) => e.payload as LibraryView);
  return views.at(-1)?.rows.find((r) => r.recordingId === recordingId) ?? null;
}

function finalFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.mp4'));
}

async function runDownload(fault: FaultId): Promise<Observation> {
  const { botId, recordingId, sha256: expectedSha } = recording();
  return withCore('live', async (rig) => {
    expect((await rig.core.dispatch('bot:select', { botId })).ok).toBe(true);
    expect((await rig.core.dispatch('library:list', { botId })).ok).toBe(true);
    await lab.settle();
    inject('download', fault, [recordingId], (method, path) => method === 'GET' && path.includes(recordingId));
    const queued = await rig.core.dispatch('library:download', { recordingId });
    if (!queued.ok) {
      lab.clear();
      expectSpecific(queued.error);
      expect(finalFiles(rig.downloadDir)).toEqual([]);
      return { outcome: 'error', kind: queued.error.kind, message: queued.error.message, effect: 'no file' };
    }
    // Completion and failure arrive as library:changed, as in the window (no polling requests).
    const row = await until(
      () => libraryRow(rig, recordingId),
      (r) => r !== null && (r.local.kind === 'downloaded' || r.downloadError !== null || (r.local.kind === 'partial' && r.local.reason === 'failed')),
      'the download to finish or fail',
      45_000,
    );
    lab.clear();
    const files = finalFiles(rig.downloadDir);
    if (row?.local.kind === 'downloaded') {
      expect(files).toHaveLength(1);
      expect(sha256(join(rig.downloadDir, files[0] ?? ''))).toBe(expectedSha);
      expect(row.local.sha256).toBe(expectedSha);
      return { outcome: 'confirmed', kind: null, message: `Downloaded ${row.local.fileName}`, effect: 'complete file, sha256 matches' };
    }
    const error = row?.downloadError ?? (row?.local.kind === 'partial' ? row.local.error : null);
    if (!error) throw new Error(`the download ended without a file or an error: ${JSON.stringify(row)}`);
    expectSpecific(error, DOWNLOAD_ERROR_KINDS);
    // Never a corrupt final file: only the resumable .part may remain.
    expect(files).toEqual([]);
    const partial = readdirSync(rig.downloadDir).some((name) => name.endsWith('.part'));
    return { outcome: 'error', kind: error.kind, message: error.message, effect: partial ? 'no final file; partial kept for resume' : 'no file' };
  });
}

let exportRig: CoreRig | null = null;

async function runExport(fault: FaultId): Promise<Observation> {
  const { recordingId, botId } = recording();
  const rig = exportRig;
  if (!rig) throw new Error('the export core is not ready');
  const cleanFiles = () => readdirSync(rig.downloadDir).filter((name) => name.includes('(clean)'));
  for (const name of cleanFiles()) rmSync(join(rig.downloadDir, name), { force: true });
  await lab.settle();
  inject('export', fault, [recordingId, botId], (method, path) => method === 'GET' && (path.includes(recordingId) || path.includes(botId)));
  const result = await rig.core.dispatch('export:start', { recordingId });
  lab.clear();
  const jobs = await rig.core.dispatch('export:list', undefined);
  if (!jobs.ok) throw new Error(jobs.error.message);
  const job = jobs.value.find((j) => j.recordingId === recordingId);
  if (!result.ok) {
    expectSpecific(result.error);
    expect(job).toMatchObject({ status: 'failed', error: result.error });
    expect(cleanFiles()).toEqual([]);
    return { outcome: 'error', kind: result.error.kind, message: result.error.message, effect: 'no clean file' };
  }
  expect(job?.status).toBe('done');
  expect(cleanFiles()).toContain(result.value.fileName);
  return { outcome: 'confirmed', kind: null, message: `Exported ${result.value.fileName} (${result.value.cuts.length} pause cut)`, effect: 'clean file written (verified)' };
}

async function runConnect(fault: FaultId): Promise<Observation> {
  return withCore('sandbox', async ({ core, settings, vault }) => {
    await lab.settle();
    const request = {
      mode: 'live' as const,
      apiKey: fault === 'revoked' ? 'rk_live_revoked_0000000000000000' : lab.sandbox.apiKey,
      customBaseUrl: fault === 'dns' ? DNS_FAILING_ORIGIN : fault === 'deleted' ? `${lab.proxy.url}/not-recall` : lab.proxy.url,
    };
    if (fault !== 'dns' && fault !== 'revoked' && fault !== 'deleted') inject('connect', fault, [], (method, path) => method === 'GET' && path.endsWith('/api/v1/bot/'));
    const result = await core.dispatch('connection:set', request);
    lab.clear();
    const info = await core.dispatch('app:getInfo', undefined);
    if (!info.ok) throw new Error(info.error.message);
    if (!result.ok) {
      expectSpecific(result.error);
      // Nothing half-saved: still the sandbox, no key kept.
      expect(info.value.mode).toBe('sandbox');
      expect(vault.hasApiKey()).toBe(false);
      expect(settings.get().connection.mode).toBe('sandbox');
      return { outcome: 'error', kind: result.error.kind, message: result.error.message, effect: 'connection unchanged (sandbox)' };
    }
    expect(info.value.mode).toBe('live');
    expect(vault.hasApiKey()).toBe(true);
    return { outcome: 'confirmed', kind: null, message: 'Connected: live mode, key saved', effect: 'saved; now live' };
  });
}

function run(action: ActionId, fault: FaultId, selectBot: string): Promise<Observation> {
  if (isControl(action)) return runControl(action, fault);
  switch (action) {
    case 'list':
      return runList(fault);
    case 'select':
      return runSelect(fault, selectBot);
    case 'download':
      return runDownload(fault);
    case 'export':
      return runExport(fault);
    case 'connect':
      return runConnect(fault);
  }
  throw new Error(`no runner for ${action}`);
}

/** Read-modify-write of the doc under a lock file: the groups run in parallel files. */
async function rewriteSection(section: string, table: string): Promise<void> {
  const lock = `${DOC}.lock`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} stays locked`);
      await sleep(50);
    }
  }
  try {
    const doc = readFileSync(DOC, 'utf8');
    const { start, end } = tableMarkers(section);
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    writeFileSync(DOC, `${doc.slice(0, from + start.length)}\n${table}\n${doc.slice(to)}`);
  } finally {
    unlinkSync(lock);
  }
}

/** Registers `actions` × every fault as tests, and checks RELIABILITY.md's `section` table against them. */
export function describeMatrix(section: string, actions: readonly ActionId[]): void {
  const observed = new Map<string, Observation>();
  const key = (action: ActionId, fault: FaultId) => `${action}/${fault}`;
  const needsRecording = actions.includes('download') || actions.includes('export');

  beforeAll(async () => {
    lab = await FaultLab.open();
    if (needsRecording) finished = await finishedRecording();
  }, 120_000);

  afterAll(async () => {
    await exportRig?.close();
    await lab?.close();
    const ran = actions.every((action) => FAULTS.every((fault) => notApplicable(action, fault) !== null || observed.has(key(action, fault))));
    if (!ran) return;
    const table = renderTable(actions.flatMap((action) => FAULTS.map((fault) => rowFor(action, fault, observed.get(key(action, fault)) ?? null))));
    if (process.env.UPDATE_RELIABILITY === '1') {
      await rewriteSection(section, table);
      return;
    }
    const doc = readFileSync(DOC, 'utf8');
    const { start, end } = tableMarkers(section);
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    if (from === -1 || to === -1) throw new Error(`RELIABILITY.md has no "${section}" fault table (${start} … ${end})`);
    // The documented outcome and effect of every cell are what this run observed.
    const columns = (cells: string[]) => [cells[0], cells[1], cells[2], cells[4]];
    expect(parseTable(doc.slice(from, to)).map(columns), 'RELIABILITY.md is out of date: run UPDATE_RELIABILITY=1 npx vitest run tests/integration/hardening').toEqual(
      parseTable(table).map(columns),
    );
  });

  describe.each(actions)('%s', (action) => {
    const cells = FAULTS.filter((fault) => notApplicable(action, fault) === null);
    if (action === 'export') {
      beforeAll(async () => {
        const { botId, recordingId } = recording();
        const rig = await lab.core('live');
        exportRig = rig;
        expect((await rig.core.dispatch('bot:select', { botId })).ok).toBe(true);
        expect((await rig.core.dispatch('library:list', { botId })).ok).toBe(true);
        expect((await rig.core.dispatch('library:download', { recordingId })).ok).toBe(true);
        await until(() => libraryRow(rig, recordingId)?.local.kind, (kind) => kind === 'downloaded', 'the recording to download', 30_000);
      }, 60_000);
    }
    let selectBot = '';
    if (action === 'select') beforeAll(async () => void (selectBot = await botIn('recording')), 30_000);

    test.each(cells)('under %s', async (fault) => {
      const observation = await run(action, fault, selectBot);
      observed.set(key(action, fault), observation);
      const want = expected(action, fault);
      expect({ outcome: observation.outcome, kind: observation.kind, message: observation.message }).toMatchObject(
        want.outcome === 'confirmed' ? { outcome: 'confirmed' } : { outcome: 'error', kind: want.kind },
      );
    }, 60_000);
  });
}
