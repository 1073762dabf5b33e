// Automation in the app core (createCore with in-memory ports and fake Recall bots, injected
// clock): auto-pause on lock / sleep off by default and on when enabled, following the selected
// bot; the tray's automation line and tooltip; notices to the notifier and the window; the
// settings channel; reminders on the injected clock; and `--action` routing through the core.
import { describe, expect, it } from 'vitest';
import type { AutomationView } from '../../../electron/contract';
import type { PowerEvent } from '../../../electron/core/automation';
import { RecallError } from '../../../electron/core/recall';
import { BOT_A, BOT_B, coreHarness, type CoreHarness } from '../contract/fixtures';

async function view(h: CoreHarness): Promise<AutomationView> {
  const result = await h.core.dispatch('automation:get', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function enable(h: CoreHarness, patch: unknown): Promise<AutomationView> {
  const result = await h.core.dispatch('automation:update', patch);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Delivers a power event while the fake clock lets the controller confirm what it sent. */
async function power(h: CoreHarness, event: PowerEvent): Promise<void> {
  const handled = h.core.handlePowerEvent(event);
  await h.clock.advance(3_000);
  await handled;
}

async function selectLive(h: CoreHarness, botId: string, state: 'recording' | 'paused' | 'not_recording' = 'recording') {
  const bot = h.workspace.addLive(botId, { state, name: botId === BOT_A ? 'Weekly sync' : 'Design review' });
  const selected = await h.core.dispatch('bot:select', { botId });
  expect(selected.ok).toBe(true);
  return bot;
}

const trayLine = (h: CoreHarness) => h.core.tray.current().menu.find((item) => item.id === 'status-automation')?.label ?? null;

describe('auto-pause in the app core', () => {
  it('is off by default: locking and sleeping change nothing and say nothing', async () => {
    const h = await coreHarness();
    const bot = await selectLive(h, BOT_A);
    expect((await view(h)).settings.autoPause).toEqual({ onLock: false, onSuspend: false, resumeOnUnlock: false });
    await power(h, 'lock-screen');
    await power(h, 'suspend');
    expect(bot.currentState()).toBe('recording');
    expect(bot.posts()).toEqual([]);
    expect(h.notifier.shown).toEqual([]);
    expect(trayLine(h)).toBeNull();
  });

  it('when enabled: lock pauses, the tray and window say so, unlock resumes it', async () => {
    const h = await coreHarness();
    const bot = await selectLive(h, BOT_A);
    const saved = await enable(h, { autoPause: { onLock: true, resumeOnUnlock: true } });
    expect(saved.settings.autoPause).toEqual({ onLock: true, onSuspend: false, resumeOnUnlock: true });
    expect(h.settings.get().automation.autoPause.onLock).toBe(true);

    await power(h, 'lock-screen');
    expect(bot.currentState()).toBe('paused');
    expect(trayLine(h)).toBe('Auto-paused on lock — resumes on unlock');
    expect(h.core.tray.current().tooltip).toMatch(/^Paused .* · Weekly sync · Sandbox\nAuto-paused on lock — resumes on unlock$/);
    expect(h.notifier.shown).toEqual([
      { kind: 'notice', title: 'Recording paused — screen locked', message: 'Recall Remote paused the recording when the screen locked. It resumes when you unlock the screen.' },
    ]);
    expect(h.events('app:notice').at(-1)).toEqual({ level: 'info', message: 'Recording paused — screen locked. Recall Remote paused the recording when the screen locked. It resumes when you unlock the screen.' });
    expect(h.events('automation:changed').at(-1)).toMatchObject({ autoPause: { phase: 'auto-paused', reason: 'lock', label: 'Auto-paused on lock — resumes on unlock' }, trayLine: 'Auto-paused on lock — resumes on unlock' });
    expect(h.events('tray:changed').at(-1)?.menu[1]).toMatchObject({ id: 'status-automation', enabled: false });

    await power(h, 'unlock-screen');
    expect(bot.currentState()).toBe('recording');
    expect(trayLine(h)).toBeNull();
    expect(h.notifier.shown.at(-1)).toMatchObject({ kind: 'notice', title: 'Recording resumed' });
    expect((await view(h)).autoPause).toBeNull();
  });

  it('follows the selection: the newly selected bot is the one paused', async () => {
    const h = await coreHarness();
    const first = await selectLive(h, BOT_A);
    const second = await selectLive(h, BOT_B);
    await enable(h, { autoPause: { onSuspend: true } });
    await power(h, 'suspend');
    expect(second.currentState()).toBe('paused');
    expect(first.currentState()).toBe('recording');
    expect(trayLine(h)).toBe('Auto-paused on sleep');
  });

  it('a failed auto-pause is a failure notification (the user believes it paused)', async () => {
    const h = await coreHarness();
    const bot = await selectLive(h, BOT_A);
    await enable(h, { autoPause: { onLock: true } });
    bot.script('pause', new RecallError({ kind: 'server', status: 503, message: 'Recall is temporarily unavailable (503) — try again shortly' }));
    await power(h, 'lock-screen');
    expect(bot.currentState()).toBe('recording');
    expect(h.notifier.shown.at(-1)).toEqual({
      kind: 'failure',
      title: 'auto-pause failed',
      message: 'Could not pause the recording when the screen locked: Recall is temporarily unavailable (503) — try again shortly. The bot may still be recording.',
    });
    expect(h.events('app:notice').at(-1)?.level).toBe('error');
    expect(trayLine(h)).toBe('Auto-pause failed');
  });

  it('refuses a bad settings change naming the field, and saves nothing', async () => {
    const h = await coreHarness();
    const before = h.settings.get();
    const result = await h.core.dispatch('automation:update', { pausedReminder: { everyMinutes: 0 } });
    expect(result).toEqual({ ok: false, error: { kind: 'validation', message: 'Paused reminder interval: must be at least 1 minute (was 0)' } });
    const shape = await h.core.dispatch('automation:update', { autoPause: { onLid: true } });
    expect(shape.ok).toBe(false);
    expect(h.settings.get()).toBe(before);
  });
});

describe('reminders in the app core', () => {
  it('reminds every N minutes of a pause, on the injected clock', async () => {
    const h = await coreHarness();
    await selectLive(h, BOT_A, 'paused');
    await enable(h, { pausedReminder: { enabled: true, everyMinutes: 2 } });
    await h.clock.advance(119_000);
    expect(h.notifier.shown).toEqual([]);
    await h.clock.advance(2_000);
    expect(h.notifier.shown).toEqual([{ kind: 'notice', title: 'Recording still paused', message: "Paused for 2 min — nothing is being recorded or transcribed. Resume when you're ready." }]);
    expect(h.events('app:notice').at(-1)?.level).toBe('warning');
  });

  it('counts down to the bot leaving in the tray, minute by minute', async () => {
    const h = await coreHarness();
    await selectLive(h, BOT_A, 'not_recording');
    expect(trayLine(h)).toBeNull();
    await enable(h, { leaveWarning: { timeoutSeconds: 600 } });
    expect(trayLine(h)).toBe('The bot may leave in 10 min unless recording');
    await h.clock.advance(60_500);
    expect(trayLine(h)).toBe('The bot may leave in 9 min unless recording');
    expect(h.events('tray:changed').at(-1)?.tooltip).toMatch(/\nThe bot may leave in 9 min unless recording$/);
  });
});

describe('--action routing in the app core', () => {
  it('runs a forwarded action on the selected bot like its shortcut, and says when none is selected', async () => {
    const h = await coreHarness();
    const none = await h.core.routeAction({ action: 'pause', confirm: false });
    expect(none).toMatchObject({ action: 'pause', status: 'refused', exitCode: 4 });

    const bot = await selectLive(h, BOT_A);
    const pending = h.core.routeAction({ action: 'toggle-pause', confirm: false });
    await h.clock.advance(3_000);
    expect(await pending).toEqual({ action: 'toggle-pause', status: 'done', exitCode: 0, message: 'Recording paused' });
    expect(bot.currentState()).toBe('paused');
    expect(h.notifier.shown.at(-1)).toMatchObject({ kind: 'hotkey', outcome: { status: 'done', message: 'Recording paused' } });
    expect(h.events('app:notice').at(-1)).toEqual({ level: 'info', message: 'Recording paused' });
  });
});
