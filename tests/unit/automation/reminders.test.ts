import { describe, expect, it } from 'vitest';
import { botNotRecordingTimeoutS, DEFAULT_AUTOMATION_SETTINGS, notRecordingSince, Reminders } from '../../../electron/core/automation';
import type { AutomationNotice, AutomationSnapshot, AutomationTarget, ReminderSettings } from '../../../electron/core/automation';
import { BotSchema } from '../../../electron/core/recall';
import type { FakeRecallOptions } from '../control/fakes';
import { controlledBot, settle } from './helpers';

const MIN = 60_000;

interface Overrides {
  pausedReminder?: Partial<ReminderSettings['pausedReminder']>;
  leaveWarning?: Partial<ReminderSettings['leaveWarning']>;
}

async function setup(overrides: Overrides = {}, fakeOpts: FakeRecallOptions = { state: 'recording' }) {
  const bot = await controlledBot(fakeOpts);
  const start = bot.clock.now();
  const notices: AutomationNotice[] = [];
  let settings: ReminderSettings = {
    pausedReminder: { ...DEFAULT_AUTOMATION_SETTINGS.pausedReminder, ...overrides.pausedReminder },
    leaveWarning: { ...DEFAULT_AUTOMATION_SETTINGS.leaveWarning, ...overrides.leaveWarning },
  };
  const reminders = new Reminders({ settings: () => settings, notify: (n) => notices.push(n), clock: bot.clock, timers: bot.clock });
  /** Minutes since the start at which each notice of `kind` came. */
  const minutesOf = (kind: AutomationNotice['kind']) => notices.filter((n) => n.kind === kind).map((n) => (n.at - start) / MIN);
  const press = (action: 'pause' | 'resume' | 'stop' | 'start') => settle(bot.clock, bot.controller.press(action));
  const minutes = (n: number) => bot.clock.advance(n * MIN);
  const change = (next: Overrides) => {
    settings = { pausedReminder: { ...settings.pausedReminder, ...next.pausedReminder }, leaveWarning: { ...settings.leaveWarning, ...next.leaveWarning } };
    reminders.refresh();
  };
  return { ...bot, start, reminders, notices, minutesOf, press, minutes, change };
}

const ALL_ON: Overrides = { pausedReminder: { enabled: true }, leaveWarning: { enabled: true } };

