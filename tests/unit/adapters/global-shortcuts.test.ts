// Global shortcuts: what the user sees in Settings for each binding (registered, taken by another
// app, refused), presses reaching the dispatcher, re-registration on change, Wayland handling.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS, HotkeyDispatcher, withBinding } from '../../../electron/core/hotkeys';
import type { HotkeyAction, HotkeyOutcome } from '../../../electron/core/hotkeys';
import { FakeCommandLine, globalShortcutFake } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  return { globalShortcut: fakes.globalShortcutFake };
});

const { configureLinuxShortcutPortal, installGlobalShortcuts, isWaylandSession, WAYLAND_UNRELIABLE_NOTE } = await import('../../../electron/main/adapters/global-shortcuts');

function fakeDispatcher() {
  const pressed: HotkeyAction[] = [];
  return {
    pressed,
    dispatch(action: HotkeyAction): Promise<HotkeyOutcome> {
      pressed.push(action);
      return Promise.resolve({ action, at: 0, status: 'done', message: `${action} done` });
    },
  };
}

beforeEach(() => globalShortcutFake.reset());

describe('installGlobalShortcuts', () => {
  it('registers every bound shortcut and routes a press to the dispatcher', async () => {
    const dispatcher = fakeDispatcher();
    const shortcuts = installGlobalShortcuts({ dispatcher, platform: 'linux' });
    const report = shortcuts.apply(DEFAULT_HOTKEYS);
    expect([...globalShortcutFake.held.keys()].sort()).toEqual(Object.values(DEFAULT_HOTKEYS).sort());
    expect(report.statuses.pause).toEqual({ state: 'registered', accelerator: 'CommandOrControl+Alt+Shift+H', message: null });
    expect(report.reliable).toBe(true);
    globalShortcutFake.press('CommandOrControl+Alt+Shift+H');
    globalShortcutFake.press('CommandOrControl+Alt+Shift+P');
    await Promise.resolve();
    expect(dispatcher.pressed).toEqual(['pause', 'toggle-pause']);
  });

  it('a press goes through the real dispatcher and always yields an outcome for the notifier', async () => {
    const outcomes: HotkeyOutcome[] = [];
    const dispatcher = new HotkeyDispatcher({ target: () => null, showWindow: () => undefined, notify: (o) => outcomes.push(o) });
    installGlobalShortcuts({ dispatcher, platform: 'linux' }).apply(DEFAULT_HOTKEYS);
    globalShortcutFake.press('CommandOrControl+Alt+Shift+R');
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ action: 'start', status: 'refused' });
  });

  it('reports a shortcut another app holds (register returned false) as in use, with the keys named', () => {
    globalShortcutFake.taken.add('CommandOrControl+Alt+Shift+T');
    const report = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' }).apply(DEFAULT_HOTKEYS);
    expect(report.statuses.stop.state).toBe('in_use');
    expect(report.statuses.stop.message).toBe('Ctrl+Alt+Shift+T is already taken by another app or the system — choose another shortcut');
    expect(report.statuses.pause.state).toBe('registered');
  });

  it('reports an accelerator Electron throws on as invalid, and keeps going with the others', () => {
    globalShortcutFake.refused.add('CommandOrControl+Alt+Shift+U');
    const report = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' }).apply(DEFAULT_HOTKEYS);
    expect(report.statuses.resume.state).toBe('invalid');
    expect(report.statuses.resume.message).toContain('Failed to parse accelerator');
    expect(report.statuses['show-window'].state).toBe('registered');
  });

  it('does not hand an invalid or unbound binding to the OS', () => {
    const bindings = withBinding(withBinding(DEFAULT_HOTKEYS, 'pause', 'Ctrl+Banana'), 'resume', null);
    const report = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' }).apply(bindings);
    expect(report.statuses.pause).toMatchObject({ state: 'invalid', message: "Unknown key 'Banana'" });
    expect(report.statuses.resume.state).toBe('unbound');
    expect(globalShortcutFake.held.size).toBe(4);
  });

  it('on change, releases the old keys and registers only the new ones', () => {
    const shortcuts = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' });
    shortcuts.apply(DEFAULT_HOTKEYS);
    const registerSpy = vi.spyOn(globalShortcutFake, 'register');
    const report = shortcuts.apply(withBinding(DEFAULT_HOTKEYS, 'pause', 'F9'));
    expect(globalShortcutFake.unregistered).toEqual(['CommandOrControl+Alt+Shift+H']);
    expect(registerSpy.mock.calls.map(([accelerator]) => accelerator)).toEqual(['F9']);
    expect(globalShortcutFake.held.has('CommandOrControl+Alt+Shift+H')).toBe(false);
    expect(report.statuses.pause).toMatchObject({ state: 'registered', accelerator: 'F9' });
    registerSpy.mockRestore();
  });

  it('swapping two actions\' keys works (release first, then register)', async () => {
    const dispatcher = fakeDispatcher();
    const shortcuts = installGlobalShortcuts({ dispatcher, platform: 'linux' });
    shortcuts.apply(DEFAULT_HOTKEYS);
    const swapped = withBinding(withBinding(withBinding(DEFAULT_HOTKEYS, 'pause', null), 'resume', DEFAULT_HOTKEYS.pause), 'pause', DEFAULT_HOTKEYS.resume);
    const report = shortcuts.apply(swapped);
    expect(report.statuses.pause.state).toBe('registered');
    expect(report.statuses.resume.state).toBe('registered');
    globalShortcutFake.press('CommandOrControl+Alt+Shift+H');
    await Promise.resolve();
    expect(dispatcher.pressed).toEqual(['resume']);
  });

  it('a shortcut that was taken is tried again on the next apply', () => {
    globalShortcutFake.taken.add('CommandOrControl+Alt+Shift+T');
    const shortcuts = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' });
    expect(shortcuts.apply(DEFAULT_HOTKEYS).statuses.stop.state).toBe('in_use');
    globalShortcutFake.taken.clear();
    expect(shortcuts.apply(DEFAULT_HOTKEYS).statuses.stop.state).toBe('registered');
  });

  it('dispose releases exactly the shortcuts it registered, never with unregisterAll', () => {
    globalShortcutFake.taken.add('CommandOrControl+Alt+Shift+T');
    const shortcuts = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' });
    shortcuts.apply(DEFAULT_HOTKEYS);
    shortcuts.dispose();
    expect(globalShortcutFake.held.size).toBe(0);
    expect(globalShortcutFake.unregistered.sort()).toEqual(Object.values(DEFAULT_HOTKEYS).filter((a) => a !== 'CommandOrControl+Alt+Shift+T').sort());
  });

  it('while suspended (recording a new shortcut) nothing fires; changes apply on resume', () => {
    const shortcuts = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux' });
    shortcuts.apply(DEFAULT_HOTKEYS);
    shortcuts.setSuspended(true);
    expect(globalShortcutFake.suspended).toBe(true);
    shortcuts.apply(withBinding(DEFAULT_HOTKEYS, 'stop', 'F8'));
    expect(globalShortcutFake.held.has('F8')).toBe(false);
    shortcuts.setSuspended(false);
    expect(globalShortcutFake.suspended).toBe(false);
    expect(globalShortcutFake.held.has('F8')).toBe(true);
    expect(shortcuts.report().statuses.stop).toMatchObject({ state: 'registered', accelerator: 'F8' });
  });

  it('tells listeners about each new report', () => {
    const onReport = vi.fn();
    installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux', onReport }).apply(DEFAULT_HOTKEYS);
    expect(onReport).toHaveBeenCalledTimes(1);
    expect(onReport.mock.calls[0]?.[0].statuses.pause.state).toBe('registered');
  });

  it('on Wayland marks registrations unreliable and says why', () => {
    const report = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux', session: { wayland: true, portal: 'enabled' } }).apply(DEFAULT_HOTKEYS);
    expect(report.reliable).toBe(false);
    expect(report.note).toBe(WAYLAND_UNRELIABLE_NOTE);
    expect(report.statuses.pause.state).toBe('registered');
  });

  it('on Wayland with the portal disabled registers nothing and reports unsupported', () => {
    const report = installGlobalShortcuts({ dispatcher: fakeDispatcher(), platform: 'linux', session: { wayland: true, portal: 'disabled' } }).apply(DEFAULT_HOTKEYS);
    expect(globalShortcutFake.held.size).toBe(0);
    expect(report.statuses.pause.state).toBe('unsupported');
    expect(report.statuses.pause.message).toContain('GlobalShortcutsPortal feature was disabled');
  });
});

