// The tray adapter: the icon file the user sees per state and platform, the tooltip, the menu on
// every platform (Linux shows nothing without one), clicks routed back as commands, and no
// needless re-setting (which flickers the icon or closes an open menu).
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../../electron/core/hotkeys';
import { TRAY_ICON_IDS, trayModel } from '../../../electron/core/tray';
import type { TrayCommand, TrayInput } from '../../../electron/core/tray';
import { FakeTray, nativeImageFake } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  return { Tray: fakes.FakeTray, Menu: fakes.FakeMenu, nativeImage: fakes.nativeImageFake };
});

const { createTrayAdapter, menuTemplate, trayIconPath, trayResourcesDir } = await import('../../../electron/main/adapters/tray');

const REPO_RESOURCES = join(import.meta.dirname, '../../../resources');

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    botId: 'bot-1',
    botName: 'Weekly sync',
    live: 'recording',
    pending: null,
    armed: null,
    hotkeys: DEFAULT_HOTKEYS,
    hotkeyStatuses: {},
    lastError: null,
    stale: false,
    recordedMs: 754_000,
    sandbox: false,
    recentBots: [{ id: 'bot-1', name: 'Weekly sync' }, { id: 'bot-2', name: 'Standup' }],
    online: true,
    ...over,
  };
}

function open(platform: string, over: Partial<TrayInput> = {}) {
  const commands: TrayCommand[] = [];
  const log = vi.fn();
  const adapter = createTrayAdapter({ resourcesDir: '/app/resources', initial: trayModel(input(over)), onCommand: (c) => commands.push(c), platform, log });
  const tray = FakeTray.created.at(-1);
  if (!tray) throw new Error('no tray was created');
  return { adapter, tray, commands, log };
}

beforeEach(() => {
  FakeTray.created.length = 0;
  nativeImageFake.missing.clear();
});

