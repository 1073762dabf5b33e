import { describe, expect, it } from 'vitest';
import { acceleratorsConflict, formatAccelerator, normalizeAccelerator, parseAccelerator } from '../../../electron/core/hotkeys/accelerator';

describe('parseAccelerator — refusals say exactly what is wrong', () => {
  const table: Array<[string, string]> = [
    ['Ctrl+Shift', "'Ctrl+Shift' has no key — add a letter, digit or F-key"],
    ['Ctrl+Ctrl+P', "'Ctrl+Ctrl+P' repeats a modifier"],
    ['ctrl+Control+P', "'ctrl+Control+P' repeats a modifier"],
    ['CmdOrCtrl+Ctrl+P', "'CmdOrCtrl+Ctrl+P' repeats a modifier (CmdOrCtrl already is Ctrl on Windows and Linux)"],
    ['Alt+Option+P', "'Alt+Option+P' repeats a modifier (Option is Alt)"],
    ['Ctrl+Foo', "Unknown key 'Foo'"],
    ['Foo', "Unknown key 'Foo'"],
    ['Hyper+P', "Unknown modifier 'Hyper' — use Ctrl, Alt, Shift, Cmd, CmdOrCtrl or Super"],
    ['P', 'A shortcut needs at least one modifier unless it is an F-key/media key'],
    ['Space', 'A shortcut needs at least one modifier unless it is an F-key/media key'],
    ['Ctrl+A+B', "'Ctrl+A+B' has two keys ('A' and 'B') — a shortcut takes one key plus modifiers"],
    ['Ctrl++', "'Ctrl++' has an empty part — for the + key write 'Plus' (e.g. Ctrl+Alt+Plus)"],
    ['Ctrl+', "'Ctrl+' has an empty part — for the + key write 'Plus' (e.g. Ctrl+Alt+Plus)"],
    ['Shift+P', "'Shift+P' would stop you typing that character anywhere — add Ctrl, Alt or Cmd"],
    ['AltGr+Shift+2', "'AltGr+Shift+2' would stop you typing that character anywhere — add Ctrl, Alt or Cmd"],
    ['', 'No shortcut entered'],
    ['   ', 'No shortcut entered'],
    ['F25', "Unknown key 'F25'"],
  ];
  for (const [input, message] of table) {
    it(`'${input}'`, () => {
      expect(parseAccelerator(input)).toEqual({ ok: false, message });
    });
  }

  it('refuses macOS-only modifiers on other platforms', () => {
    expect(parseAccelerator('Cmd+Shift+P', { platform: 'win32' })).toEqual({ ok: false, message: "'Cmd+Shift+P' uses Cmd, which only exists on macOS — use CmdOrCtrl (Ctrl here)" });
    expect(parseAccelerator('Option+Shift+P', { platform: 'linux' })).toEqual({ ok: false, message: "'Option+Shift+P' uses Option, which only exists on macOS — use Alt" });
    expect(parseAccelerator('Cmd+Shift+P', { platform: 'darwin' }).ok).toBe(true);
  });
});

describe('parseAccelerator — valid shortcuts and normalization', () => {
  const table: Array<[string, string]> = [
    ['CmdOrCtrl+Alt+Shift+P', 'CommandOrControl+Alt+Shift+P'],
    ['shift+alt+cmdorctrl+p', 'CommandOrControl+Alt+Shift+P'],
    [' Ctrl + Alt + Delete ', 'Control+Alt+Delete'],
    ['Ctrl+Alt+Delete', 'Control+Alt+Delete'],
    ['Cmd+Shift+Esc', 'Command+Shift+Escape'],
    ['Meta+Enter', 'Super+Return'],
    ['Control+Plus', 'Control+Plus'],
    ['Ctrl+Alt+/', 'Control+Alt+/'],
    ['Ctrl+num5', 'Control+num5'],
    ['Ctrl+PAGEUP', 'Control+PageUp'],
    ['f13', 'F13'],
    ['F24', 'F24'],
    ['MediaPlayPause', 'MediaPlayPause'],
    ['volumemute', 'VolumeMute'],
    ['Shift+F5', 'Shift+F5'],
    ['AltGr+Ctrl+9', 'Control+AltGr+9'],
  ];
  for (const [input, normalized] of table) {
    it(`'${input}' → '${normalized}'`, () => {
      const parsed = parseAccelerator(input);
      expect(parsed.ok && parsed.accelerator).toBe(normalized);
      expect(normalizeAccelerator(normalized)).toBe(normalized);
    });
  }

  it('returns null for an invalid shortcut', () => {
    expect(normalizeAccelerator('Ctrl+Shift')).toBeNull();
  });
});

describe('acceleratorsConflict', () => {
  it('sees aliases and CmdOrCtrl as the same keys', () => {
    expect(acceleratorsConflict('CmdOrCtrl+Shift+P', 'Ctrl+Shift+P')).toBe(true);
    expect(acceleratorsConflict('CmdOrCtrl+Shift+P', 'Cmd+Shift+P')).toBe(true);
    expect(acceleratorsConflict('CmdOrCtrl+Shift+P', 'Cmd+Shift+P', { platform: 'linux' })).toBe(false);
    expect(acceleratorsConflict('CmdOrCtrl+Shift+P', 'Ctrl+Shift+P', { platform: 'darwin' })).toBe(false);
    expect(acceleratorsConflict('Alt+Shift+Enter', 'Option+Shift+Return')).toBe(true);
    expect(acceleratorsConflict('Ctrl+Shift+P', 'Ctrl+Alt+P')).toBe(false);
  });
});

describe('formatAccelerator', () => {
  it('uses symbols on macOS and words elsewhere', () => {
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'darwin')).toBe('⌥⇧⌘P');
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'win32')).toBe('Ctrl+Alt+Shift+P');
    expect(formatAccelerator('Super+F5', 'win32')).toBe('Win+F5');
    expect(formatAccelerator('Super+F5', 'linux')).toBe('Super+F5');
    expect(formatAccelerator('Control+Shift+F5', 'darwin')).toBe('⌃⇧F5');
    expect(formatAccelerator('Nope+X', 'linux')).toBe('Nope+X');
  });
});
