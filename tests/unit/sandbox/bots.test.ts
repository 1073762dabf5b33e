import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../electron/sandbox/api-error';
import { validateCreateBot } from '../../../electron/sandbox/bot-input';
import { BotEngine, type StartMode } from '../../../electron/sandbox/bots';
import { createSandboxClock, type Clock } from '../../../electron/sandbox/clock';
import { MediaProcessor } from '../../../electron/sandbox/media-processing';
import { normalizeRecordingConfig, type RecordingConfig } from '../../../electron/sandbox/recording-config';
import { RecordingStore } from '../../../electron/sandbox/recordings';
import { ManualWall } from './manual-wall';

interface Timeline {
  durationMs: number;
  pauses: ReadonlyArray<{ startMs: number; endMs: number }>;
}

/** Renders a timeline as a small JSON "video" so the state machine can be tested without ffmpeg. */
class RecordingRenderer {
  readonly rendered: Timeline[] = [];
  warmCalls = 0;
  warm(): void {
    this.warmCalls++;
  }
  async render(timeline: Timeline, outPath: string): Promise<{ bytes: number }> {
    this.rendered.push(timeline);
    const body = JSON.stringify(timeline);
    await writeFile(outPath, body);
    return { bytes: body.length };
  }
}

let dir: string;
let wall: ManualWall;
let clock: Clock;
let store: RecordingStore;
let renderer: RecordingRenderer;
let processor: MediaProcessor;

function engine(startMode: StartMode = 'replace'): BotEngine {
  return new BotEngine({ clock, store, processor, startMode });
}

function input(body: Record<string, unknown> = {}) {
  const result = validateCreateBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', ...body }, clock.now());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.input;
}

function config(body: Record<string, unknown> = {}): RecordingConfig {
  const result = normalizeRecordingConfig(body);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

const codes = (e: BotEngine, id: string): string[] => e.get(id).statusChanges.map((s) => s.code);

function errorOf(fn: () => unknown): { status: number; body: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.response.status, body: JSON.parse(error.response.body) };
    throw error;
  }
  throw new Error('expected an ApiError');
}

/** Advances sandbox time and lets file-system work of media processing complete. */
async function settle(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
  wall.advance(ms);
  await new Promise((r) => setTimeout(r, 30));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-bots-'));
  wall = new ManualWall();
  clock = createSandboxClock({ speed: 1, wall });
  renderer = new RecordingRenderer();
  store = new RecordingStore((r) => void processor.removeFiles(r));
  processor = new MediaProcessor({ store, clock, renderer, makeTranscript: () => [], mediaDir: dir, log: () => {} });
});

afterEach(async () => {
  await processor.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bot lifecycle', () => {
  it('joins and starts recording automatically when recording_config is omitted', () => {
    const e = engine();
    const bot = e.create(input());
    expect(codes(e, bot.id)).toEqual([]);
    wall.advance(1_000);
    expect(codes(e, bot.id)).toEqual(['joining_call']);
    wall.advance(3_000);
    expect(codes(e, bot.id)).toEqual(['joining_call', 'in_call_not_recording']);
    wall.advance(1_000);
    expect(codes(e, bot.id)).toEqual(['joining_call', 'in_call_not_recording', 'in_call_recording']);
    expect(e.recordingsOf(e.get(bot.id))).toHaveLength(1);
    expect(renderer.warmCalls).toBe(1);
  });

  it('records nothing with recording_config null or start_recording_on manual until Start Recording', () => {
    const e = engine();
    const manual = e.create(input({ recording_config: null }));
    const startOnManual = e.create(input({ recording_config: { start_recording_on: 'manual' } }));
    wall.advance(60_000);
    for (const bot of [manual, startOnManual]) {
      expect(codes(e, bot.id).at(-1)).toBe('in_call_not_recording');
      expect(e.recordingsOf(e.get(bot.id))).toEqual([]);
    }
    e.start(manual.id, config());
    expect(codes(e, manual.id).at(-1)).toBe('in_call_recording');
  });

  it('waits in the waiting room when asked through metadata, and fails to join with sandbox_fatal', () => {
    const e = engine();
    const waiting = e.create(input({ metadata: { sandbox_waiting_room_seconds: '10' } }));
    const fatal = e.create(input({ metadata: { sandbox_fatal: 'meeting_not_found' } }));
    wall.advance(4_000);
    expect(codes(e, waiting.id)).toEqual(['joining_call', 'in_waiting_room']);
    expect(e.get(fatal.id).statusChanges.at(-1)).toMatchObject({ code: 'fatal', subCode: 'meeting_not_found' });
    wall.advance(10_000);
    expect(codes(e, waiting.id).slice(0, 3)).toEqual(['joining_call', 'in_waiting_room', 'in_call_not_recording']);
    expect(errorOf(() => e.pause(fatal.id))).toEqual({ status: 400, body: { code: 'cannot_command_completed_bot', detail: expect.any(String) } });
  });

  it('deletes a scheduled bot before dispatch, and refuses with 405 once dispatched', () => {
    const e = engine();
    const scheduled = e.create(input({ join_at: new Date(clock.now() + 3_600_000).toISOString() }));
    const adHoc = e.create(input());
    wall.advance(2_000);
    expect(codes(e, scheduled.id)).toEqual([]);
    e.delete(scheduled.id);
    expect(errorOf(() => e.get(scheduled.id))).toEqual({ status: 404, body: { detail: 'Not found.' } });
    expect(errorOf(() => e.delete(adHoc.id)).status).toBe(405);
  });
});

