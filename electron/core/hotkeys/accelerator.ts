// Electron accelerator strings (https://www.electronjs.org/docs/latest/api/accelerator): parsing
// with specific messages for every mistake, normalization to one canonical spelling, display
// text per platform, and whether two shortcuts are the same keys on some platform.

export type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'Option' | 'AltGr' | 'Shift' | 'Super';

/** Canonical order of modifiers in a normalized accelerator. */
export const MODIFIER_ORDER: readonly Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'Option', 'AltGr', 'Shift', 'Super'];

const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Option',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

export type KeyKind = 'letter' | 'digit' | 'function' | 'punctuation' | 'named' | 'media' | 'numpad';

interface KeyInfo {
  name: string;
  kind: KeyKind;
}

/** Punctuation Electron accepts as a key ('+' is the separator: write `Plus`). */
const PUNCTUATION = [')', '!', '@', '#', '$', '%', '^', '&', '*', '(', ':', ';', '=', '<', ',', '_', '-', '>', '.', '?', '/', '~', '`', '{', ']', '[', '|', '\\', '}', '"'];

const NAMED_KEYS: ReadonlyArray<[string, KeyKind, ...string[]]> = [
  ['Plus', 'punctuation'],
  ['Space', 'named'],
  ['Tab', 'named'],
  ['Capslock', 'named'],
  ['Numlock', 'named'],
  ['Scrolllock', 'named'],
  ['Backspace', 'named'],
  ['Delete', 'named'],
  ['Insert', 'named'],
  ['Return', 'named', 'enter'],
  ['Up', 'named'],
  ['Down', 'named'],
  ['Left', 'named'],
  ['Right', 'named'],
  ['Home', 'named'],
  ['End', 'named'],
  ['PageUp', 'named'],
  ['PageDown', 'named'],
  ['Escape', 'named', 'esc'],
  ['PrintScreen', 'named'],
  ['VolumeUp', 'media'],
  ['VolumeDown', 'media'],
  ['VolumeMute', 'media'],
  ['MediaNextTrack', 'media'],
  ['MediaPreviousTrack', 'media'],
  ['MediaStop', 'media'],
  ['MediaPlayPause', 'media'],
  ['numdec', 'numpad'],
  ['numadd', 'numpad'],
  ['numsub', 'numpad'],
  ['nummult', 'numpad'],
  ['numdiv', 'numpad'],
];

const KEYS: ReadonlyMap<string, KeyInfo> = (() => {
  const keys = new Map<string, KeyInfo>();
  for (let c = 65; c <= 90; c++) keys.set(String.fromCharCode(c + 32), { name: String.fromCharCode(c), kind: 'letter' });
  for (let d = 0; d <= 9; d++) {
    keys.set(String(d), { name: String(d), kind: 'digit' });
    keys.set(`num${d}`, { name: `num${d}`, kind: 'numpad' });
  }
  for (let f = 1; f <= 24; f++) keys.set(`f${f}`, { name: `F${f}`, kind: 'function' });
  for (const p of PUNCTUATION) keys.set(p, { name: p, kind: 'punctuation' });
  for (const [name, kind, ...aliases] of NAMED_KEYS) {
    for (const spelling of [name, ...aliases]) keys.set(spelling.toLowerCase(), { name, kind });
  }
  return keys;
})();

export interface ParsedAccelerator {
  ok: true;
  /** Canonical spelling: modifiers in MODIFIER_ORDER, long names, key in its canonical case. */
  accelerator: string;
  modifiers: readonly Modifier[];
  key: string;
  keyKind: KeyKind;
}

export type AcceleratorCheck = ParsedAccelerator | { ok: false; message: string };

export interface AcceleratorOptions {
  /** `process.platform`; when given, modifiers that do nothing there are refused. */
  platform?: string;
}

/** Keys that type text: with Shift/AltGr alone a global shortcut would swallow that character. */
const TYPING_KINDS: ReadonlySet<KeyKind> = new Set(['letter', 'digit', 'punctuation', 'numpad']);

function fail(message: string): AcceleratorCheck {
  return { ok: false, message };
}

/** Overlapping pairs: the second means the first on some platform. */
const OVERLAPS: ReadonlyArray<[Modifier, Modifier, string]> = [
  ['CommandOrControl', 'Control', 'CmdOrCtrl already is Ctrl on Windows and Linux'],
  ['CommandOrControl', 'Command', 'CmdOrCtrl already is Cmd on macOS'],
  ['Alt', 'Option', 'Option is Alt'],
];

