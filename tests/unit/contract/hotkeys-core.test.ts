// Global shortcuts through the core: the Settings view (binding, platform spelling, registration
// status), specific refusals for bad or clashing keys, suspension while the key recorder
// listens, another app holding a shortcut, and every press ending in a notice + notification.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, NO_BOT_SELECTED } from '../../../electron/core/hotkeys';
import { BOT_A, coreHarness } from './fixtures';
import type { CoreHarness } from './fixtures';

async function view(h: CoreHarness) {
  const result = await h.core.dispatch('hotkeys:get', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function binding(v: Awaited<ReturnType<typeof view>>, action: string) {
  const found = v.bindings.find((b) => b.action === action);
  if (!found) throw new Error(`no binding for ${action}`);
  return found;
}

describe('hotkeys:get', () => {
  it('lists every action with its default, spelled for the platform, registered', async () => {
    const linux = await view(await coreHarness({ platform: 'linux' }));
    expect(linux.bindings.map((b) => [b.action, b.label, b.display, b.status])).toEqual([
      ['toggle-pause', 'Pause/Resume', 'Ctrl+Alt+Shift+P', 'registered'],
      ['pause', 'Pause', 'Ctrl+Alt+Shift+H', 'registered'],
      ['resume', 'Resume', 'Ctrl+Alt+Shift+U', 'registered'],
      ['start', 'Start', 'Ctrl+Alt+Shift+R', 'registered'],
      ['stop', 'Stop', 'Ctrl+Alt+Shift+T', 'registered'],
      ['show-window', 'Show window', 'Ctrl+Alt+Shift+W', 'registered'],
    ]);
    expect([linux.reliable, linux.note]).toEqual([true, null]);
    const mac = await view(await coreHarness({ platform: 'darwin' }));
    expect(binding(mac, 'pause')).toMatchObject({ accelerator: 'CommandOrControl+Alt+Shift+H', display: '⌥⇧⌘H' });
  });
});

describe('hotkeys:set / reset', () => {
  it('refuses an invalid shortcut with the specific reason, changing nothing', async () => {
    const h = await coreHarness();
    const cases: Array<[string, RegExp]> = [
      ['Ctrl+Alt+Banana', /^Pause shortcut: Unknown key 'Banana'$/],
      ['Shift+P', /would stop you typing that character anywhere/],
      ['P', /needs at least one modifier/],
      ['Cmd+Shift+P', /only exists on macOS/],
    ];
    for (const [accelerator, message] of cases) {
      const result = await h.core.dispatch('hotkeys:set', { action: 'pause', accelerator });
      expect(result.ok ? 'accepted' : result.error.kind).toBe('validation');
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
    expect(h.settings.get().hotkeys).toEqual(DEFAULT_HOTKEYS);
    expect(h.events('hotkeys:changed')).toEqual([]);
  });

  it('refuses keys another action already uses, naming it', async () => {
    const h = await coreHarness();
    const result = await h.core.dispatch('hotkeys:set', { action: 'stop', accelerator: 'ctrl+alt+shift+p' });
    expect(result).toEqual({ ok: false, error: { kind: 'validation', message: 'Stop shortcut: Ctrl+Alt+Shift+P is already used by Pause/Resume' } });
  });

  it('binds, registers and announces a new shortcut; the tray and buttons show it', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const result = await h.core.dispatch('hotkeys:set', { action: 'pause', accelerator: 'ctrl+alt+f9' });
    expect(result.ok && binding(result.value, 'pause')).toMatchObject({ accelerator: 'Control+Alt+F9', display: 'Ctrl+Alt+F9', status: 'registered' });
    expect(h.settings.get().hotkeys.pause).toBe('Control+Alt+F9');
    expect(h.events('hotkeys:changed').at(-1)).toEqual(result.ok && result.value);
    expect(h.core.tray.current().menu.find((i) => i.id === 'pause')?.accelerator).toBe('Control+Alt+F9');
    const state = h.events('state:changed').at(-1);
    expect(state?.selected && state.actions.pause.hotkey).toBe('Ctrl+Alt+F9');
    expect(h.registrar.press('CommandOrControl+Alt+Shift+H')).toBeNull();
  });

  it('unbinding Pause falls back to the Pause/Resume shortcut on the button', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const result = await h.core.dispatch('hotkeys:set', { action: 'pause', accelerator: null });
    expect(result.ok && binding(result.value, 'pause')).toMatchObject({ accelerator: null, display: null, status: 'unbound' });
    const state = h.events('state:changed').at(-1);
    expect(state?.selected && state.actions.pause.hotkey).toBe('Ctrl+Alt+Shift+P');
  });

  it('reset brings every default back', async () => {
    const h = await coreHarness();
    await h.core.dispatch('hotkeys:set', { action: 'start', accelerator: null });
    const result = await h.core.dispatch('hotkeys:reset', undefined);
    expect(result.ok && result.value.bindings.every((b) => b.status === 'registered')).toBe(true);
    expect(h.settings.get().hotkeys).toEqual(DEFAULT_HOTKEYS);
  });
});

describe('hotkeys:suspend', () => {
  it('while the key recorder listens, shortcuts do not fire; a change applies on resume', async () => {
    const h = await coreHarness();
    expect(await h.core.dispatch('hotkeys:suspend', { suspended: true })).toEqual({ ok: true, value: null });
    expect(h.registrar.press('CommandOrControl+Alt+Shift+P')).toBeNull();
    await h.core.dispatch('hotkeys:set', { action: 'toggle-pause', accelerator: 'Ctrl+Alt+F8' });
    await h.core.dispatch('hotkeys:suspend', { suspended: false });
    expect(binding(await view(h), 'toggle-pause')).toMatchObject({ accelerator: 'Control+Alt+F8', status: 'registered' });
    expect(h.registrar.press('Control+Alt+F8')).not.toBeNull();
  });
});

describe('a shortcut taken by another app', () => {
  it('shows as in use, with why, in Settings and in the tray', async () => {
    const h = await coreHarness();
    h.registrar.simulateInUse('CommandOrControl+Alt+Shift+P');
    const result = h.core.reapplyHotkeys();
    expect(binding(result, 'toggle-pause')).toMatchObject({
      status: 'in_use',
      message: 'Ctrl+Alt+Shift+P is already taken by another app or the system — choose another shortcut',
    });
    expect(h.events('hotkeys:changed').at(-1)).toEqual(result);
    expect(h.core.tray.current().menu.find((i) => i.id === 'status-hotkeys')?.label).toBe('1 shortcut is not working — see Settings');
  });
});

describe('pressing a shortcut', () => {
  it('runs the action on the selected bot; the outcome becomes a notice and a notification', async () => {
    const h = await coreHarness();
    const bot = h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const press = h.registrar.press('CommandOrControl+Alt+Shift+P');
    await h.clock.advance(1_000);
    expect(await press).toMatchObject({ action: 'toggle-pause', status: 'done', message: 'Recording paused' });
    expect(bot.posts().map((r) => r.op)).toEqual(['pause']);
    expect(h.events('app:notice').at(-1)).toEqual({ level: 'info', message: 'Recording paused' });
    expect(h.notifier.shown.at(-1)).toMatchObject({ kind: 'hotkey', outcome: { status: 'done', message: 'Recording paused' } });
  });

  it('with no bot selected: refused, said out loud', async () => {
    const h = await coreHarness();
    expect(await h.core.pressHotkey('pause')).toMatchObject({ status: 'refused', message: NO_BOT_SELECTED });
    expect(h.events('app:notice')).toEqual([{ level: 'warning', message: NO_BOT_SELECTED }]);
  });

  it('Start twice within 3 s overwrites: the first press arms and warns', async () => {
    const h = await coreHarness();
    const bot = h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    expect(await h.core.pressHotkey('start')).toMatchObject({ status: 'armed' });
    expect(h.events('app:notice').at(-1)?.level).toBe('warning');
    const second = h.core.pressHotkey('start');
    await h.clock.advance(1_000);
    expect(await second).toMatchObject({ status: 'done', message: 'Recording started' });
    expect(bot.posts('start')).toHaveLength(1);
  });

  it('show-window brings the window up without a notice', async () => {
    const h = await coreHarness();
    expect(await h.core.pressHotkey('show-window')).toMatchObject({ status: 'done' });
    expect(h.windowShown()).toBe(1);
    expect(h.events('app:notice')).toEqual([]);
  });

  it('an unknown action id is an error, not a crash', async () => {
    const h = await coreHarness();
    expect(await h.core.pressHotkey('self-destruct')).toMatchObject({ status: 'error', message: "Unknown shortcut action 'self-destruct'" });
  });
});
