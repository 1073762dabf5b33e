import { describe, expect, it } from 'vitest';
import { AutoPause, DEFAULT_AUTOMATION_SETTINGS, POWER_EVENTS } from '../../../electron/core/automation';
import type { AutomationNotice, AutomationTarget, AutoPauseSettings, PowerEvent } from '../../../electron/core/automation';
import { serverError } from '../control/fakes';
import type { FakeRecallOptions } from '../control/fakes';
import { controlledBot, settle } from './helpers';

const ON: AutoPauseSettings = { onLock: true, onSuspend: true, resumeOnUnlock: true };

async function setup(settings: Partial<AutoPauseSettings> = ON, fakeOpts: FakeRecallOptions = { state: 'recording' }) {
  const bot = await controlledBot(fakeOpts);
  const notices: AutomationNotice[] = [];
  let current: AutoPauseSettings = { ...DEFAULT_AUTOMATION_SETTINGS.autoPause, ...settings };
  const autoPause = new AutoPause({ settings: () => current, notify: (n) => notices.push(n), clock: bot.clock });
  autoPause.setTarget(bot.controller);
  const fire = (event: PowerEvent) => settle(bot.clock, autoPause.handle(event));
  const posts = () => bot.fake.posts().map((p) => p.op);
  return {
    ...bot,
    autoPause,
    notices,
    fire,
    posts,
    setSettings: (s: Partial<AutoPauseSettings>) => {
      current = { ...current, ...s };
    },
  };
}

