// Control actions end in a confirmed state: refusals before sending, polling until a re-read
// shows the new state, and a clear "not confirmed" outcome when it never does.
import { describe, expect, test } from 'vitest';
import {
  BotSchema,
  confirmsAction,
  expectedState,
  performControl,
  refusal,
  waitForState,
  type Bot,
  type ControlAction,
  type LiveRecordingState,
} from '../../../electron/core/recall';
import { botFixture } from '../../fixtures/recall';

/** A virtual clock: sleeping advances it, so timeouts are exact and instant. */
function clock() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}

/** A bot whose reads are scripted: each getBot returns the next bot, the last one repeats. */
function fakeClient(reads: Bot[]) {
  const calls: string[] = [];
  let i = 0;
  const read = async (): Promise<Bot> => reads[Math.min(i++, reads.length - 1)]!;
  const command = (name: string) => async (): Promise<Bot> => {
    calls.push(name);
    return reads[0]!;
  };
  return {
    calls,
    reads: () => i,
    client: {
      getBot: read,
      pauseRecording: command('pause'),
      resumeRecording: command('resume'),
      startRecording: command('start'),
      stopRecording: command('stop'),
      leaveCall: command('leave'),
    },
  };
}

function withStatus(base: Bot, code: string, minute: number, recordingStatus?: string): Bot {
  const next = structuredClone(base);
  next.status_changes.push({ code, message: null, sub_code: null, created_at: new Date(Date.parse('2025-06-10T15:00:00Z') + minute * 60_000).toISOString() });
  if (recordingStatus) next.recordings[0]!.status = { code: recordingStatus, sub_code: null, updated_at: next.status_changes.at(-1)!.created_at };
  return BotSchema.parse(next);
}

describe('expectedState and refusal', () => {
  test.each<[ControlAction, LiveRecordingState]>([
    ['pause', 'paused'],
    ['resume', 'recording'],
    ['start', 'recording'],
    ['stop', 'not_recording'],
    ['leave', 'ended'],
  ])('%s is confirmed by %s', (action, state) => {
    expect(expectedState(action)).toBe(state);
  });

  test('meaningless actions are refused with the reason a user understands', () => {
    expect(refusal('pause', 'not_recording')?.message).toBe('Not recording — nothing to pause');
    expect(refusal('pause', 'paused')).toMatchObject({ message: 'Already paused — nothing to do', alreadyInTarget: true });
    expect(refusal('resume', 'recording')?.message).toBe('Already recording — nothing to resume');
    expect(refusal('resume', 'not_recording')?.message).toMatch(/Nothing is paused/);
    expect(refusal('stop', 'not_recording')?.message).toBe('Not recording — nothing to stop');
    expect(refusal('pause', 'joining')?.message).toMatch(/not joined the call yet/);
    expect(refusal('stop', 'ended')?.message).toMatch(/left the call/);
    expect(refusal('leave', 'ended')?.message).toBe('The bot has already left the call');
    expect(refusal('start', 'fatal')?.message).toMatch(/failed/);
  });

  test('allowed actions are not refused; an unknown state lets Recall decide', () => {
    expect(refusal('pause', 'recording')).toBeNull();
    expect(refusal('resume', 'paused')).toBeNull();
    expect(refusal('stop', 'paused')).toBeNull();
    expect(refusal('start', 'not_recording')).toBeNull();
    expect(refusal('leave', 'recording')).toBeNull();
    for (const action of ['pause', 'resume', 'start', 'stop', 'leave'] as const) expect(refusal(action, 'unknown')).toBeNull();
  });

  test('start while recording or paused would overwrite: refused unless forced', () => {
    expect(refusal('start', 'recording')).toEqual({ message: 'Start would overwrite the current recording', overridable: true });
    expect(refusal('start', 'paused')?.message).toBe('Start would overwrite the current (paused) recording');
    expect(refusal('start', 'recording', { force: true })).toBeNull();
  });

  test('a forced start is confirmed only by a NEW recording, not by the old one still running', () => {
    const before = botFixture('bot-recording');
    const confirms = confirmsAction('start', before);
    expect(confirms(before)).toBe(false);
    const restarted = structuredClone(before);
    restarted.recordings.push({ ...structuredClone(before.recordings[0]!), id: 'new-recording', started_at: '2025-06-10T14:30:00.000000Z' });
    expect(confirms(BotSchema.parse(restarted))).toBe(true);
  });
});

