// The automation service on its own (a real controller on a fake bot, no poller, injected clock):
// the tray line counts down on its own timer, settings changes re-evaluate, notices are routed by
// severity, a disposed service stays silent, and the window view is plain data.
import { describe, expect, it } from 'vitest';
import { createAutomationService } from '../../../electron/core/app/automation';
import type { AutomationServiceDeps } from '../../../electron/core/app/automation';
import { RecordingController } from '../../../electron/core/control';
import type { EventMap, EventName, Notice } from '../../../electron/contract';
import { MemorySettingsStore, RecordingNotifier } from '../../e2e/host/memory-ports';
import { FakeClock, FakeRecall } from '../control/fakes';

function setup(state: 'recording' | 'paused' | 'not_recording', platform = 'linux') {
  const clock = new FakeClock();
  const bot = new FakeRecall(clock, { state });
  const controller = new RecordingController({ botId: bot.botId, client: bot, clock, timers: clock });
  const settings = new MemorySettingsStore({ platform, now: () => clock.now() });
  const notifier = new RecordingNotifier();
  const notices: Notice[] = [];
  const events: Array<{ event: EventName; payload: unknown }> = [];
  let changes = 0;
  let target: RecordingController | null = controller;
  const deps: AutomationServiceDeps = {
    settings,
    target: () => target,
    notifier,
    announce: (notice) => notices.push(notice),
    notifyOutcome: () => undefined,
    events: { emit: <E extends EventName>(event: E, payload: EventMap[E]) => void events.push({ event, payload }) },
    clock,
    timers: clock,
    platform,
    onChange: () => {
      changes += 1;
      service.sync();
    },
  };
  const service = createAutomationService(deps);
  return {
    clock,
    bot,
    controller,
    settings,
    notifier,
    notices,
    service,
    changes: () => changes,
    views: () => events.filter((e) => e.event === 'automation:changed').map((e) => e.payload),
    select: (next: RecordingController | null) => {
      target = next;
      service.sync();
    },
  };
}

describe('createAutomationService', () => {
  it('counts the leave line down on its own timer, without any poll', async () => {
    const s = setup('not_recording');
    await s.controller.refresh();
    s.settings.update({ automation: { leaveWarning: { timeoutSeconds: 900 } } });
    s.service.sync();
    // 15 min to go: the line appears once it is 10 min.
    expect(s.service.trayLine()).toBeNull();
    await s.clock.advance(5 * 60_000);
    expect(s.changes()).toBe(1);
    expect(s.service.trayLine()).toBe('The bot may leave in 10 min unless recording');
    await s.clock.advance(60_001);
    expect(s.changes()).toBe(2);
    expect(s.service.trayLine()).toBe('The bot may leave in 9 min unless recording');
    await s.clock.advance(9 * 60_000);
    expect(s.service.trayLine()).toBe('The bot may leave any moment: not recording');
    const ticks = s.changes();
    await s.clock.advance(10 * 60_000);
    expect(s.changes()).toBe(ticks);
  });

  it('publishes automation:changed only when the view changes, as plain data', async () => {
    const s = setup('recording', 'darwin');
    await s.controller.refresh();
    s.service.sync();
    s.service.sync();
    expect(s.views()).toEqual([
      {
        settings: {
          autoPause: { onLock: false, onSuspend: false, resumeOnUnlock: false },
          pausedReminder: { enabled: false, everyMinutes: 10 },
          leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
        },
        autoPause: null,
        trayLine: null,
        pausedSince: null,
        leaveAt: null,
        lockDetection: 'events',
      },
    ]);
    expect(JSON.parse(JSON.stringify(s.views()[0]))).toEqual(s.views()[0]);
  });

  it('a settings change through the handler is saved and re-evaluates the reminders at once', async () => {
    const s = setup('paused');
    await s.controller.refresh();
    s.service.sync();
    await s.clock.advance(25 * 60_000);
    expect(s.notifier.shown).toEqual([]);
    const view = await s.service.handlers['automation:update']({ pausedReminder: { enabled: true, everyMinutes: 10 }, leaveWarning: { enabled: true } });
    expect(view.settings.pausedReminder).toEqual({ enabled: true, everyMinutes: 10 });
    expect(s.settings.get().automation.leaveWarning.enabled).toBe(true);
    // Switched on 25 min into the pause: what fell due meanwhile is not replayed; the 30-min one comes.
    await s.clock.advance(5 * 60_000);
    expect(s.notifier.shown.map((n) => n.kind === 'notice' && n.title)).toEqual(['Recording still paused']);
    expect(s.notices.at(-1)).toEqual({ level: 'warning', message: "Recording still paused. Paused for 30 min — nothing is being recorded or transcribed. Resume when you're ready." });
  });

  it('leaves the old bot alone once another (or none) is selected', async () => {
    const s = setup('recording');
    await s.controller.refresh();
    s.settings.update({ automation: { autoPause: { onLock: true } } });
    s.select(null);
    await s.service.handlePowerEvent('lock-screen');
    expect(s.bot.posts()).toEqual([]);
    expect(s.service.trayLine()).toBeNull();
  });

  it('once disposed: no line, no notice, no action', async () => {
    const s = setup('recording');
    await s.controller.refresh();
    s.settings.update({ automation: { autoPause: { onLock: true }, pausedReminder: { enabled: true, everyMinutes: 1 } } });
    s.service.sync();
    s.service.dispose();
    await s.service.handlePowerEvent('lock-screen');
    await s.clock.advance(10 * 60_000);
    expect(s.bot.posts()).toEqual([]);
    expect(s.notifier.shown).toEqual([]);
    expect(s.service.trayLine()).toBeNull();
  });
});