export function parseAccelerator(input: string, opts: AcceleratorOptions = {}): AcceleratorCheck {
  const raw = input.trim();
  if (raw === '') return fail('No shortcut entered');
  const tokens = raw.split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) return fail(`'${raw}' has an empty part — for the + key write 'Plus' (e.g. Ctrl+Alt+Plus)`);

  const modifiers: Modifier[] = [];
  let key: KeyInfo | null = null;
  let keyToken = '';
  for (const [index, token] of tokens.entries()) {
    const lower = token.toLowerCase();
    const modifier = MODIFIER_ALIASES[lower];
    if (modifier) {
      if (modifiers.includes(modifier)) return fail(`'${raw}' repeats a modifier`);
      const overlap = OVERLAPS.find(([a, b]) => (a === modifier && modifiers.includes(b)) || (b === modifier && modifiers.includes(a)));
      if (overlap) return fail(`'${raw}' repeats a modifier (${overlap[2]})`);
      modifiers.push(modifier);
      continue;
    }
    const info = KEYS.get(lower);
    if (!info) {
      return index === tokens.length - 1
        ? fail(`Unknown key '${token}'`)
        : fail(`Unknown modifier '${token}' — use Ctrl, Alt, Shift, Cmd, CmdOrCtrl or Super`);
    }
    if (key) return fail(`'${raw}' has two keys ('${keyToken}' and '${token}') — a shortcut takes one key plus modifiers`);
    key = info;
    keyToken = token;
  }
  if (!key) return fail(`'${raw}' has no key — add a letter, digit or F-key`);
  if (modifiers.length === 0 && key.kind !== 'function' && key.kind !== 'media') {
    return fail('A shortcut needs at least one modifier unless it is an F-key/media key');
  }
  if (modifiers.length > 0 && modifiers.every((m) => m === 'Shift' || m === 'AltGr') && TYPING_KINDS.has(key.kind)) {
    return fail(`'${raw}' would stop you typing that character anywhere — add Ctrl, Alt or Cmd`);
  }
  if (opts.platform !== undefined && opts.platform !== 'darwin') {
    if (modifiers.includes('Command')) return fail(`'${raw}' uses Cmd, which only exists on macOS — use CmdOrCtrl (Ctrl here)`);
    if (modifiers.includes('Option')) return fail(`'${raw}' uses Option, which only exists on macOS — use Alt`);
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.includes(m));
  return { ok: true, accelerator: [...ordered, key.name].join('+'), modifiers: ordered, key: key.name, keyKind: key.kind };
}

/** The canonical spelling, or null when `input` is not a valid accelerator. */
export function normalizeAccelerator(input: string, opts: AcceleratorOptions = {}): string | null {
  const parsed = parseAccelerator(input, opts);
  return parsed.ok ? parsed.accelerator : null;
}

type PlatformFamily = 'mac' | 'other';

/** The physical keys on a platform family: modifiers resolved, sorted, plus the key. */
function physicalKeys(parsed: ParsedAccelerator, family: PlatformFamily): string {
  const resolved = parsed.modifiers.map((m): Modifier => {
    if (m === 'CommandOrControl') return family === 'mac' ? 'Command' : 'Control';
    if (m === 'Option') return 'Alt';
    return m;
  });
  return [...[...new Set(resolved)].sort(), parsed.key].join('+');
}

/**
 * Whether `a` and `b` press the same keys. With a platform, on that platform only; without, on
 * either family (CmdOrCtrl+P clashes with Ctrl+P on Windows and with Cmd+P on macOS).
 */
export function acceleratorsConflict(a: string, b: string, opts: AcceleratorOptions = {}): boolean {
  const pa = parseAccelerator(a);
  const pb = parseAccelerator(b);
  if (!pa.ok || !pb.ok) return false;
  const families: PlatformFamily[] = opts.platform === undefined ? ['mac', 'other'] : [opts.platform === 'darwin' ? 'mac' : 'other'];
  return families.some((family) => physicalKeys(pa, family) === physicalKeys(pb, family));
}

const MAC_SYMBOLS: Readonly<Record<Modifier, string>> = {
  Control: '⌃',
  Alt: '⌥',
  Option: '⌥',
  AltGr: '⌥',
  Shift: '⇧',
  Command: '⌘',
  CommandOrControl: '⌘',
  Super: '⌘',
};
const MAC_ORDER: readonly Modifier[] = ['Control', 'Alt', 'Option', 'AltGr', 'Shift', 'CommandOrControl', 'Command', 'Super'];

/** How a shortcut reads to the user on `platform` ("⌃⌥⇧P", "Ctrl+Alt+Shift+P"); the input as-is when invalid. */
export function formatAccelerator(accelerator: string, platform: string): string {
  const parsed = parseAccelerator(accelerator);
  if (!parsed.ok) return accelerator;
  if (platform === 'darwin') {
    const symbols = MAC_ORDER.filter((m) => parsed.modifiers.includes(m)).map((m) => MAC_SYMBOLS[m]);
    return [...new Set(symbols)].join('') + parsed.key;
  }
  const names: Record<Modifier, string> = {
    CommandOrControl: 'Ctrl',
    Command: 'Cmd',
    Control: 'Ctrl',
    Alt: 'Alt',
    Option: 'Alt',
    AltGr: 'AltGr',
    Shift: 'Shift',
    Super: platform === 'win32' ? 'Win' : 'Super',
  };
  return [...parsed.modifiers.map((m) => names[m]), parsed.key].join('+');
}
