// What confirms a control action: the live state each action leads to, and a Start while a
// recording runs counting only once a NEW recording shows. (Refusals, sending and waiting are
// the RecordingController's: tests/unit/control.)
import { describe, expect, test } from 'vitest';
import { BotSchema, confirmsAction, describeState, expectedState, type Bot, type ControlAction, type LiveRecordingState } from '../../../electron/core/recall';
import { botFixture } from '../../fixtures/recall';

function withStatus(base: Bot, code: string, minute: number, recordingStatus?: string): Bot {
  const next = structuredClone(base);
  next.status_changes.push({ code, message: null, sub_code: null, created_at: new Date(Date.parse('2025-06-10T15:00:00Z') + minute * 60_000).toISOString() });
  if (recordingStatus) next.recordings[0]!.status = { code: recordingStatus, sub_code: null, updated_at: next.status_changes.at(-1)!.created_at };
  return BotSchema.parse(next);
}

describe('expectedState', () => {
  test.each<[ControlAction, LiveRecordingState]>([
    ['pause', 'paused'],
    ['resume', 'recording'],
    ['start', 'recording'],
    ['stop', 'not_recording'],
    ['leave', 'ended'],
  ])('%s → %s', (action, state) => {
    expect(expectedState(action)).toBe(state);
  });
});

describe('confirmsAction', () => {
  test('pause is confirmed by the paused state, not by the recording still running', () => {
    const recording = botFixture('bot-recording');
    const confirms = confirmsAction('pause', recording);
    expect(confirms(recording)).toBe(false);
    expect(confirms(withStatus(recording, 'in_call_not_recording', 1, 'paused'))).toBe(true);
  });

  test('a forced start is confirmed only by a NEW recording, not by the old one still running', () => {
    const before = botFixture('bot-recording');
    const confirms = confirmsAction('start', before);
    expect(confirms(before)).toBe(false);
    const restarted = structuredClone(before);
    restarted.recordings.push({ ...structuredClone(before.recordings[0]!), id: 'new-recording', started_at: '2025-06-10T14:30:00.000000Z' });
    expect(confirms(BotSchema.parse(restarted))).toBe(true);
  });

  test('a start after a stop is confirmed once its new recording appears, not by the status alone', () => {
    const stopped = botFixture('bot-stopped');
    const confirms = confirmsAction('start', stopped);
    const statusOnly = withStatus(stopped, 'in_call_recording', 1);
    expect(confirms(statusOnly)).toBe(false);
    const started = structuredClone(statusOnly);
    started.recordings.push({ ...structuredClone(stopped.recordings[0]!), id: 'new-recording', started_at: '2025-06-10T15:01:00.000000Z', completed_at: null });
    expect(confirms(BotSchema.parse(started))).toBe(true);
  });
});

describe('describeState', () => {
  test('says every state in words', () => {
    expect(describeState('not_recording')).toBe('in the call, not recording');
    expect(describeState('unknown')).toBe('in an unknown state');
  });
});
