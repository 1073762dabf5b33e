// The global-shortcut map: which actions can be bound, their defaults, validation of a whole map
// (each accelerator, and no two actions on the same keys), and its persisted JSON form with a
// schema version and a tolerant migration (missing or unknown fields fall back to defaults).
import { z } from 'zod';
import { acceleratorsConflict, parseAccelerator } from './accelerator';
import type { AcceleratorOptions } from './accelerator';

export const HOTKEY_ACTIONS = ['toggle-pause', 'pause', 'resume', 'start', 'stop', 'show-window'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

export const HOTKEY_LABELS: Readonly<Record<HotkeyAction, string>> = {
  'toggle-pause': 'Pause/Resume',
  pause: 'Pause',
  resume: 'Resume',
  start: 'Start',
  stop: 'Stop',
  'show-window': 'Show window',
};

/** Builds a per-action record (type-checked: a new action must be added here). */
export function perAction<T>(fn: (action: HotkeyAction) => T): Record<HotkeyAction, T> {
  return {
    'toggle-pause': fn('toggle-pause'),
    pause: fn('pause'),
    resume: fn('resume'),
    start: fn('start'),
    stop: fn('stop'),
    'show-window': fn('show-window'),
  };
}

export function isHotkeyAction(value: unknown): value is HotkeyAction {
  return typeof value === 'string' && (HOTKEY_ACTIONS as readonly string[]).includes(value);
}

/** Accelerator per action as the user set it; null = deliberately unbound. */
export type HotkeyBindings = Readonly<Record<HotkeyAction, string | null>>;

/**
 * Defaults: CmdOrCtrl+Alt+Shift plus a mnemonic letter. Three modifiers keep clear of what meeting
 * apps and OSes bind (Teams Ctrl+Shift+M/O, Zoom Alt+A/Alt+V and Cmd+Shift+A/V, Meet Ctrl+D/E,
 * macOS Cmd+Shift+3/4/5 screenshots, Windows Ctrl+Shift+Esc, Alt+F4, GNOME Ctrl+Alt+T).
 * Letters are ones no common Windows/Linux AltGr layout (Ctrl+Alt acts as AltGr there) turns
 * into a character with Shift: Polish uses A C E L N O S X Z, German Q E M — none is used here.
 * Leave call has no default on purpose: it is irreversible, the tray menu is enough.
 */
export const DEFAULT_HOTKEYS: HotkeyBindings = Object.freeze({
  'toggle-pause': 'CommandOrControl+Alt+Shift+P',
  pause: 'CommandOrControl+Alt+Shift+H',
  resume: 'CommandOrControl+Alt+Shift+U',
  start: 'CommandOrControl+Alt+Shift+R',
  stop: 'CommandOrControl+Alt+Shift+T',
  'show-window': 'CommandOrControl+Alt+Shift+W',
});

export type BindingCheck =
  | { readonly status: 'ok'; readonly accelerator: string }
  | { readonly status: 'unbound' }
  | { readonly status: 'invalid'; readonly input: string; readonly message: string };

export type BindingChecks = Readonly<Record<HotkeyAction, BindingCheck>>;

/**
 * Checks every binding: the accelerator itself, then clashes — an action whose keys are already
 * taken by an earlier action (in HOTKEY_ACTIONS order) is invalid with "Already used by <label>".
 */
export function checkBindings(bindings: HotkeyBindings, opts: AcceleratorOptions = {}): BindingChecks {
  const out = new Map<HotkeyAction, BindingCheck>();
  const taken: Array<{ action: HotkeyAction; accelerator: string }> = [];
  for (const action of HOTKEY_ACTIONS) {
    const input = bindings[action];
    if (input === null || input.trim() === '') {
      out.set(action, { status: 'unbound' });
      continue;
    }
    const parsed = parseAccelerator(input, opts);
    if (!parsed.ok) {
      out.set(action, { status: 'invalid', input, message: parsed.message });
      continue;
    }
    const clash = taken.find((t) => acceleratorsConflict(t.accelerator, parsed.accelerator, opts));
    if (clash) {
      out.set(action, { status: 'invalid', input, message: `Already used by ${HOTKEY_LABELS[clash.action]}` });
      continue;
    }
    taken.push({ action, accelerator: parsed.accelerator });
    out.set(action, { status: 'ok', accelerator: parsed.accelerator });
  }
  return Object.freeze(perAction((action): BindingCheck => out.get(action) ?? { status: 'unbound' }));
}

/** The map with every valid accelerator in canonical spelling; invalid input is kept verbatim. */
export function normalizeBindings(bindings: HotkeyBindings): HotkeyBindings {
  return Object.freeze(
    perAction((action) => {
      const input = bindings[action];
      if (input === null || input.trim() === '') return null;
      const parsed = parseAccelerator(input);
      return parsed.ok ? parsed.accelerator : input.trim();
    }),
  );
}

/** Returns a new map with `action` bound to `input` ('' or null unbinds). */
export function withBinding(bindings: HotkeyBindings, action: HotkeyAction, input: string | null): HotkeyBindings {
  const value = input === null || input.trim() === '' ? null : input.trim();
  return normalizeBindings({ ...bindings, [action]: value });
}

export const HOTKEYS_SCHEMA_VERSION = 1;

export interface PersistedHotkeys {
  version: typeof HOTKEYS_SCHEMA_VERSION;
  bindings: Record<HotkeyAction, string | null>;
}

/** Plain JSON for the settings store. */
export function serializeHotkeys(bindings: HotkeyBindings): PersistedHotkeys {
  const normalized = normalizeBindings(bindings);
  return { version: HOTKEYS_SCHEMA_VERSION, bindings: perAction((action) => normalized[action]) };
}

const VersionedSchema = z.looseObject({
  version: z.number().int().min(1),
  bindings: z.record(z.string(), z.unknown()),
});
/** Before versioning, the map was stored flat: `{ "pause": "Ctrl+…", … }`. */
const LegacySchema = z.record(z.string(), z.unknown());

export interface LoadedHotkeys {
  bindings: HotkeyBindings;
  /** What was repaired, one sentence each (empty when the stored value was clean). */
  warnings: string[];
}

/**
 * Reads a stored map. Missing store → defaults. Missing action → its default. `null`/'' → unbound
 * (the user's choice is kept). A non-string value → default, with a warning. Unknown actions are
 * dropped with a warning. An invalid accelerator string is kept so Settings can show why.
 */
export function parsePersistedHotkeys(raw: unknown): LoadedHotkeys {
  if (raw === undefined || raw === null) return { bindings: DEFAULT_HOTKEYS, warnings: [] };
  const warnings: string[] = [];
  let stored: Record<string, unknown>;
  const versioned = VersionedSchema.safeParse(raw);
  if (versioned.success) {
    stored = versioned.data.bindings;
    if (versioned.data.version > HOTKEYS_SCHEMA_VERSION) {
      warnings.push(`Shortcuts were saved by a newer version (schema ${versioned.data.version}); read what this version understands`);
    }
  } else {
    const legacy = LegacySchema.safeParse(raw);
    if (!legacy.success || 'version' in legacy.data) {
      return { bindings: DEFAULT_HOTKEYS, warnings: ['Saved shortcuts were unreadable; the defaults are back'] };
    }
    stored = legacy.data;
  }
  const out = perAction((action): string | null => {
    if (!(action in stored)) return DEFAULT_HOTKEYS[action];
    const value = stored[action];
    if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
    if (typeof value === 'string') return value;
    warnings.push(`The saved shortcut for ${HOTKEY_LABELS[action]} was not text; the default is back`);
    return DEFAULT_HOTKEYS[action];
  });
  for (const key of Object.keys(stored)) {
    if (!isHotkeyAction(key)) warnings.push(`Ignored a saved shortcut for an unknown action '${key}'`);
  }
  return { bindings: normalizeBindings(out), warnings };
}