describe('AutoPause', () => {
  it('does nothing on any power event with the default settings (all off)', async () => {
    const { fire, posts, notices, autoPause } = await setup({});
    for (const event of POWER_EVENTS) await fire(event);
    expect(posts()).toEqual([]);
    expect(notices).toEqual([]);
    expect(autoPause.getView()).toBeNull();
  });

  it('pauses once on lock, even when sleep follows, and shows "Auto-paused on lock"', async () => {
    const { fire, posts, notices, autoPause, fake } = await setup();
    await fire('lock-screen');
    await fire('suspend');
    await fire('lock-screen');
    expect(posts()).toEqual(['pause']);
    expect(fake.currentState()).toBe('paused');
    expect(autoPause.getView()).toMatchObject({ phase: 'auto-paused', reason: 'lock', label: 'Auto-paused on lock — resumes on unlock' });
    expect(notices).toMatchObject([{ kind: 'auto-paused', severity: 'info', title: 'Recording paused — screen locked' }]);
  });

  it('pauses on sleep when only that is on', async () => {
    const { fire, posts, autoPause } = await setup({ onSuspend: true });
    await fire('lock-screen');
    expect(posts()).toEqual([]);
    await fire('suspend');
    expect(posts()).toEqual(['pause']);
    expect(autoPause.getView()).toMatchObject({ reason: 'suspend', label: 'Auto-paused on sleep' });
  });

  it('resumes on unlock a pause it made itself', async () => {
    const { fire, posts, notices, autoPause, fake } = await setup();
    await fire('lock-screen');
    await fire('unlock-screen');
    expect(posts()).toEqual(['pause', 'resume']);
    expect(fake.currentState()).toBe('recording');
    expect(autoPause.getView()).toBeNull();
    expect(notices.map((n) => n.kind)).toEqual(['auto-paused', 'auto-resumed']);
  });

  it('does not resume on unlock unless asked to, and never on waking up', async () => {
    const { fire, posts, autoPause } = await setup({ onLock: true, onSuspend: true, resumeOnUnlock: false });
    await fire('suspend');
    await fire('resume');
    await fire('unlock-screen');
    expect(posts()).toEqual(['pause']);
    expect(autoPause.getView()).toMatchObject({ phase: 'auto-paused', label: 'Auto-paused on sleep' });
  });

  it('never resumes the user’s own pause', async () => {
    const { fire, posts, notices, autoPause } = await setup(ON, { state: 'paused' });
    await fire('lock-screen');
    await fire('suspend');
    await fire('unlock-screen');
    expect(posts()).toEqual([]);
    expect(notices).toEqual([]);
    expect(autoPause.getView()).toBeNull();
  });

  it('does nothing when the bot is not recording or no bot is selected', async () => {
    const idle = await setup(ON, { state: 'not_recording' });
    await idle.fire('lock-screen');
    expect(idle.posts()).toEqual([]);
    expect(idle.notices).toEqual([]);

    const none = await setup();
    none.autoPause.setTarget(null);
    await none.fire('lock-screen');
    expect(none.posts()).toEqual([]);
  });

  it('leaves the pause alone when the user resumed and paused again before unlocking', async () => {
    const { fire, posts, controller, clock, autoPause } = await setup();
    await fire('lock-screen');
    await settle(clock, controller.press('resume'));
    await settle(clock, controller.press('pause'));
    await fire('unlock-screen');
    expect(posts()).toEqual(['pause', 'resume', 'pause']);
    expect(autoPause.getView()).toBeNull();
  });

  it('leaves the pause alone when it was resumed and paused again elsewhere (another app, the CLI)', async () => {
    const { fire, posts, fake, controller, clock } = await setup();
    await fire('lock-screen');
    await clock.advance(1000);
    fake.setState('recording');
    await clock.advance(1000);
    fake.setState('paused');
    await settle(clock, controller.refresh());
    await fire('unlock-screen');
    expect(posts()).toEqual(['pause']);
    expect(fake.currentState()).toBe('paused');
  });

  it('leaves the pause alone when another action was confirmed since, even before Recall’s history shows it', async () => {
    const { autoPause, controller, clock, posts } = await setup();
    let confirmedElsewhere = 0;
    const lagging: AutomationTarget = {
      botId: controller.botId,
      press: (action, options) => controller.press(action, options),
      // Recall's state as last read, but the controller has confirmed something newer.
      getSnapshot: () => {
        const real = controller.getSnapshot();
        return { ...real, lastConfirmedAt: (real.lastConfirmedAt ?? 0) + confirmedElsewhere };
      },
      subscribe: () => () => undefined,
    };
    autoPause.setTarget(lagging);
    await settle(clock, autoPause.handle('lock-screen'));
    expect(autoPause.getView()).toMatchObject({ phase: 'auto-paused' });
    confirmedElsewhere = 1;
    await settle(clock, autoPause.handle('unlock-screen'));
    expect(posts()).toEqual(['pause']);
  });

  it('forgets its pause once polling shows the recording running again', async () => {
    const { fire, fake, controller, clock, autoPause, posts } = await setup();
    await fire('lock-screen');
    fake.setState('recording');
    await settle(clock, controller.refresh());
    expect(autoPause.getView()).toBeNull();
    await fire('unlock-screen');
    expect(posts()).toEqual(['pause']);
  });

  it('resumes after the pause confirms when the screen was unlocked while it was still in flight', async () => {
    const { autoPause, clock, posts, fake } = await setup(ON, { state: 'recording', applyDelayMs: 800 });
    const pausing = autoPause.handle('lock-screen');
    await clock.advance(100);
    expect(autoPause.getView()).toMatchObject({ phase: 'pausing', label: 'Auto-pausing (screen locked)…' });
    await autoPause.handle('unlock-screen');
    await settle(clock, pausing);
    expect(posts()).toEqual(['pause', 'resume']);
    expect(fake.currentState()).toBe('recording');
  });

  it('does not join a press of the user’s that is still in flight', async () => {
    const { autoPause, controller, clock, posts, notices } = await setup(ON, { state: 'recording', applyDelayMs: 800 });
    const userPause = controller.press('pause');
    await autoPause.handle('lock-screen');
    await settle(clock, userPause);
    await settle(clock, autoPause.handle('unlock-screen'));
    expect(posts()).toEqual(['pause']);
    expect(notices).toEqual([]);
  });

  it('reports a failed auto-pause and shows it until the user is back', async () => {
    const { fire, fake, notices, autoPause } = await setup();
    fake.script('pause', serverError(503));
    await fire('lock-screen');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'auto-pause-failed', severity: 'failure', title: 'Recall Remote — auto-pause failed' });
    expect(notices[0]?.body).toContain('The bot may still be recording');
    expect(autoPause.getView()).toMatchObject({ phase: 'pause-failed', label: 'Auto-pause failed', message: expect.stringContaining('503') });
    await fire('unlock-screen');
    expect(autoPause.getView()).toBeNull();
  });

  it('reports a failed auto-resume; the recording stays paused', async () => {
    const { fire, fake, notices, autoPause } = await setup();
    await fire('lock-screen');
    fake.script('resume', serverError(500));
    await fire('unlock-screen');
    expect(notices.map((n) => n.kind)).toEqual(['auto-paused', 'auto-resume-failed']);
    expect(notices[1]?.body).toContain('It is still paused');
    expect(fake.currentState()).toBe('paused');
    expect(autoPause.getView()).toMatchObject({ phase: 'resume-failed', label: 'Auto-resume failed' });
  });

  it('forgets an auto-pause when another bot is selected', async () => {
    const first = await setup();
    await first.fire('lock-screen');
    const second = await controlledBot({ botId: 'bot-2', state: 'paused' });
    first.autoPause.setTarget(second.controller);
    expect(first.autoPause.getView()).toBeNull();
    await settle(second.clock, first.autoPause.handle('unlock-screen'));
    expect(second.fake.posts()).toEqual([]);
  });
});
