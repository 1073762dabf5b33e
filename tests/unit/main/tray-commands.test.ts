// Tray menu clicks in the Electron shell: recording actions and bot switches reach the core, the
// window and Settings open the window (Settings on its own view), Quit quits — and a click on
// the real tray adapter (mocked Electron) travels that whole way.
import { describe, expect, it, vi } from 'vitest';
import type { TrayCommand } from '../../../electron/core/tray';
import { routeTrayCommand } from '../../../electron/main/tray-commands';
import type { TrayCommandPorts } from '../../../electron/main/tray-commands';
import { BOT_A, coreHarness } from '../contract/fixtures';

type MenuTemplate = Array<{ id?: string; click?: () => void; submenu?: MenuTemplate }>;
const built: MenuTemplate[] = [];

vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: MenuTemplate) => (built.push(template), { template }) },
  nativeImage: { createFromPath: () => ({ isEmpty: () => false }) },
  Tray: class {
    setToolTip(): void {}
    setContextMenu(): void {}
    setImage(): void {}
    on(): void {}
    destroy(): void {}
  },
}));

const { createTrayAdapter } = await import('../../../electron/main/adapters/tray');

function ports(overrides: Partial<TrayCommandPorts> = {}) {
  const calls: string[] = [];
  const all: TrayCommandPorts = {
    core: { trayAction: async (command) => void calls.push(`core ${JSON.stringify(command)}`) },
    showWindow: (view) => void calls.push(`window ${view}`),
    quit: () => void calls.push('quit'),
    log: (message) => void calls.push(`log ${message}`),
    ...overrides,
  };
  return { all, calls };
}

describe('routeTrayCommand', () => {
  it('sends each command where it belongs', async () => {
    const { all, calls } = ports();
    const commands: TrayCommand[] = [
      { kind: 'press', action: 'pause' },
      { kind: 'select-bot', botId: BOT_A },
      { kind: 'open-window' },
      { kind: 'settings' },
      { kind: 'quit' },
    ];
    for (const command of commands) routeTrayCommand(command, all);
    await Promise.resolve();
    expect(calls).toEqual([
      'core {"kind":"press","action":"pause"}',
      `core {"kind":"select-bot","botId":"${BOT_A}"}`,
      'window main',
      'window settings',
      'quit',
    ]);
  });

  it('logs a core failure instead of losing it', async () => {
    const { all, calls } = ports({ core: { trayAction: async () => Promise.reject(new Error('boom')) } });
    routeTrayCommand({ kind: 'press', action: 'stop' }, all);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['log tray press failed: boom']);
  });

  it('a click on the tray menu pauses the selected bot through the core', async () => {
    const h = await coreHarness();
    const bot = h.workspace.addLive(BOT_A, { state: 'recording' });
    await h.core.dispatch('bot:select', { botId: BOT_A });
    const { all } = ports({ core: h.core });
    createTrayAdapter({ resourcesDir: '/res', initial: h.core.tray.current(), onCommand: (command) => routeTrayCommand(command, all), platform: 'linux' });
    const pause = built.at(-1)?.find((item) => item.id === 'pause');
    pause?.click?.();
    await h.clock.advance(1_000);
    expect(bot.posts().map((r) => r.op)).toEqual(['pause']);
    expect(h.core.tray.current().iconId).toBe('paused-sandbox');
  });
});
