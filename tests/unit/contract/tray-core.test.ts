// The tray as the core publishes it (tray:getModel, tray:changed, the shells' subscription) and
// what the tray menu does: a change is published once, the running clock only moves the
// tooltip, and a refused or failed tray press is said out loud.
import { describe, expect, it } from 'vitest';
import { REFUSALS } from '../../../electron/core/control';
import { RecallError } from '../../../electron/core/recall';
import type { TrayModel } from '../../../electron/core/tray';
import { BOT_A, BOT_B, coreHarness } from './fixtures';

describe('tray:getModel and tray:changed', () => {
  it('starts idle in the sandbox, with the whole menu', async () => {
    const h = await coreHarness();
    const result = await h.core.dispatch('tray:getModel', undefined);
    expect(result.ok && result.value).toMatchObject({ iconId: 'not-recording-sandbox', tooltip: 'Recall Remote · No bot selected · Sandbox' });
    expect(result.ok && result.value.menu.map((i) => i.id)).toEqual([
      'status',
      'separator-actions',
      'pause',
      'resume',
      'start',
      'stop',
      'leave',
      'separator-bots',
      'bots',
      'separator-window',
      'open-window',
      'settings',
      'separator-quit',
      'quit',
    ]);
  });

  it('follows the selected bot: one tray:changed per visible change, to the renderer and the shell alike', async () => {
    const h = await coreHarness();
    const shell: TrayModel[] = [];
    h.core.tray.subscribe((model) => shell.push(model));
    h.workspace.addLive(BOT_A, { state: 'not_recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    await h.clock.advance(30_000);
    const changes = h.events('tray:changed');
    expect(changes.map((m) => m.iconId)).toEqual(['not-recording-sandbox']);
    expect(changes[0]?.tooltip).toBe('In call, not recording · Weekly sync · Sandbox');
    expect(shell.map((m) => m.tooltip)).toEqual(changes.map((m) => m.tooltip));
    const menu = changes[0]?.menu ?? [];
    expect(menu.filter((i) => ['pause', 'resume', 'start', 'stop', 'leave'].includes(i.id)).map((i) => [i.id, i.enabled, i.accelerator ?? null])).toEqual([
      ['pause', false, 'CommandOrControl+Alt+Shift+H'],
      ['resume', false, 'CommandOrControl+Alt+Shift+U'],
      ['start', true, 'CommandOrControl+Alt+Shift+R'],
      ['stop', false, 'CommandOrControl+Alt+Shift+T'],
      ['leave', true, null],
    ]);
  });

  it('while recording: the tooltip moves once a second, the menu never', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const before = h.events('tray:changed').length;
    await h.clock.advance(5_000);
    const ticks = h.events('tray:changed').slice(before);
    expect(ticks.map((m) => m.tooltip)).toEqual([1, 2, 3, 4, 5].map((s) => `Recording · 00:00:0${s} · Weekly sync · Sandbox`));
    expect(new Set(ticks.map((m) => JSON.stringify(m.menu))).size).toBe(1);
    expect(ticks[0]?.menu[0]?.label).toBe('Recording · Weekly sync · Sandbox');
  });

  it('stops ticking once paused', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const press = h.core.dispatch('control:press', { action: 'pause' });
    await h.clock.advance(1_000);
    await press;
    const paused = h.events('tray:changed').length;
    await h.clock.advance(10_000);
    expect(h.events('tray:changed').length).toBe(paused);
    expect(h.core.tray.current().tooltip).toMatch(/^Paused 00:0\d · Weekly sync · Sandbox$/);
  });
});

describe('tray menu actions', () => {
  it('a refused press is a warning notice and a notification; nothing is sent', async () => {
    const h = await coreHarness();
    const bot = h.workspace.addLive(BOT_A, { state: 'not_recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    await h.core.trayAction({ kind: 'press', action: 'stop' });
    expect(h.events('app:notice')).toEqual([{ level: 'warning', message: REFUSALS.nothing_to_stop }]);
    expect(h.notifier.shown).toEqual([{ kind: 'failure', title: 'nothing was sent', message: REFUSALS.nothing_to_stop }]);
    expect(bot.posts()).toEqual([]);
  });

  it('a failed press is an error notice and a notification', async () => {
    const h = await coreHarness();
    const bot = h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    bot.script('pause', new RecallError({ kind: 'payment', status: 402, message: 'Recall refused the request: the account has insufficient credit (402)' }));
    await h.core.trayAction({ kind: 'press', action: 'pause' });
    expect(h.events('app:notice').at(-1)).toEqual({ level: 'error', message: 'Recall refused the request: the account has insufficient credit (402)' });
    expect(h.notifier.shown.at(-1)).toMatchObject({ kind: 'failure', title: 'action failed' });
  });

  it('a confirmed press shows in the icon only', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const press = h.core.trayAction({ kind: 'press', action: 'pause' });
    await h.clock.advance(1_000);
    await press;
    expect(h.core.tray.current().iconId).toBe('paused-sandbox');
    expect(h.events('app:notice')).toEqual([]);
    expect(h.notifier.shown).toEqual([]);
  });

  it('switches bots from the Bots submenu; a bot that vanished is reported', async () => {
    const h = await coreHarness();
    h.workspace.addLive(BOT_A, { state: 'recording' });
    h.workspace.addLive(BOT_B, { name: 'Retro', state: 'not_recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    await h.core.trayAction({ kind: 'select-bot', botId: BOT_B });
    expect(h.core.tray.current().tooltip).toBe('In call, not recording · Retro · Sandbox');
    h.workspace.live.delete(BOT_A);
    await h.core.trayAction({ kind: 'select-bot', botId: BOT_A });
    expect(h.events('app:notice').at(-1)).toEqual({ level: 'error', message: `Bot ${BOT_A} was not found (404)` });
    expect(h.notifier.shown.at(-1)).toMatchObject({ kind: 'failure', title: 'could not switch bots' });
  });
});

describe('settings:get / settings:update', () => {
  it('reads and changes notifications, the download folder and launch at login', async () => {
    const h = await coreHarness();
    expect(await h.core.dispatch('settings:get', undefined)).toEqual({
      ok: true,
      value: { notifications: { enabled: true, onHotkeyConfirm: true }, launchAtLogin: { enabled: false, supported: true, message: null }, downloadDir: null },
    });
    const result = await h.core.dispatch('settings:update', { notifications: { onHotkeyConfirm: false }, launchAtLogin: true, downloadDir: '/home/me/Recordings' });
    expect(result).toEqual({
      ok: true,
      value: { notifications: { enabled: true, onHotkeyConfirm: false }, launchAtLogin: { enabled: true, supported: true, message: null }, downloadDir: '/home/me/Recordings' },
    });
    expect(h.settings.get()).toMatchObject({ launchAtLogin: true, downloadDir: '/home/me/Recordings', notifications: { onHotkeyConfirm: false } });
    expect(h.launchAtLogin.get().enabled).toBe(true);
  });

  it('refuses a relative download folder with the reason, changing nothing', async () => {
    const h = await coreHarness();
    const result = await h.core.dispatch('settings:update', { downloadDir: 'Videos', notifications: { enabled: false } });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'Download folder: "Videos" is not an absolute folder path (e.g. /home/me/Videos or C:\\Users\\me\\Videos)' },
    });
    expect(h.settings.get().notifications.enabled).toBe(true);
  });
});