describe('tray icon files', () => {
  it('uses monochrome template images on macOS and colour PNGs elsewhere', () => {
    expect(trayIconPath('/r', 'paused', 'darwin')).toBe(join('/r', 'tray', 'mac', 'pausedTemplate.png'));
    expect(trayIconPath('/r', 'paused-sandbox', 'linux')).toBe(join('/r', 'tray', 'paused-sandbox.png'));
    expect(trayIconPath('/r', 'recording', 'win32')).toBe(join('/r', 'tray', 'recording.png'));
  });

  it('every icon the tray model can ask for exists in the repository, for every platform, with its @2x', () => {
    for (const id of TRAY_ICON_IDS) {
      for (const platform of ['darwin', 'linux', 'win32']) {
        const file = trayIconPath(REPO_RESOURCES, id, platform);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
  });

  it('finds resources beside the app in development and in resourcesPath when packaged', () => {
    expect(trayResourcesDir({ isPackaged: false, getAppPath: () => '/src/recall-remote' }, '/unused')).toBe(join('/src/recall-remote', 'resources'));
    expect(trayResourcesDir({ isPackaged: true, getAppPath: () => '/opt/app/resources/app.asar' }, '/opt/app/resources')).toBe('/opt/app/resources');
  });
});

describe('createTrayAdapter', () => {
  it('shows the state icon, the tooltip and a context menu from the start (Linux needs the menu)', () => {
    const { tray } = open('linux');
    expect(tray.image.path).toBe(join('/app/resources', 'tray', 'recording.png'));
    expect(tray.tooltip).toBe('Recording · 00:12:34 · Weekly sync');
    expect(tray.calls).toContain('setContextMenu');
    expect(tray.menu?.item('pause')).toMatchObject({ label: 'Pause', enabled: true, accelerator: 'CommandOrControl+Alt+Shift+H', registerAccelerator: false });
    expect(tray.menu?.item('resume')?.enabled).toBe(false);
  });

  it('sets a context menu on macOS and Windows too', () => {
    expect(open('darwin').tray.menu).not.toBeNull();
    expect(open('win32').tray.menu).not.toBeNull();
  });

  it('on macOS shows the template image of the state', () => {
    const { tray } = open('darwin', { live: 'paused', sandbox: true });
    expect(tray.image.path).toBe(join('/app/resources', 'tray', 'mac', 'paused-sandboxTemplate.png'));
  });

  it('routes menu clicks to commands, including a bot in the submenu; status lines do nothing', () => {
    const { tray, commands } = open('linux');
    tray.menu?.click('pause');
    tray.menu?.click('select-bot:bot-2');
    tray.menu?.click('status');
    tray.menu?.click('quit');
    expect(commands).toEqual([{ kind: 'press', action: 'pause' }, { kind: 'select-bot', botId: 'bot-2' }, { kind: 'quit' }]);
  });

  it('follows state changes: icon, tooltip and menu', () => {
    const { adapter, tray } = open('linux');
    adapter.update(trayModel(input({ live: 'paused', recordedMs: 130_000 })));
    expect(tray.image.path).toBe(join('/app/resources', 'tray', 'paused.png'));
    expect(tray.tooltip).toBe('Paused 02:10 · Weekly sync');
    expect(tray.menu?.item('resume')?.enabled).toBe(true);
    expect(tray.menu?.item('pause')?.enabled).toBe(false);
  });

  it('re-sets only what changed', () => {
    const { adapter, tray } = open('linux', { live: 'not_recording', recordedMs: null });
    tray.calls.length = 0;
    adapter.update(trayModel(input({ live: 'not_recording', recordedMs: null })));
    expect(tray.calls).toEqual([]);
    adapter.update(trayModel(input({ live: 'not_recording', recordedMs: null, hotkeyStatuses: { pause: { state: 'in_use', accelerator: DEFAULT_HOTKEYS.pause, message: 'taken' } } })));
    expect(tray.calls).toEqual(['setContextMenu']);
    tray.calls.length = 0;
    adapter.update(trayModel(input({ live: 'not_recording', recordedMs: null, botName: 'Renamed', recentBots: [] })));
    expect(tray.calls).toEqual(['setToolTip', 'setContextMenu']);
    tray.calls.length = 0;
    adapter.update(trayModel(input({ live: 'not_recording', recordedMs: null, botName: 'Renamed', recentBots: [], stale: true })));
    expect(tray.calls).toContain('setImage');
  });

  it('opens the menu on a left click on Windows', () => {
    const { tray } = open('win32');
    tray.handlers.get('click')?.();
    expect(tray.calls).toContain('popUpContextMenu');
    expect(open('linux').tray.handlers.has('click')).toBe(false);
  });

  it('logs a missing icon file instead of failing', () => {
    nativeImageFake.missing.add(join('/app/resources', 'tray', 'ended.png'));
    const { adapter, log } = open('linux');
    adapter.update(trayModel(input({ live: 'ended' })));
    expect(log).toHaveBeenCalledWith(`tray icon missing or unreadable: ${join('/app/resources', 'tray', 'ended.png')}`);
  });

  it('dispose removes the tray once and ignores later updates', () => {
    const { adapter, tray } = open('linux');
    adapter.dispose();
    adapter.dispose();
    expect(tray.destroyed).toBe(true);
    tray.calls.length = 0;
    adapter.update(trayModel(input({ live: 'paused' })));
    expect(tray.calls).toEqual([]);
  });
});

describe('menuTemplate', () => {
  it('keeps separators, radio state and submenus', () => {
    const template = menuTemplate(trayModel(input()).menu, () => undefined);
    expect(template.some((item) => item.type === 'separator')).toBe(true);
    const bots = template.find((item) => item.id === 'bots');
    expect(Array.isArray(bots?.submenu) ? bots.submenu.map((b) => [b.id, b.type, b.checked]) : null).toEqual([
      ['select-bot:bot-1', 'radio', true],
      ['select-bot:bot-2', 'radio', false],
    ]);
  });
});