describe('waitForState', () => {
  const recording = botFixture('bot-recording');
  const paused = withStatus(recording, 'in_call_not_recording', 1, 'paused');
  const isPaused = confirmsAction('pause', recording);

  test('re-reads with a growing backoff until the state is confirmed', async () => {
    const c = clock();
    const fake = fakeClient([recording, recording, recording, paused]);
    const result = await waitForState(fake.client, 'b', isPaused, { timeoutMs: 10_000, sleep: c.sleep, now: c.now });
    expect(result.confirmed).toBe(true);
    expect(c.sleeps).toEqual([200, 400, 800]);
  });

  test('reads at least once even when the state already holds', async () => {
    const c = clock();
    const fake = fakeClient([paused]);
    expect((await waitForState(fake.client, 'b', isPaused, { timeoutMs: 0, sleep: c.sleep, now: c.now })).confirmed).toBe(true);
    expect(fake.reads()).toBe(1);
  });

  test('gives up exactly at the timeout with the last bot read', async () => {
    const c = clock();
    const fake = fakeClient([recording]);
    const result = await waitForState(fake.client, 'b', isPaused, { timeoutMs: 3_000, sleep: c.sleep, now: c.now });
    expect(result).toEqual({ confirmed: false, bot: recording });
    expect(c.sleeps).toEqual([200, 400, 800, 1000, 600]);
  });

  test('stops early when giveUp says the target is unreachable', async () => {
    const c = clock();
    const ended = withStatus(recording, 'call_ended', 1);
    const fake = fakeClient([recording, ended]);
    const result = await waitForState(fake.client, 'b', isPaused, { timeoutMs: 60_000, sleep: c.sleep, now: c.now, giveUp: (b) => b === ended });
    expect(result.confirmed).toBe(false);
    expect(fake.reads()).toBe(2);
  });

  test('an abort during the wait ends it as aborted', async () => {
    const controller = new AbortController();
    const fake = fakeClient([recording]);
    const sleep = () => {
      controller.abort();
      return new Promise<void>(() => {});
    };
    await expect(waitForState(fake.client, 'b', isPaused, { timeoutMs: 60_000, sleep, signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('performControl', () => {
  const recording = botFixture('bot-recording');
  const paused = withStatus(recording, 'in_call_not_recording', 1, 'paused');

  test('refuses before sending anything when the state makes the action meaningless', async () => {
    const c = clock();
    const fake = fakeClient([botFixture('bot-stopped')]);
    const outcome = await performControl(fake.client, 'b', 'pause', { timeoutMs: 5_000, sleep: c.sleep, now: c.now });
    expect(outcome).toMatchObject({ status: 'refused', message: 'Not recording — nothing to pause', state: 'not_recording' });
    expect(fake.calls).toEqual([]);
  });

  test('sends the action and confirms it by re-reading', async () => {
    const c = clock();
    const fake = fakeClient([recording, recording, paused]);
    const outcome = await performControl(fake.client, 'b', 'pause', { timeoutMs: 5_000, sleep: c.sleep, now: c.now });
    expect(outcome).toMatchObject({ status: 'confirmed', before: 'recording', state: 'paused', message: 'Paused' });
    expect(fake.calls).toEqual(['pause']);
  });

  test('reports an unconfirmed action with the state the bot still reports', async () => {
    const c = clock();
    const fake = fakeClient([recording]);
    const outcome = await performControl(fake.client, 'b', 'pause', { timeoutMs: 2_000, sleep: c.sleep, now: c.now });
    expect(outcome).toMatchObject({ status: 'unconfirmed', state: 'recording' });
    expect(outcome.message).toBe('Pause was sent but not confirmed within 2 s — the bot still reports recording');
    expect(c.now()).toBe(2_000);
  });

  test('start while recording is refused as overridable, and sent when forced', async () => {
    const c = clock();
    const fake = fakeClient([recording]);
    const refused = await performControl(fake.client, 'b', 'start', { timeoutMs: 1_000, sleep: c.sleep, now: c.now });
    expect(refused).toMatchObject({ status: 'refused', refusal: { overridable: true } });
    expect(fake.calls).toEqual([]);
    const forced = await performControl(fake.client, 'b', 'start', { timeoutMs: 1_000, force: true, sleep: c.sleep, now: c.now });
    expect(forced.status).toBe('unconfirmed');
    expect(fake.calls).toEqual(['start']);
  });

  test('a bot that ends while waiting is reported at once, not after the full timeout', async () => {
    const c = clock();
    const ended = withStatus(recording, 'call_ended', 1);
    const fake = fakeClient([recording, ended]);
    const outcome = await performControl(fake.client, 'b', 'pause', { timeoutMs: 60_000, sleep: c.sleep, now: c.now });
    expect(outcome).toMatchObject({ status: 'unconfirmed', state: 'ended', message: 'Pause was sent but the bot is now ended' });
    expect(c.now()).toBeLessThan(60_000);
  });
});