describe('configureLinuxShortcutPortal', () => {
  it('detects Wayland from XDG_SESSION_TYPE or WAYLAND_DISPLAY, on Linux only', () => {
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' }, 'linux')).toBe(true);
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, 'linux')).toBe(false);
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0' }, 'darwin')).toBe(false);
  });

  it('enables the GlobalShortcutsPortal feature on Wayland', () => {
    const commandLine = new FakeCommandLine();
    const session = configureLinuxShortcutPortal({ commandLine }, { XDG_SESSION_TYPE: 'wayland' }, 'linux');
    expect(session).toEqual({ wayland: true, portal: 'enabled' });
    expect(commandLine.appended).toEqual([['enable-features', 'GlobalShortcutsPortal']]);
  });

  it('merges with features already enabled (Chromium keeps only the last --enable-features)', () => {
    const commandLine = new FakeCommandLine({ 'enable-features': 'UseOzonePlatform,WaylandWindowDecorations' });
    configureLinuxShortcutPortal({ commandLine }, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux');
    expect(commandLine.getSwitchValue('enable-features')).toBe('UseOzonePlatform,WaylandWindowDecorations,GlobalShortcutsPortal');
  });

  it('leaves the command line alone off Wayland, when already enabled, or when the user disabled it', () => {
    const x11 = new FakeCommandLine();
    expect(configureLinuxShortcutPortal({ commandLine: x11 }, { XDG_SESSION_TYPE: 'x11' }, 'linux')).toEqual({ wayland: false, portal: 'not_needed' });
    const mac = new FakeCommandLine();
    configureLinuxShortcutPortal({ commandLine: mac }, { XDG_SESSION_TYPE: 'wayland' }, 'darwin');
    const already = new FakeCommandLine({ 'enable-features': 'GlobalShortcutsPortal' });
    configureLinuxShortcutPortal({ commandLine: already }, { XDG_SESSION_TYPE: 'wayland' }, 'linux');
    const optedOut = new FakeCommandLine({ 'disable-features': 'Foo,GlobalShortcutsPortal' });
    expect(configureLinuxShortcutPortal({ commandLine: optedOut }, { XDG_SESSION_TYPE: 'wayland' }, 'linux')).toEqual({ wayland: true, portal: 'disabled' });
    expect([x11, mac, already, optedOut].map((c) => c.appended.length)).toEqual([0, 0, 0, 0]);
  });
});
