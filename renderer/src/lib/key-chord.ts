// The key recorder's translation: a KeyboardEvent → an Electron accelerator string
// (https://www.electronjs.org/docs/latest/api/accelerator), with CommandOrControl meaning Cmd on
// macOS and Ctrl elsewhere, plus how a chord reads while it is being pressed.

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Chord =
  /** Only modifiers held so far: keep listening. */
  | { kind: 'modifiers'; modifiers: string[] }
  | { kind: 'key'; accelerator: string; modifiers: string[]; key: string }
  /** A key no accelerator can name (e.g. the apostrophe). */
  | { kind: 'unsupported'; message: string };

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS', 'Super', 'Hyper', 'Fn', 'CapsLock']);

const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Return',
  NumpadEnter: 'Return',
  Escape: 'Escape',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  PrintScreen: 'PrintScreen',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
  MediaPlayPause: 'MediaPlayPause',
  MediaStop: 'MediaStop',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
};

/** The accelerator's key name for this physical key, or null when it has none. */
function keyName(event: KeyLike): string | null {
  // Letters and digits follow the layout (AZERTY's A is A) unless a modifier changed the character.
  if (/^[a-z0-9]$/i.test(event.key)) return event.key.toUpperCase();
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter?.[1]) return letter[1];
  const digit = /^(Digit|Numpad)([0-9])$/.exec(event.code);
  if (digit?.[2]) return digit[1] === 'Numpad' ? `num${digit[2]}` : digit[2];
  const fn = /^F([1-9]|1[0-9]|2[0-4])$/.exec(event.code);
  if (fn) return event.code;
  return CODE_KEYS[event.code] ?? null;
}

function heldModifiers(event: KeyLike, platform: string): string[] {
  const mac = platform === 'darwin';
  const held: string[] = [];
  if (mac ? event.metaKey : event.ctrlKey) held.push('CommandOrControl');
  if (mac && event.ctrlKey) held.push('Control');
  if (event.altKey) held.push('Alt');
  if (event.shiftKey) held.push('Shift');
  if (!mac && event.metaKey) held.push('Super');
  return held;
}

export function isModifierKey(event: Pick<KeyLike, 'key'>): boolean {
  return MODIFIER_KEYS.has(event.key);
}

export function chordFromEvent(event: KeyLike, platform: string): Chord {
  const modifiers = heldModifiers(event, platform);
  if (isModifierKey(event)) return { kind: 'modifiers', modifiers };
  const key = keyName(event);
  if (key === null) {
    const shown = event.key.length === 1 ? `“${event.key}”` : event.key || event.code;
    return { kind: 'unsupported', message: `The ${shown} key can’t be used in a global shortcut — try a letter, digit or F-key.` };
  }
  return { kind: 'key', accelerator: [...modifiers, key].join('+'), modifiers, key };
}

const MAC_SYMBOLS: Record<string, string> = { Control: '⌃', Alt: '⌥', Shift: '⇧', CommandOrControl: '⌘', Super: '⌘' };
const MAC_ORDER = ['Control', 'Alt', 'Shift', 'CommandOrControl', 'Super'];
const NAMES: Record<string, string> = { CommandOrControl: 'Ctrl', Control: 'Ctrl', Alt: 'Alt', Shift: 'Shift' };

/** A chord as it reads on `platform` ("⌥⇧⌘P", "Ctrl+Alt+Shift+P"); `key` null while only modifiers are held. */
export function chordText(modifiers: readonly string[], key: string | null, platform: string): string {
  if (platform === 'darwin') {
    const symbols = MAC_ORDER.filter((m) => modifiers.includes(m)).map((m) => MAC_SYMBOLS[m] ?? m);
    return symbols.join('') + (key ?? '');
  }
  const names = modifiers.map((m) => (m === 'Super' ? (platform === 'win32' ? 'Win' : 'Super') : (NAMES[m] ?? m)));
  return [...names, ...(key === null ? [] : [key])].join('+') + (key === null && names.length > 0 ? '+' : '');
}
