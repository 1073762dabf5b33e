import { describe, expect, it } from 'vitest';
import { Automation, DEFAULT_AUTOMATION_SETTINGS, POWER_EVENTS } from '../../../electron/core/automation';
import type { AutomationNotice, AutomationSettings } from '../../../electron/core/automation';
import type { FakeRecallOptions } from '../control/fakes';
import { controlledBot, settle } from './helpers';

const MIN = 60_000;

async function setup(settings: AutomationSettings = DEFAULT_AUTOMATION_SETTINGS, fakeOpts: FakeRecallOptions = { state: 'recording' }) {
  const bot = await controlledBot(fakeOpts);
  const notices: AutomationNotice[] = [];
  let current = settings;
  const automation = new Automation({ settings: () => current, notify: (n) => notices.push(n), clock: bot.clock, timers: bot.clock });
  automation.setTarget(bot.controller);
  return {
    ...bot,
    automation,
    notices,
    setSettings: (next: AutomationSettings) => {
      current = next;
      automation.settingsChanged();
    },
  };
}

describe('Automation', () => {
  it('does nothing at all with the default settings: no request, no notice, nothing in the tray', async () => {
    const { automation, clock, fake, notices } = await setup();
    for (const event of POWER_EVENTS) await settle(clock, automation.handlePowerEvent(event));
    await settle(clock, automation.handlePowerEvent('lock-screen'));
    await clock.advance(120 * MIN);
    expect(fake.posts()).toEqual([]);
    expect(notices).toEqual([]);
    expect(automation.getView().autoPause).toBeNull();
    expect(automation.trayLine()).toBeNull();
  });

  it('shows the auto-pause line in the tray and tells subscribers when it changes', async () => {
    const settings: AutomationSettings = { ...DEFAULT_AUTOMATION_SETTINGS, autoPause: { onLock: true, onSuspend: false, resumeOnUnlock: false } };
    const { automation, clock } = await setup(settings);
    let changes = 0;
    automation.subscribe(() => changes++);
    await settle(clock, automation.handlePowerEvent('lock-screen'));
    expect(changes).toBeGreaterThanOrEqual(2);
    expect(automation.trayLine()).toBe('Auto-paused on lock');
  });

  it('counts down in the tray during the last ten minutes before the bot would leave', async () => {
    const { automation, clock, controller } = await setup();
    await settle(clock, controller.press('stop'));
    await clock.advance(49 * MIN);
    expect(automation.trayLine()).toBeNull();
    await clock.advance(2 * MIN);
    expect(automation.trayLine()).toBe('The bot may leave in 9 min unless recording');
    await clock.advance(10 * MIN);
    expect(automation.trayLine()).toBe('The bot may leave any moment: not recording');
  });

  it('applies a settings change without a restart', async () => {
    const { automation, clock, controller, notices, setSettings } = await setup();
    await settle(clock, controller.press('pause'));
    await clock.advance(25 * MIN);
    setSettings({ ...DEFAULT_AUTOMATION_SETTINGS, pausedReminder: { enabled: true, everyMinutes: 10 } });
    await clock.advance(5 * MIN);
    expect(notices.map((n) => n.kind)).toEqual(['paused-reminder']);
    automation.dispose();
    await clock.advance(60 * MIN);
    expect(notices).toHaveLength(1);
  });
});
