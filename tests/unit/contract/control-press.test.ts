// control:press through the core: every press ends in one PressOutcome, the pending overlay shows
// at once, a refusal says the same words as the disabled button's reason, Start while recording
// arms before it overwrites, and a repeated press is coalesced into one request.
import { describe, expect, it } from 'vitest';
import { NO_BOT_SELECTED } from '../../../electron/core/hotkeys';
import { OVERWRITE_WARNING, REFUSALS } from '../../../electron/core/control';
import type { SelectedBotState } from '../../../electron/contract';
import { BOT_A, coreHarness } from './fixtures';
import type { CoreHarness } from './fixtures';

async function selected(h: CoreHarness, state: 'recording' | 'paused' | 'not_recording' | 'joining' | 'ended' = 'recording', applyDelayMs = 0) {
  const bot = h.workspace.addLive(BOT_A, { state, applyDelayMs });
  const result = await h.core.dispatch('bot:select', { botId: BOT_A });
  if (!result.ok) throw new Error(result.error.message);
  return bot;
}

function lastState(h: CoreHarness): SelectedBotState {
  const state = h.events('state:changed').at(-1);
  if (!state?.selected) throw new Error('no bot selected');
  return state;
}

describe('control:press', () => {
  it('with no bot selected: refused, nothing sent, in words', async () => {
    const h = await coreHarness();
    expect(await h.core.dispatch('control:press', { action: 'pause' })).toEqual({ ok: true, value: { kind: 'refused', action: 'pause', message: NO_BOT_SELECTED } });
  });

  it('pause: pending at once, then confirmed — one POST with an idempotency key', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording', 500);
    const press = h.core.dispatch('control:press', { action: 'pause' });
    expect(lastState(h).pending).toMatchObject({ action: 'pause', phase: 'sending' });
    expect(h.core.tray.current().iconId).toBe('switching-paused-sandbox');
    await h.clock.advance(2_000);
    expect(await press).toEqual({ ok: true, value: { kind: 'confirmed', action: 'pause', message: 'Recording paused' } });
    expect(bot.posts().map((r) => [r.op, r.idempotencyKey])).toEqual([['pause', 'key-1']]);
    const state = lastState(h);
    expect([state.live, state.pending, state.actions.pause.enabled, state.actions.resume.enabled]).toEqual(['paused', null, false, true]);
    expect(h.core.tray.current().iconId).toBe('paused-sandbox');
  });

  it('a refused press says exactly what the disabled button says, and sends nothing', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'not_recording');
    const state = lastState(h);
    expect(state.actions.pause).toEqual({ enabled: false, reason: REFUSALS.not_recording, hotkey: 'Ctrl+Alt+Shift+H' });
    expect(state.actions.resume).toEqual({ enabled: false, reason: REFUSALS.not_paused, hotkey: 'Ctrl+Alt+Shift+U' });
    expect(state.actions.stop).toEqual({ enabled: false, reason: REFUSALS.nothing_to_stop, hotkey: 'Ctrl+Alt+Shift+T' });
    expect(state.actions.start).toEqual({ enabled: true, reason: null, hotkey: 'Ctrl+Alt+Shift+R' });
    expect(state.actions.leave).toEqual({ enabled: true, reason: null, hotkey: null });
    for (const action of ['pause', 'resume', 'stop'] as const) {
      const result = await h.core.dispatch('control:press', { action });
      expect(result).toEqual({ ok: true, value: { kind: 'refused', action, message: state.actions[action].reason } });
    }
    expect(bot.posts()).toEqual([]);
  });

  it('a joining or ended bot disables everything it would refuse, with the reason', async () => {
    const joining = await coreHarness();
    await selected(joining, 'joining');
    const j = lastState(joining).actions;
    expect([j.pause.reason, j.start.reason, j.leave.enabled]).toEqual([REFUSALS.not_joined, REFUSALS.not_joined, true]);
    const ended = await coreHarness();
    await selected(ended, 'ended');
    const e = lastState(ended).actions;
    expect(Object.values(e).map((a) => a.reason)).toEqual(Array(5).fill(REFUSALS.bot_left));
  });

  it('Start while recording arms first (nothing sent), a confirmed press sends it', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording');
    const armed = await h.core.dispatch('control:press', { action: 'start' });
    expect(armed.ok && armed.value).toMatchObject({ kind: 'armed', action: 'start', message: OVERWRITE_WARNING });
    expect(lastState(h).armed).toMatchObject({ action: 'start', message: OVERWRITE_WARNING });
    expect(h.core.tray.current().menu.find((i) => i.id === 'status-armed')?.label).toBe(OVERWRITE_WARNING);
    expect(bot.posts()).toEqual([]);
    const sent = h.core.dispatch('control:press', { action: 'start', confirm: true });
    await h.clock.advance(1_000);
    expect(await sent).toEqual({ ok: true, value: { kind: 'confirmed', action: 'start', message: 'Recording started' } });
    expect(bot.posts('start')).toHaveLength(1);
    expect(lastState(h).armed).toBeNull();
  });

  it('the armed Start expires after 3 s: the next press arms again', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording');
    await h.core.dispatch('control:press', { action: 'start' });
    await h.clock.advance(3_100);
    expect(lastState(h).armed).toBeNull();
    const again = await h.core.dispatch('control:press', { action: 'start' });
    expect(again.ok && again.value.kind).toBe('armed');
    expect(bot.posts()).toEqual([]);
  });

  it('a double press while pending is coalesced: one request, both presses confirmed', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording', 400);
    const first = h.core.dispatch('control:press', { action: 'pause' });
    const second = h.core.dispatch('control:press', { action: 'toggle-pause' });
    await h.clock.advance(2_000);
    const confirmed = { ok: true, value: { kind: 'confirmed', action: 'pause', message: 'Recording paused' } };
    expect([await first, await second]).toEqual([confirmed, confirmed]);
    expect(bot.posts()).toHaveLength(1);
  });

  it('a different press meanwhile is queued and shown as queued', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording', 400);
    const pause = h.core.dispatch('control:press', { action: 'pause' });
    const stop = h.core.dispatch('control:press', { action: 'stop' });
    expect(lastState(h).queued).toEqual(['stop']);
    await h.clock.advance(4_000);
    expect((await pause).ok && (await stop).ok).toBe(true);
    expect(bot.posts().map((r) => r.op)).toEqual(['pause', 'stop']);
    expect(lastState(h)).toMatchObject({ live: 'not_recording', queued: [], pending: null });
  });

  it('a confirmation that never comes fails specifically and shows as the action error', async () => {
    const h = await coreHarness();
    const bot = await selected(h, 'recording');
    bot.neverApply = true;
    const press = h.core.dispatch('control:press', { action: 'pause' });
    await h.clock.advance(12_000);
    const result = await press;
    expect(result.ok && result.value).toEqual({
      kind: 'failed',
      action: 'pause',
      error: { kind: 'unconfirmed', message: 'Pause was sent but not confirmed within 10 s — the bot still reports recording' },
    });
    expect(lastState(h).actionError).toEqual({ kind: 'unconfirmed', message: 'Pause was sent but not confirmed within 10 s — the bot still reports recording' });
  });
});
