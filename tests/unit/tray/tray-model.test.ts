import { describe, expect, it } from 'vitest';
import { TOOLTIP_MAX, TRAY_ICON_IDS, parseTrayMenuId, trayModel } from '../../../electron/core/tray/tray-model';
import type { TrayInput, TrayMenuItem } from '../../../electron/core/tray/tray-model';
import { DEFAULT_HOTKEYS } from '../../../electron/core/hotkeys/hotkey-map';
import type { LiveRecordingState } from '../../../electron/core/recall';

function input(over: Partial<TrayInput> = {}): TrayInput {
  return {
    botId: 'bot-12345678-abcd',
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
    recentBots: [
      { id: 'bot-12345678-abcd', name: 'Weekly sync' },
      { id: 'bot-2', name: 'Design review' },
    ],
    online: true,
    ...over,
  };
}

function find(menu: readonly TrayMenuItem[], id: string): TrayMenuItem {
  const found = menu.find((m) => m.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function enabledActions(menu: readonly TrayMenuItem[]): string[] {
  return ['pause', 'resume', 'start', 'stop', 'leave'].filter((id) => find(menu, id).enabled);
}

describe('TRAY_ICON_IDS', () => {
  it('is exactly the 8 bases, each with a sandbox variant', () => {
    expect(TRAY_ICON_IDS).toEqual([
      'not-recording',
      'recording',
      'paused',
      'switching-recording',
      'switching-paused',
      'switching-not-recording',
      'ended',
      'error',
      'not-recording-sandbox',
      'recording-sandbox',
      'paused-sandbox',
      'switching-recording-sandbox',
      'switching-paused-sandbox',
      'switching-not-recording-sandbox',
      'ended-sandbox',
      'error-sandbox',
    ]);
  });
});

describe('trayModel — every live state', () => {
  const table: Array<{ live: LiveRecordingState; icon: string; tooltip: string; status?: string; enabled: string[] }> = [
    { live: 'recording', icon: 'recording', tooltip: 'Recording · 00:12:34 · Weekly sync', status: 'Recording · Weekly sync', enabled: ['pause', 'start', 'stop', 'leave'] },
    { live: 'paused', icon: 'paused', tooltip: 'Paused 12:34 · Weekly sync', status: 'Paused · Weekly sync', enabled: ['resume', 'start', 'stop', 'leave'] },
    { live: 'not_recording', icon: 'not-recording', tooltip: 'In call, not recording · Weekly sync', enabled: ['start', 'leave'] },
    { live: 'joining', icon: 'not-recording', tooltip: 'Joining the call · Weekly sync', enabled: ['leave'] },
    { live: 'ended', icon: 'ended', tooltip: 'Call ended · Weekly sync', enabled: [] },
    { live: 'fatal', icon: 'error', tooltip: 'Bot failed · Weekly sync', enabled: [] },
    { live: 'unknown', icon: 'error', tooltip: 'State unknown · Weekly sync', enabled: ['pause', 'resume', 'start', 'stop', 'leave'] },
  ];
  for (const row of table) {
    it(`${row.live}: ${row.icon}, "${row.tooltip}"`, () => {
      const model = trayModel(input({ live: row.live }));
      expect(model.iconId).toBe(row.icon);
      expect(model.tooltip).toBe(row.tooltip);
      // The status line never carries the running time: the menu is not rebuilt every second.
      expect(find(model.menu, 'status')).toMatchObject({ label: row.status ?? row.tooltip, enabled: false });
      expect(enabledActions(model.menu)).toEqual(row.enabled);
    });
  }

  it('with no bot selected: idle icon, nothing to control, bots still choosable', () => {
    const model = trayModel(input({ botId: null, botName: null, live: null }));
    expect(model.iconId).toBe('not-recording');
    expect(model.tooltip).toBe('Recall Remote · No bot selected');
    expect(enabledActions(model.menu)).toEqual([]);
    expect(find(model.menu, 'bots').submenu?.every((b) => b.checked === false)).toBe(true);
  });

  it('before the first read: loading', () => {
    const model = trayModel(input({ live: null }));
    expect(model.tooltip).toBe('Loading… · Weekly sync');
    expect(enabledActions(model.menu)).toEqual([]);
  });

  it('shows hours in the paused time past an hour', () => {
    expect(trayModel(input({ live: 'paused', recordedMs: 3_730_000 })).tooltip).toBe('Paused 1:02:10 · Weekly sync');
    expect(trayModel(input({ live: 'paused', recordedMs: 130_000 })).tooltip).toBe('Paused 02:10 · Weekly sync');
  });

  it('changes only the tooltip as the recorded time runs, never the menu', () => {
    const before = trayModel(input({ live: 'recording', recordedMs: 754_000 }));
    const after = trayModel(input({ live: 'recording', recordedMs: 755_000 }));
    expect(after.tooltip).not.toBe(before.tooltip);
    expect(after.menu).toEqual(before.menu);
  });
});

describe('trayModel — pending, armed, errors', () => {
  const pendings: Array<{ action: 'pause' | 'resume' | 'start' | 'stop' | 'leave'; live: LiveRecordingState; icon: string; text: string; enabled: string[] }> = [
    { action: 'pause', live: 'recording', icon: 'switching-paused', text: 'Pausing…', enabled: ['resume', 'start', 'stop', 'leave'] },
    { action: 'resume', live: 'paused', icon: 'switching-recording', text: 'Resuming…', enabled: ['pause', 'start', 'stop', 'leave'] },
    { action: 'start', live: 'not_recording', icon: 'switching-recording', text: 'Starting…', enabled: ['pause', 'start', 'stop', 'leave'] },
    { action: 'stop', live: 'recording', icon: 'switching-not-recording', text: 'Stopping…', enabled: ['start', 'leave'] },
    { action: 'leave', live: 'recording', icon: 'switching-not-recording', text: 'Leaving…', enabled: [] },
  ];
  for (const p of pendings) {
    it(`pending ${p.action}: the target's shape, dimmed`, () => {
      const model = trayModel(input({ live: p.live, pending: { action: p.action } }));
      expect(model.iconId).toBe(p.icon);
      expect(model.tooltip).toBe(`${p.text} · Weekly sync`);
      expect(enabledActions(model.menu)).toEqual(p.enabled);
    });
  }

  it('an unresolved toggle takes its direction from the live state', () => {
    expect(trayModel(input({ live: 'paused', pending: { action: 'toggle-pause', target: null } })).iconId).toBe('switching-recording');
    expect(trayModel(input({ live: 'recording', pending: { action: 'toggle-pause', target: null } })).iconId).toBe('switching-paused');
  });

  it('armed Start: the warning shows and Start asks for the second click', () => {
    const model = trayModel(input({ armed: { until: 1 } }));
    expect(model.iconId).toBe('recording');
    expect(find(model.menu, 'status-armed')).toMatchObject({ label: 'Press again within 3 s to overwrite the current recording', enabled: false });
    expect(find(model.menu, 'start')).toMatchObject({ label: 'Start — click again to overwrite the recording', enabled: true });
  });

  it('Start warns that it overwrites while recording, not otherwise', () => {
    expect(find(trayModel(input()).menu, 'start').label).toBe('Start new recording (overwrites)…');
    expect(find(trayModel(input({ live: 'not_recording' })).menu, 'start').label).toBe('Start');
  });

  it('offline: error icon, last known state, the reason in the menu', () => {
    const model = trayModel(input({ online: false, stale: true, lastError: { kind: 'network', message: 'Connection to x was refused' } }));
    expect(model.iconId).toBe('error');
    expect(model.tooltip).toBe('Recording · 00:12:34 · Weekly sync · Offline');
    expect(find(model.menu, 'status-offline').label).toBe('Offline — Connection to x was refused');
  });

  it('a failing read (not offline) marks the state as not updating', () => {
    const model = trayModel(input({ stale: true, lastError: { kind: 'auth', message: 'Recall rejected the API key (401)' } }));
    expect(model.iconId).toBe('error');
    expect(model.tooltip).toBe('Recording · 00:12:34 · Weekly sync · Not updating');
    expect(find(model.menu, 'status-error').label).toBe('⚠ Recall rejected the API key (401)');
  });

  it('a failed action keeps the live icon and explains in the menu', () => {
    const model = trayModel(input({ lastError: { kind: 'unconfirmed', message: 'Pause was sent but not confirmed within 10 s — the bot still reports recording' } }));
    expect(model.iconId).toBe('recording');
    expect(find(model.menu, 'status-error').label).toContain('not confirmed within 10 s');
  });

  it('a pending action wins over a stale reading while online', () => {
    expect(trayModel(input({ stale: true, pending: { action: 'pause' } })).iconId).toBe('switching-paused');
    expect(trayModel(input({ online: false, pending: { action: 'pause' } })).iconId).toBe('error');
  });
});

describe('trayModel — sandbox', () => {
  const states: Array<[Partial<TrayInput>, string]> = [
    [{ live: 'recording' }, 'recording-sandbox'],
    [{ live: 'paused' }, 'paused-sandbox'],
    [{ live: 'not_recording' }, 'not-recording-sandbox'],
    [{ live: 'ended' }, 'ended-sandbox'],
    [{ live: 'fatal' }, 'error-sandbox'],
    [{ pending: { action: 'pause' } }, 'switching-paused-sandbox'],
    [{ pending: { action: 'resume' }, live: 'paused' }, 'switching-recording-sandbox'],
    [{ pending: { action: 'stop' } }, 'switching-not-recording-sandbox'],
    [{ online: false }, 'error-sandbox'],
    [{ botId: null }, 'not-recording-sandbox'],
  ];
  for (const [over, icon] of states) {
    it(`${JSON.stringify(over)} → ${icon}`, () => {
      const model = trayModel(input({ sandbox: true, ...over }));
      expect(model.iconId).toBe(icon);
      expect(TRAY_ICON_IDS).toContain(model.iconId);
      expect(model.tooltip).toMatch(/Sandbox/);
      expect(find(model.menu, 'status').label).toMatch(/Sandbox/);
    });
  }

  it('labels the sandbox in tooltip and status line', () => {
    const model = trayModel(input({ sandbox: true }));
    expect(model.tooltip).toBe('Recording · 00:12:34 · Weekly sync · Sandbox');
  });
});

describe('trayModel — menu', () => {
  it('follows UI.md order: status → actions → leave → bots → window → settings → quit', () => {
    const ids = trayModel(input()).menu.map((m) => m.id);
    expect(ids).toEqual([
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

  it('shows each action’s accelerator, falling back to toggle-pause, only when registered', () => {
    const menu = trayModel(input({ hotkeys: { ...DEFAULT_HOTKEYS, pause: null }, hotkeyStatuses: { stop: { state: 'in_use', accelerator: DEFAULT_HOTKEYS.stop, message: 'taken' } } })).menu;
    expect(find(menu, 'pause').accelerator).toBe(DEFAULT_HOTKEYS['toggle-pause']);
    expect(find(menu, 'resume').accelerator).toBe(DEFAULT_HOTKEYS.resume);
    expect(find(menu, 'start').accelerator).toBe(DEFAULT_HOTKEYS.start);
    expect(find(menu, 'stop').accelerator).toBeUndefined();
    expect(find(menu, 'open-window').accelerator).toBe(DEFAULT_HOTKEYS['show-window']);
    expect(find(menu, 'status-hotkeys').label).toBe('1 shortcut is not working — see Settings');
  });

  it('lists recent bots with the current one checked, adding it when missing', () => {
    const bots = find(trayModel(input({ botId: 'bot-9', botName: 'Standup' })).menu, 'bots').submenu ?? [];
    expect(bots.map((b) => [b.id, b.label, b.checked, b.type])).toEqual([
      ['select-bot:bot-9', 'Standup', true, 'radio'],
      ['select-bot:bot-12345678-abcd', 'Weekly sync', false, 'radio'],
      ['select-bot:bot-2', 'Design review', false, 'radio'],
    ]);
  });

  it('says when there are no recent bots', () => {
    const bots = find(trayModel(input({ botId: null, recentBots: [] })).menu, 'bots').submenu ?? [];
    expect(bots).toEqual([{ id: 'no-bots', label: 'No recent bots', enabled: false }]);
  });

  it('routes clicked ids', () => {
    expect(parseTrayMenuId('pause')).toEqual({ kind: 'press', action: 'pause' });
    expect(parseTrayMenuId('leave')).toEqual({ kind: 'press', action: 'leave' });
    expect(parseTrayMenuId('select-bot:abc:def')).toEqual({ kind: 'select-bot', botId: 'abc:def' });
    expect(parseTrayMenuId('open-window')).toEqual({ kind: 'open-window' });
    expect(parseTrayMenuId('settings')).toEqual({ kind: 'settings' });
    expect(parseTrayMenuId('quit')).toEqual({ kind: 'quit' });
    expect(parseTrayMenuId('status')).toBeNull();
    expect(parseTrayMenuId('select-bot:')).toBeNull();
    expect(parseTrayMenuId('toggle-pause')).toBeNull();
  });

  it('is pure: same input, same output', () => {
    expect(trayModel(input())).toEqual(trayModel(input()));
  });
});

describe('trayModel — hostile and long bot names', () => {
  it('strips control, bidi and zero-width characters', () => {
    const model = trayModel(input({ botName: 'Evil\u202Egnirts\u0000\u0007 name\r\nnext\u200B\u2066x' }));
    expect(model.tooltip).toBe('Recording · 00:12:34 · Evil gnirts name next x');
    expect([...model.tooltip].filter((ch) => /\p{Cc}|\p{Cf}/u.test(ch) && ch !== '\u200d')).toEqual([]);
  });

  it('keeps joined emoji intact', () => {
    expect(trayModel(input({ botName: 'Family 👨\u200d👩\u200d👧' })).tooltip).toBe('Recording · 00:12:34 · Family 👨\u200d👩\u200d👧');
  });

  it('escapes & in menu labels but not in the tooltip', () => {
    const model = trayModel(input({ botName: 'R&D sync', recentBots: [{ id: 'bot-12345678-abcd', name: 'R&D sync' }] }));
    expect(model.tooltip).toBe('Recording · 00:12:34 · R&D sync');
    expect(find(model.menu, 'status').label).toBe('Recording · R&&D sync');
    expect(find(model.menu, 'bots').submenu?.[0]?.label).toBe('R&&D sync');
  });

  it('uses a look-alike ampersand in Windows tooltips, which eat a plain one', () => {
    expect(trayModel(input({ botName: 'R&D', platform: 'win32' })).tooltip).toBe('Recording · 00:12:34 · R\uff06D');
  });

  it('falls back to the bot id when the name is empty or only junk', () => {
    expect(trayModel(input({ botName: '\u0000\u200B  ' })).tooltip).toBe('Recording · 00:12:34 · Bot bot-1234');
    expect(trayModel(input({ botName: null })).tooltip).toBe('Recording · 00:12:34 · Bot bot-1234');
  });

  it('truncates the name so the tooltip fits Windows’ 127 characters, keeping state and time', () => {
    const long = 'Quarterly planning '.repeat(20);
    for (const sandbox of [false, true]) {
      const tooltip = trayModel(input({ botName: long, sandbox, online: false })).tooltip;
      expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
      expect(tooltip.startsWith('Recording · 00:12:34 · Quarterly planning')).toBe(true);
      expect(tooltip).toContain('…');
      expect(tooltip.endsWith(sandbox ? '· Offline · Sandbox' : '· Offline')).toBe(true);
    }
  });

  it('never splits an emoji when truncating', () => {
    const tooltip = trayModel(input({ botName: '🎙️'.repeat(100) })).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(tooltip).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('keeps menu labels short', () => {
    const model = trayModel(input({ botName: 'x'.repeat(500), recentBots: [{ id: 'b', name: 'y'.repeat(500) }] }));
    expect(find(model.menu, 'status').label.length).toBeLessThanOrEqual(80);
    expect(find(model.menu, 'bots').submenu?.find((b) => b.id === 'select-bot:b')?.label.length).toBeLessThanOrEqual(48);
  });
});

describe('trayModel — automation line', () => {
  it('shows what automation did as a disabled item right under the status line', () => {
    const model = trayModel(input({ live: 'paused', automationLine: 'Auto-paused on lock — resumes on unlock' }));
    expect(model.menu.slice(0, 3).map((m) => [m.id, m.label, m.enabled])).toEqual([
      ['status', 'Paused · Weekly sync', false],
      ['status-automation', 'Auto-paused on lock — resumes on unlock', false],
      ['separator-actions', '', true],
    ]);
    expect(parseTrayMenuId('status-automation')).toBeNull();
  });

  it('adds it as a line of its own under the tooltip, which still fits Windows’ 127 characters', () => {
    const model = trayModel(input({ live: 'paused', recordedMs: 130_000, automationLine: 'Auto-paused on sleep' }));
    expect(model.tooltip).toBe('Paused 02:10 · Weekly sync\nAuto-paused on sleep');
    const long = trayModel(input({ botName: 'A very long meeting name '.repeat(8), automationLine: 'The bot may leave in 4 min unless recording — and more words than fit in the tray line' }));
    expect(long.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    const [state, line] = long.tooltip.split('\n');
    expect(state).toMatch(/^Recording · 00:12:34 · A very long/);
    expect(line).toMatch(/^The bot may leave in 4 min unless recording.*…$/);
  });

  it('shows nothing extra for a null, empty or blank line', () => {
    const plain = trayModel(input());
    for (const automationLine of [null, '', '  \n ']) {
      expect(trayModel(input({ automationLine }))).toEqual(plain);
    }
  });

  it('escapes & in the menu and keeps it on one line', () => {
    const model = trayModel(input({ automationLine: 'Lock & sleep\nsecond line' }));
    expect(find(model.menu, 'status-automation').label).toBe('Lock && sleep second line');
  });
});