describe('recording control', () => {
  function inCallRecording(e: BotEngine): string {
    const bot = e.create(input());
    wall.advance(5_000);
    expect(codes(e, bot.id).at(-1)).toBe('in_call_recording');
    return bot.id;
  }

  it('pause/resume keep one recording and the pauses reach the renderer as media time', async () => {
    const e = engine();
    const id = inCallRecording(e);
    const [recording] = e.recordingsOf(e.get(id));
    wall.advance(2_000);
    e.pause(id);
    expect(recording?.status.code).toBe('paused');
    expect(codes(e, id).at(-1)).toBe('in_call_not_recording');
    wall.advance(3_000);
    e.resume(id);
    expect(recording?.status.code).toBe('processing');
    expect(codes(e, id).at(-1)).toBe('in_call_recording');
    wall.advance(1_000);
    e.pause(id);
    wall.advance(1_000);
    e.stop(id);
    expect(e.recordingsOf(e.get(id))).toHaveLength(1);
    await settle(0);
    expect(renderer.rendered).toEqual([{ durationMs: 7_000, pauses: [{ startMs: 2_000, endMs: 5_000 }, { startMs: 6_000, endMs: 7_000 }] }]);
  });

  it('stop ends the recording: processing for at least 3 s, then done with its file', async () => {
    const e = engine();
    const id = inCallRecording(e);
    wall.advance(4_000);
    e.stop(id);
    const recording = e.recordingsOf(e.get(id))[0];
    expect(codes(e, id).at(-1)).toBe('in_call_not_recording');
    expect(recording?.status.code).toBe('processing');
    expect(recording?.completedAt).not.toBeNull();
    await settle(2_999);
    expect(recording?.status.code).toBe('processing');
    await settle(1);
    await vi.waitFor(() => expect(recording?.status.code).toBe('done'));
    const video = recording?.artifacts.video_mixed;
    expect(video?.status.code).toBe('done');
    expect(JSON.parse(await readFile(video?.file?.filePath ?? '', 'utf8'))).toEqual({ durationMs: 4_000, pauses: [] });
    expect(recording?.expiresAt).toBe((recording?.status.updatedAt ?? 0) + 168 * 3_600_000);
  });

  it('start while recording replaces the old recording by default', async () => {
    const e = engine('replace');
    const id = inCallRecording(e);
    const [old] = e.recordingsOf(e.get(id));
    e.start(id, config());
    const now = e.recordingsOf(e.get(id));
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe(old?.id);
    expect(old?.status).toMatchObject({ code: 'deleted', subCode: 'replaced_by_new_recording' });
    expect(old?.artifacts.video_mixed?.status.code).toBe('deleted');
    await settle(5_000);
    expect(renderer.rendered).toEqual([]);
  });

  it('start while recording in keep mode finishes the old recording as its own entry', async () => {
    const e = engine('keep');
    const id = inCallRecording(e);
    wall.advance(1_000);
    e.start(id, config());
    const recordings = e.recordingsOf(e.get(id));
    expect(recordings).toHaveLength(2);
    expect(recordings[0]?.completedAt).not.toBeNull();
    expect(recordings[1]?.completedAt).toBeNull();
    await settle(3_000);
    await vi.waitFor(() => expect(recordings[0]?.status.code).toBe('done'));
  });

  it('refuses commands in the wrong state with specific codes', async () => {
    const e = engine();
    const joining = e.create(input({ recording_config: null }));
    expect(errorOf(() => e.pause(joining.id)).body).toMatchObject({ code: 'cannot_command_unstarted_bot' });
    expect(errorOf(() => e.leave(joining.id)).body).toMatchObject({ code: 'cannot_command_unstarted_bot' });
    wall.advance(4_000);
    expect(errorOf(() => e.pause(joining.id)).body).toMatchObject({ code: 'sandbox_not_recording' });
    expect(errorOf(() => e.resume(joining.id)).body).toMatchObject({ code: 'sandbox_not_paused' });
    expect(errorOf(() => e.stop(joining.id)).body).toMatchObject({ code: 'sandbox_no_active_recording' });
    e.start(joining.id, config());
    expect(errorOf(() => e.resume(joining.id)).body).toMatchObject({ code: 'sandbox_not_paused' });
    e.pause(joining.id);
    expect(errorOf(() => e.pause(joining.id)).body).toMatchObject({ code: 'sandbox_not_recording', detail: 'The recording is already paused.' });
    e.leave(joining.id);
    for (const command of [() => e.pause(joining.id), () => e.start(joining.id, config()), () => e.leave(joining.id)]) {
      expect(errorOf(command)).toEqual({ status: 400, body: { code: 'cannot_command_completed_bot', detail: expect.any(String) } });
    }
    expect(errorOf(() => e.pause('no-such-bot'))).toEqual({ status: 404, body: { detail: 'Not found.' } });
  });

  it('leave_call ends the call, finalizes a paused recording, and reaches done after processing', async () => {
    const e = engine();
    const id = inCallRecording(e);
    wall.advance(2_000);
    e.pause(id);
    wall.advance(1_000);
    e.leave(id);
    expect(e.get(id).statusChanges.at(-1)).toMatchObject({ code: 'call_ended', subCode: 'bot_received_leave_call' });
    const [recording] = e.recordingsOf(e.get(id));
    expect(recording?.completedAt).not.toBeNull();
    await settle(3_000);
    await vi.waitFor(() => expect(recording?.status.code).toBe('done'));
    await settle(1_000);
    expect(codes(e, id).at(-1)).toBe('done');
    expect(renderer.rendered).toEqual([{ durationMs: 3_000, pauses: [{ startMs: 2_000, endMs: 3_000 }] }]);
  });

  it('the host ending the call records call_ended_by_host', () => {
    const e = engine();
    const bot = e.create(input());
    wall.advance(5_000);
    e.hostEndsCall(bot.id);
    expect(e.get(bot.id).statusChanges.at(-1)).toMatchObject({ code: 'call_ended', subCode: 'call_ended_by_host' });
  });
});