describe('Reminders', () => {
  it('stays silent with the default settings (all off), however long the pause', async () => {
    const { reminders, controller, press, minutes, notices } = await setup();
    reminders.setTarget(controller);
    await press('pause');
    await minutes(120);
    expect(notices).toEqual([]);
  });

  it('reminds at 10 and 20 minutes of a pause, and starts over after a resume', async () => {
    const { reminders, controller, press, minutes, minutesOf, notices, clock, start } = await setup({ pausedReminder: { enabled: true } });
    reminders.setTarget(controller);
    await press('pause');
    const pausedAt = (clock.now() - start) / MIN;
    await minutes(9.9);
    expect(notices).toEqual([]);
    await minutes(0.1);
    await minutes(10);
    expect(minutesOf('paused-reminder').map((m) => Math.round((m - pausedAt) * 100) / 100)).toEqual([10, 20]);
    expect(notices[0]).toMatchObject({ severity: 'warning', title: 'Recording still paused', body: expect.stringContaining('Paused for 10 min') });
    expect(notices[1]?.body).toContain('Paused for 20 min');

    await press('resume');
    await minutes(30);
    expect(minutesOf('paused-reminder')).toHaveLength(2);

    await press('pause');
    const again = (clock.now() - start) / MIN;
    await minutes(10);
    expect(minutesOf('paused-reminder').map((m) => Math.round((m - again) * 100) / 100).at(-1)).toBe(10);
  });

  it('honours a different interval, and a change made mid-pause', async () => {
    const { reminders, controller, press, minutes, minutesOf, change } = await setup({ pausedReminder: { enabled: true, everyMinutes: 5 } });
    reminders.setTarget(controller);
    await press('pause');
    await minutes(11);
    expect(minutesOf('paused-reminder').map(Math.round)).toEqual([5, 10]);
    change({ pausedReminder: { everyMinutes: 15 } });
    await minutes(10);
    expect(minutesOf('paused-reminder').map(Math.round)).toEqual([5, 10, 15]);
  });

  it('does not remind about a stopped recording (only paused), but warns before the bot would leave', async () => {
    const { reminders, controller, press, minutes, minutesOf } = await setup(ALL_ON);
    reminders.setTarget(controller);
    await press('stop');
    await minutes(61);
    expect(minutesOf('paused-reminder')).toEqual([]);
    expect(minutesOf('leave-warning').map(Math.round)).toEqual([55, 59]);
  });

  it('warns 5 and 1 minutes before in_call_not_recording_timeout, counting from the pause', async () => {
    const { reminders, controller, press, minutes, minutesOf, notices, start } = await setup({ leaveWarning: { enabled: true } });
    reminders.setTarget(controller);
    await minutes(3);
    await press('pause');
    await minutes(54.9);
    expect(notices).toEqual([]);
    await minutes(0.1);
    expect(minutesOf('leave-warning')).toEqual([58]);
    expect(notices[0]).toMatchObject({ title: 'The bot may leave the call in about 5 min', severity: 'warning' });
    expect(notices[0]?.body).toContain('Not recording for 55 min. Recall ends a bot that has not recorded for 60 min');
    await minutes(4);
    expect(minutesOf('leave-warning')).toEqual([58, 62]);
    expect(notices[1]?.title).toBe('The bot may leave the call in about 1 min');
    await minutes(30);
    expect(notices).toHaveLength(2);
    expect(reminders.getView()).toMatchObject({ leaveAt: start + 63 * MIN });
  });

  it('uses the configured timeout and warning minutes', async () => {
    const { reminders, controller, press, minutes, minutesOf } = await setup({ leaveWarning: { enabled: true, timeoutSeconds: 1200, minutesBefore: [10, 2] } });
    reminders.setTarget(controller);
    await press('pause');
    await minutes(25);
    expect(minutesOf('leave-warning').map(Math.round)).toEqual([10, 18]);
  });

  it('resuming resets the warnings: the next pause gets the full hour again', async () => {
    const { reminders, controller, press, minutes, minutesOf } = await setup({ leaveWarning: { enabled: true } });
    reminders.setTarget(controller);
    await press('pause');
    await minutes(56);
    await press('resume');
    await minutes(1);
    await press('pause');
    await minutes(60);
    expect(minutesOf('leave-warning').map(Math.round)).toEqual([55, 112, 116]);
  });

  it('when first seen late in a pause, warns at once with the time really left and does not replay reminders', async () => {
    const { reminders, controller, minutes, notices, minutesOf } = await setup(ALL_ON, { state: 'paused' });
    await minutes(57);
    reminders.setTarget(controller);
    expect(notices.map((n) => n.kind)).toEqual(['leave-warning']);
    expect(notices[0]?.title).toBe('The bot may leave the call in about 3 min');
    await minutes(3);
    expect(minutesOf('leave-warning')).toEqual([57, 59]);
    expect(minutesOf('paused-reminder')).toEqual([60]);
  });

  it('says nothing about a bot already past its timeout or not in a call', async () => {
    const late = await setup(ALL_ON, { state: 'not_recording' });
    await late.minutes(90);
    late.reminders.setTarget(late.controller);
    await late.minutes(30);
    expect(late.notices).toEqual([]);

    const joining = await setup(ALL_ON, { state: 'joining' });
    joining.reminders.setTarget(joining.controller);
    await joining.minutes(120);
    expect(joining.notices).toEqual([]);
    expect(joining.reminders.getView()).toMatchObject({ pausedSince: null, leaveAt: null });
  });

  it('does not repeat a warning when the state is briefly unknown', async () => {
    const { reminders, controller, press, minutes, clock, minutesOf } = await setup({ leaveWarning: { enabled: true } });
    let flicker: 'unknown' | null = null;
    let listener: ((s: AutomationSnapshot) => void) | null = null;
    const target: AutomationTarget = {
      botId: controller.botId,
      press: (action, options) => controller.press(action, options),
      getSnapshot: () => ({ ...controller.getSnapshot(), ...(flicker && { live: flicker }) }),
      subscribe: (l) => {
        listener = l;
        return () => undefined;
      },
    };
    const emit = () => listener?.(target.getSnapshot());
    reminders.setTarget(target);
    await press('pause');
    emit();
    await minutes(56);
    flicker = 'unknown';
    emit();
    expect(reminders.getView()).toMatchObject({ leaveAt: null });
    flicker = null;
    emit();
    await clock.advance(0);
    expect(minutesOf('leave-warning').map(Math.round)).toEqual([55]);
    await minutes(4);
    expect(minutesOf('leave-warning').map(Math.round)).toEqual([55, 59]);
  });

  it('stops when the bot is deselected', async () => {
    const { reminders, controller, press, minutes, notices } = await setup(ALL_ON);
    reminders.setTarget(controller);
    await press('pause');
    reminders.setTarget(null);
    await minutes(120);
    expect(notices).toEqual([]);
  });
});

describe('notRecordingSince / botNotRecordingTimeoutS', () => {
  const bot = (changes: Array<[string, string]>, extra: Record<string, unknown> = {}) =>
    BotSchema.parse({ id: 'b', status_changes: changes.map(([code, created_at]) => ({ code, created_at })), recordings: [], ...extra });

  it('is the time the bot last left in_call_recording, or entered the call if it never recorded', () => {
    expect(notRecordingSince(bot([['joining_call', '2025-06-01T10:00:00Z'], ['in_call_not_recording', '2025-06-01T10:01:00Z']]))).toBe(Date.parse('2025-06-01T10:01:00Z'));
    const history = bot([
      ['in_call_not_recording', '2025-06-01T10:01:00Z'],
      ['in_call_recording', '2025-06-01T10:02:00Z'],
      ['in_call_not_recording', '2025-06-01T10:30:00Z'],
      ['participant_in_waiting_room', '2025-06-01T10:31:00Z'],
      ['in_call_not_recording', '2025-06-01T10:40:00Z'],
    ]);
    expect(notRecordingSince(history)).toBe(Date.parse('2025-06-01T10:30:00Z'));
  });

  it('is null while recording or after the call', () => {
    expect(notRecordingSince(bot([['in_call_recording', '2025-06-01T10:02:00Z']]))).toBeNull();
    expect(notRecordingSince(bot([['in_call_not_recording', '2025-06-01T10:01:00Z'], ['call_ended', '2025-06-01T10:05:00Z']]))).toBeNull();
  });

  it('reads the bot’s own timeout when it reports a usable one', () => {
    expect(botNotRecordingTimeoutS(bot([], { automatic_leave: { in_call_not_recording_timeout: 7200 } }))).toBe(7200);
    expect(botNotRecordingTimeoutS(bot([], { automatic_leave: { in_call_not_recording_timeout: 'soon' } }))).toBeNull();
    expect(botNotRecordingTimeoutS(bot([], { automatic_leave: null }))).toBeNull();
    expect(botNotRecordingTimeoutS(bot([]))).toBeNull();
  });
});
