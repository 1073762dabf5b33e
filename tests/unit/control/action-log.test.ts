import { describe, expect, it } from 'vitest';
import { ActionLog, pauseSpansFromLog, recordingStatusTransition, statusTransitionsFromBot } from '../../../electron/core/control/action-log';
import type { ActionLogEntry, StatusTransition } from '../../../electron/core/control/action-log';
import { recordingClockOf, readRecordingClock } from '../../../electron/core/control/recording-clock';
import { decideAction, confirmationOf, targetStateOf } from '../../../electron/core/control/actions';
import { BotSchema } from '../../../electron/core/recall';
import { FakeClock, FakeRecall, T0 } from './fakes';

const base: Omit<ActionLogEntry, 'kind' | 'seq' | 'pressed' | 'action' | 'confirmedAt' | 'recordingId' | 'outcome'> = {
  idempotencyKey: 'k',
  pressedAt: 0,
  requestedAt: 0,
  respondedAt: 0,
  finishedAt: 0,
  errorKind: null,
  message: null,
};

function logOf(entries: Array<[ActionLogEntry['action'], number | null, string | null, ActionLogEntry['outcome']?]>): readonly ActionLogEntry[] {
  const log = new ActionLog();
  for (const [action, confirmedAt, recordingId, outcome] of entries) {
    log.add({ ...base, pressed: action ?? 'pause', action, confirmedAt, recordingId, outcome: outcome ?? 'confirmed' });
  }
  return log.list();
}

const status = (at: number, state: StatusTransition['state'], recordingId: string | null = 'r1'): StatusTransition => ({ kind: 'status', at, recordingId, state });

describe('pauseSpansFromLog', () => {
  it('pairs confirmed pauses and resumes by confirmation time', () => {
    const log = logOf([
      ['pause', 100, 'r1'],
      ['resume', 250, 'r1'],
      ['pause', 400, 'r1'],
    ]);
    expect(pauseSpansFromLog(log)).toEqual([
      { pausedAt: 100, resumedAt: 250 },
      { pausedAt: 400, resumedAt: null },
    ]);
  });

  it('ignores failed, refused and unconfirmed entries', () => {
    const log = logOf([
      ['pause', null, 'r1', 'failed'],
      ['pause', 100, 'r1', 'refused'],
      ['pause', 300, 'r1'],
      ['resume', 350, 'r1'],
    ]);
    expect(pauseSpansFromLog(log)).toEqual([{ pausedAt: 300, resumedAt: 350 }]);
  });

  it('filters by recording and closes a span left open by a stop', () => {
    const log = logOf([
      ['pause', 100, 'r1'],
      ['stop', 200, 'r1'],
      ['start', 300, 'r2'],
      ['pause', 400, 'r2'],
      ['resume', 500, 'r2'],
    ]);
    expect(pauseSpansFromLog(log, 'r1')).toEqual([{ pausedAt: 100, resumedAt: null }]);
    expect(pauseSpansFromLog(log, 'r2')).toEqual([{ pausedAt: 400, resumedAt: 500 }]);
    expect(pauseSpansFromLog(log)).toEqual([
      { pausedAt: 100, resumedAt: null },
      { pausedAt: 400, resumedAt: 500 },
    ]);
  });

  it('accepts polled transitions, alone or mixed with the log, counting each pause once', () => {
    const transitions = [status(90, 'paused'), status(240, 'recording'), status(600, 'stopped')];
    expect(pauseSpansFromLog(transitions, 'r1')).toEqual([{ pausedAt: 90, resumedAt: 240 }]);
    const mixed = [...logOf([['pause', 100, 'r1'], ['resume', 250, 'r1']]), ...transitions];
    expect(pauseSpansFromLog(mixed, 'r1')).toEqual([{ pausedAt: 90, resumedAt: 240 }]);
  });
});