describe('retention', () => {
  it('deletes a finished recording at expires_at and removes its file; forever never expires', async () => {
    const e = engine();
    const timed = e.create(input({ recording_config: { retention: { type: 'timed', hours: 1 } } }));
    const forever = e.create(input({ recording_config: { retention: { type: 'forever' } } }));
    wall.advance(5_000);
    e.stop(timed.id);
    e.stop(forever.id);
    await settle(3_000);
    const [t] = e.recordingsOf(e.get(timed.id));
    const [f] = e.recordingsOf(e.get(forever.id));
    await vi.waitFor(() => expect([t?.status.code, f?.status.code]).toEqual(['done', 'done']));
    expect(f?.expiresAt).toBeNull();
    const file = t?.artifacts.video_mixed?.file?.filePath ?? '';
    wall.advance(3_600_000);
    store.expireDue(clock.now());
    expect(t?.status).toMatchObject({ code: 'deleted', subCode: 'retention_expired' });
    expect(t?.artifacts.video_mixed?.status.code).toBe('deleted');
    expect(f?.status.code).toBe('done');
    await vi.waitFor(async () => expect(await readFile(file).catch(() => null)).toBeNull());
  });

  it('zero data retention (retention: null) stores no media: the recording is done, its video deleted, nothing rendered', async () => {
    const e = engine();
    const bot = e.create(input({ recording_config: { retention: null } }));
    wall.advance(5_000);
    e.stop(bot.id);
    await settle(3_000);
    const [recording] = e.recordingsOf(e.get(bot.id));
    await vi.waitFor(() => expect(recording?.status.code).toBe('done'));
    expect(recording?.artifacts.video_mixed?.status).toMatchObject({ code: 'deleted', subCode: 'zero_data_retention' });
    expect(renderer.rendered).toEqual([]);
  });
});
