import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTKEYS,
  HOTKEY_ACTIONS,
  HOTKEYS_SCHEMA_VERSION,
  checkBindings,
  parsePersistedHotkeys,
  serializeHotkeys,
  withBinding,
} from '../../../electron/core/hotkeys/hotkey-map';
import { acceleratorsConflict, parseAccelerator } from '../../../electron/core/hotkeys/accelerator';

describe('default shortcuts', () => {
  it('bind every action except leave, validly and without clashes on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const checks = checkBindings(DEFAULT_HOTKEYS, { platform });
      for (const action of HOTKEY_ACTIONS) expect(checks[action], `${action} on ${platform}`).toMatchObject({ status: 'ok' });
    }
  });

  it('avoid shortcuts meeting apps and the OS already use', () => {
    const taken = ['Ctrl+Shift+M', 'Ctrl+Shift+O', 'Alt+A', 'Alt+V', 'Cmd+Shift+A', 'Ctrl+D', 'Ctrl+E', 'Alt+F4', 'Ctrl+Shift+Esc', 'Cmd+Shift+3', 'Cmd+Shift+4', 'Ctrl+Alt+T'];
    for (const accelerator of Object.values(DEFAULT_HOTKEYS)) {
      if (accelerator === null) continue;
      const parsed = parseAccelerator(accelerator);
      if (!parsed.ok) throw new Error(accelerator);
      expect(parsed.modifiers.length, accelerator).toBeGreaterThanOrEqual(3);
      expect(taken.filter((t) => acceleratorsConflict(t, accelerator))).toEqual([]);
    }
  });
});

describe('checkBindings', () => {
  it('flags a duplicate with the action that already has it', () => {
    const bindings = withBinding(DEFAULT_HOTKEYS, 'stop', 'CmdOrCtrl+Alt+Shift+H');
    expect(checkBindings(bindings).stop).toEqual({ status: 'invalid', input: 'CommandOrControl+Alt+Shift+H', message: 'Already used by Pause' });
    expect(checkBindings(bindings).pause).toEqual({ status: 'ok', accelerator: 'CommandOrControl+Alt+Shift+H' });
  });

  it('sees a clash between spellings of the same keys', () => {
    const bindings = { ...DEFAULT_HOTKEYS, resume: 'ctrl+alt+shift+h' };
    expect(checkBindings(bindings, { platform: 'win32' }).resume).toMatchObject({ status: 'invalid', message: 'Already used by Pause' });
    expect(checkBindings(bindings, { platform: 'darwin' }).resume).toEqual({ status: 'ok', accelerator: 'Control+Alt+Shift+H' });
  });

  it('reports an invalid accelerator with its own message, and unbound as unbound', () => {
    const bindings = { ...DEFAULT_HOTKEYS, start: 'Ctrl+Shift', stop: null, 'show-window': '  ' };
    const checks = checkBindings(bindings);
    expect(checks.start).toEqual({ status: 'invalid', input: 'Ctrl+Shift', message: "'Ctrl+Shift' has no key — add a letter, digit or F-key" });
    expect(checks.stop).toEqual({ status: 'unbound' });
    expect(checks['show-window']).toEqual({ status: 'unbound' });
  });

  it('does not count an invalid binding as taking keys', () => {
    const bindings = { ...DEFAULT_HOTKEYS, 'toggle-pause': 'Ctrl+Ctrl+P', pause: 'Ctrl+Alt+P' };
    expect(checkBindings(bindings).pause).toEqual({ status: 'ok', accelerator: 'Control+Alt+P' });
  });
});

describe('persistence', () => {
  it('round-trips through plain JSON with a schema version', () => {
    const bindings = withBinding(withBinding(DEFAULT_HOTKEYS, 'pause', 'ctrl+alt+f9'), 'start', null);
    const json = JSON.parse(JSON.stringify(serializeHotkeys(bindings))) as unknown;
    expect(json).toMatchObject({ version: HOTKEYS_SCHEMA_VERSION, bindings: { pause: 'Control+Alt+F9', start: null } });
    expect(parsePersistedHotkeys(json)).toEqual({ bindings, warnings: [] });
  });

  it('starts with the defaults when nothing is stored', () => {
    expect(parsePersistedHotkeys(undefined)).toEqual({ bindings: DEFAULT_HOTKEYS, warnings: [] });
    expect(parsePersistedHotkeys(null)).toEqual({ bindings: DEFAULT_HOTKEYS, warnings: [] });
  });

  it('fills missing actions with their defaults and keeps deliberate unbinding', () => {
    const loaded = parsePersistedHotkeys({ version: 1, bindings: { pause: 'Ctrl+Alt+F8', stop: null } });
    expect(loaded.bindings).toEqual({ ...DEFAULT_HOTKEYS, pause: 'Control+Alt+F8', stop: null });
    expect(loaded.warnings).toEqual([]);
  });

  it('migrates the unversioned flat map', () => {
    const loaded = parsePersistedHotkeys({ 'toggle-pause': 'CmdOrCtrl+Shift+F10' });
    expect(loaded.bindings).toEqual({ ...DEFAULT_HOTKEYS, 'toggle-pause': 'CommandOrControl+Shift+F10' });
  });

  it('repairs wrong types and drops unknown actions, saying so', () => {
    const loaded = parsePersistedHotkeys({ version: 1, bindings: { pause: 42, teleport: 'Ctrl+Alt+T', resume: '' } });
    expect(loaded.bindings).toEqual({ ...DEFAULT_HOTKEYS, resume: null });
    expect(loaded.warnings).toEqual(['The saved shortcut for Pause was not text; the default is back', "Ignored a saved shortcut for an unknown action 'teleport'"]);
  });

  it('keeps an invalid stored accelerator so Settings can show why', () => {
    const loaded = parsePersistedHotkeys({ version: 1, bindings: { stop: 'Ctrl+Shift' } });
    expect(loaded.bindings.stop).toBe('Ctrl+Shift');
    expect(checkBindings(loaded.bindings).stop).toMatchObject({ status: 'invalid' });
  });

  it('reads a newer schema best-effort with a warning', () => {
    const loaded = parsePersistedHotkeys({ version: 7, bindings: { pause: 'Ctrl+Alt+F7' }, profiles: [] });
    expect(loaded.bindings.pause).toBe('Control+Alt+F7');
    expect(loaded.warnings).toEqual(['Shortcuts were saved by a newer version (schema 7); read what this version understands']);
  });

  it('falls back to the defaults on unreadable data', () => {
    for (const raw of ['Ctrl+P', 3, [1, 2], { version: 'one', bindings: {} }, { version: 1 }]) {
      expect(parsePersistedHotkeys(raw)).toEqual({ bindings: DEFAULT_HOTKEYS, warnings: ['Saved shortcuts were unreadable; the defaults are back'] });
    }
  });
});