describe('transitions from Recall data', () => {
  it("reads pauses from the bot's status history within the recording's lifetime", async () => {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'not_recording' });
    await clock.advance(1_000);
    fake.setState('recording');
    await clock.advance(10_000);
    fake.setState('paused');
    await clock.advance(5_000);
    fake.setState('recording');
    await clock.advance(5_000);
    fake.setState('not_recording');
    const transitions = statusTransitionsFromBot(fake.snapshotBot());
    expect(pauseSpansFromLog(transitions, 'rec-1')).toEqual([{ pausedAt: T0 + 11_000, resumedAt: T0 + 16_000 }]);
  });

  it('stamps a recording status with its updated_at, else the observation time', () => {
    const bot = BotSchema.parse({
      id: 'b',
      recordings: [
        { id: 'r1', created_at: '2025-06-01T10:00:00Z', status: { code: 'paused', updated_at: '2025-06-01T10:01:00Z' } },
        { id: 'r2', created_at: '2025-06-01T10:02:00Z', status: { code: 'processing' } },
      ],
    });
    expect(recordingStatusTransition(bot.recordings[0]!, 5)).toEqual({ kind: 'status', at: Date.parse('2025-06-01T10:01:00Z'), recordingId: 'r1', state: 'paused' });
    expect(recordingStatusTransition(bot.recordings[1]!, 5)).toEqual({ kind: 'status', at: 5, recordingId: 'r2', state: 'recording' });
  });
});

describe('recording clock', () => {
  const recording = BotSchema.parse({ id: 'b', recordings: [{ id: 'r1', created_at: '2025-06-01T10:00:00Z', started_at: '2025-06-01T10:00:00Z' }] }).recordings[0]!;

  it('runs while recording and subtracts closed pauses', () => {
    const clock = recordingClockOf(recording, [{ pausedAt: T0 + 10_000, resumedAt: T0 + 40_000 }], true, T0 + 60_000);
    expect(clock).toEqual({ recordingId: 'r1', baseMs: 30_000, runningSince: T0 + 60_000 });
    expect(readRecordingClock(clock, T0 + 61_000)).toBe(31_000);
  });

  it('freezes at the pause while paused', () => {
    const clock = recordingClockOf(recording, [{ pausedAt: T0 + 10_000, resumedAt: null }], false, T0 + 60_000);
    expect(clock).toEqual({ recordingId: 'r1', baseMs: 10_000, runningSince: null });
    expect(readRecordingClock(clock, T0 + 99_000)).toBe(10_000);
  });

  it('never reads below zero when the local clock is behind Recall', () => {
    expect(recordingClockOf(recording, [], true, T0 - 5_000)?.baseMs).toBe(0);
    expect(readRecordingClock(null, T0)).toBe(0);
  });
});

describe('action rules', () => {
  it('resolves toggle-pause by state and refuses it in an unknown state', () => {
    expect(decideAction('recording', 'toggle-pause')).toEqual({ kind: 'send', action: 'pause' });
    expect(decideAction('paused', 'toggle-pause')).toEqual({ kind: 'send', action: 'resume' });
    expect(decideAction('unknown', 'toggle-pause')).toMatchObject({ kind: 'refuse', code: 'state_unknown' });
  });

  it('lets explicit actions through in an unknown state (Recall decides)', () => {
    for (const action of ['pause', 'resume', 'stop', 'start', 'leave'] as const) {
      expect(decideAction('unknown', action)).toEqual({ kind: 'send', action });
    }
  });

  it('asks for confirmation before Start overwrites a running or paused recording', () => {
    expect(decideAction('recording', 'start')).toEqual({ kind: 'needs_confirmation', action: 'start' });
    expect(decideAction('paused', 'start')).toEqual({ kind: 'needs_confirmation', action: 'start' });
    expect(decideAction('not_recording', 'start')).toEqual({ kind: 'send', action: 'start' });
  });

  it('confirms stop by the bot ending, but reports a pause as cut short', () => {
    const ended = BotSchema.parse({ id: 'b', status_changes: [{ code: 'done', created_at: '2025-06-01T10:00:00Z' }] });
    expect(confirmationOf('stop', null, ended)).toBe('confirmed');
    expect(confirmationOf('leave', null, ended)).toBe('confirmed');
    expect(confirmationOf('pause', null, ended)).toBe('bot_left');
  });

  it('targets the state a confirmed action leads to', () => {
    expect(targetStateOf('pause', 'recording')).toBe('paused');
    expect(targetStateOf('toggle-pause', 'paused')).toBe('recording');
    expect(targetStateOf('toggle-pause', 'not_recording')).toBeNull();
    expect(targetStateOf('leave', 'recording')).toBe('ended');
  });
});
