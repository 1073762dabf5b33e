// Live recording state, current status, latest recording and recorded time, derived from Bot
// payloads the way the tray and the CLI show them (recall-api.md §9.6).
import { describe, expect, test } from 'vitest';
import {
  BotSchema,
  currentStatus,
  latestRecording,
  liveRecordingState,
  recordedTime,
  type Bot,
  type LiveRecordingState,
} from '../../../electron/core/recall';
import { botFixture } from '../../fixtures/recall';

const T0 = Date.parse('2025-06-10T14:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function bot(codes: string[], recordings: Array<{ id?: string; status: string | null; started?: number | null; created?: number }> = []): Bot {
  return BotSchema.parse({
    id: 'bot-1',
    status_changes: codes.map((code, i) => ({ code, message: null, sub_code: null, created_at: at(i) })),
    recordings: recordings.map((r, i) => ({
      id: r.id ?? `rec-${i}`,
      created_at: at(r.created ?? i),
      started_at: r.started === null ? null : at(r.started ?? i),
      status: r.status === null ? null : { code: r.status, sub_code: null, updated_at: at(i) },
      media_shortcuts: null,
    })),
  });
}

describe('liveRecordingState', () => {
  test.each<[string, LiveRecordingState]>([
    ['in_call_recording', 'recording'],
    ['in_call_not_recording', 'not_recording'],
    ['recording_permission_allowed', 'not_recording'],
    ['recording_done', 'not_recording'],
    ['recording_permission_denied', 'not_recording'],
    ['created', 'joining'],
    ['ready', 'joining'],
    ['joining_call', 'joining'],
    ['in_waiting_room', 'joining'],
    ['call_ended', 'ended'],
    ['done', 'ended'],
    ['media_expired', 'ended'],
    ['analysis_done', 'ended'],
    ['analysis_failed', 'ended'],
    ['fatal', 'fatal'],
    ['some_code_recall_adds_next_year', 'unknown'],
  ])('last status %s → %s', (code, expected) => {
    expect(liveRecordingState(bot(['joining_call', code]))).toBe(expected);
  });

  test('a freshly created bot with no status yet is joining', () => {
    expect(liveRecordingState(bot([]))).toBe('joining');
  });

  test('in_call_not_recording while the latest recording is paused → paused', () => {
    expect(liveRecordingState(bot(['joining_call', 'in_call_recording', 'in_call_not_recording'], [{ status: 'paused' }]))).toBe('paused');
  });

  test('an OLDER paused recording does not make a newer, stopped one look paused', () => {
    const b = bot(['in_call_recording', 'in_call_not_recording'], [
      { id: 'new', status: 'done', started: 10 },
      { id: 'old', status: 'paused', started: 1 },
    ]);
    expect(liveRecordingState(b)).toBe('not_recording');
  });

  test('a paused recording does not override a bot that is recording or has ended', () => {
    expect(liveRecordingState(bot(['in_call_recording'], [{ status: 'paused' }]))).toBe('recording');
    expect(liveRecordingState(bot(['in_call_recording', 'call_ended'], [{ status: 'paused' }]))).toBe('ended');
  });

  test('status order is by time, not array order', () => {
    const b = BotSchema.parse({
      id: 'b',
      status_changes: [
        { code: 'in_call_recording', message: null, sub_code: null, created_at: at(5) },
        { code: 'joining_call', message: null, sub_code: null, created_at: at(0) },
      ],
    });
    expect(liveRecordingState(b)).toBe('recording');
  });

  test('the informational participant_in_waiting_room does not hide the recording state', () => {
    expect(liveRecordingState(bot(['in_call_recording', 'participant_in_waiting_room']))).toBe('recording');
  });

  test('sample payloads: created, recording, paused, stopped, ended', () => {
    expect(liveRecordingState(botFixture('bot-created'))).toBe('joining');
    expect(liveRecordingState(botFixture('bot-recording'))).toBe('recording');
    expect(liveRecordingState(botFixture('bot-paused'))).toBe('paused');
    expect(liveRecordingState(botFixture('bot-stopped'))).toBe('not_recording');
    expect(liveRecordingState(botFixture('bot-ended'))).toBe('ended');
  });
});

describe('currentStatus', () => {
  test('is the latest status change, with its sub_code', () => {
    expect(currentStatus(botFixture('bot-ended'))).toMatchObject({ code: 'done' });
    const ended = bot(['joining_call', 'call_ended']);
    expect(currentStatus(ended)?.code).toBe('call_ended');
  });

  test('is null when there is no status yet', () => {
    expect(currentStatus(botFixture('bot-created'))).toBeNull();
  });

  test('equal timestamps fall back to array order (chronological per Recall)', () => {
    const b = BotSchema.parse({
      id: 'b',
      status_changes: [
        { code: 'in_call_recording', message: null, sub_code: null, created_at: at(1) },
        { code: 'in_call_not_recording', message: null, sub_code: null, created_at: at(1) },
      ],
    });
    expect(currentStatus(b)?.code).toBe('in_call_not_recording');
  });
});

describe('latestRecording', () => {
  test('is chosen by started_at, not array position', () => {
    const stopped = botFixture('bot-stopped');
    expect(stopped.recordings[0]!.id).toBe('a4b5c6d7-e8f9-4a0b-9c2d-3e4f5a6b7c84');
    expect(latestRecording(stopped)?.id).toBe('a4b5c6d7-e8f9-4a0b-9c2d-3e4f5a6b7c84');
    const reversed = { ...stopped, recordings: [...stopped.recordings].reverse() };
    expect(latestRecording(reversed)?.id).toBe('a4b5c6d7-e8f9-4a0b-9c2d-3e4f5a6b7c84');
  });

  test('falls back to created_at when a recording has not started', () => {
    const b = bot([], [
      { id: 'started-earlier', status: 'done', started: 3 },
      { id: 'not-started', status: null, started: null, created: 9 },
    ]);
    expect(latestRecording(b)?.id).toBe('not-started');
  });

  test('is null without recordings', () => {
    expect(latestRecording(botFixture('bot-created'))).toBeNull();
  });
});

describe('recordedTime', () => {
  test('a paused recording counts only the recorded part; the pause grows with the clock', () => {
    const paused = botFixture('bot-paused');
    const rec = latestRecording(paused)!;
    const now = Date.parse('2025-06-10T14:12:00Z');
    expect(recordedTime(paused, rec, now)).toEqual({ recordedMs: 8 * 60_000, pausedMs: 2 * 60_000, spanMs: 10 * 60_000 });
  });

  test('a running recording keeps counting up to now', () => {
    const recording = botFixture('bot-recording');
    const rec = latestRecording(recording)!;
    expect(recordedTime(recording, rec, Date.parse('2025-06-10T14:05:30Z'))?.recordedMs).toBe(210_000);
  });

  test('a finished recording is bounded by completed_at and ignores other recordings’ periods', () => {
    const stopped = botFixture('bot-stopped');
    const [latest, first] = stopped.recordings;
    const later = Date.parse('2025-06-10T18:00:00Z');
    expect(recordedTime(stopped, latest!, later)).toEqual({ recordedMs: 10 * 60_000, pausedMs: 0, spanMs: 10 * 60_000 });
    expect(recordedTime(stopped, first!, later)).toEqual({ recordedMs: 3 * 60_000, pausedMs: 0, spanMs: 3 * 60_000 });
  });

  test('a call that ended while recording stops counting at the end', () => {
    const ended = botFixture('bot-ended');
    expect(recordedTime(ended, latestRecording(ended)!, Date.parse('2025-06-10T00:00:00Z'))?.recordedMs).toBe(44 * 60_000);
  });
});
