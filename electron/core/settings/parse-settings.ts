// Reads a settings file's JSON tolerantly: never throws; each unusable field falls back to its
// default with one specific problem sentence, the rest is kept. Older shapes are migrated first.
import { z } from 'zod';
import { parsePersistedHotkeys } from '../hotkeys/hotkey-map';
import { parseAutomationSettings } from '../automation/settings';
import {
  BaseUrlSchema,
  check,
  DownloadDirSchema,
  FlagSchema,
  isRecord,
  labelOf,
  ModeSchema,
  OnFailureSchema,
  RecentBotSchema,
  RegionSchema,
  shown,
} from './field-checks';
import type { FieldCheck } from './field-checks';
import { migrateSettings } from './migrations';
import { defaultSettings, RECENT_BOTS_MAX, SETTINGS_SCHEMA_VERSION } from './settings';
import type { ConnectionSettings, NotificationSettings, RecentBot, Settings } from './settings';

export interface SettingsProblem {
  /** Dotted path of the field (`connection.region`, `recentBots[2]`); '' for the whole file. */
  readonly field: string;
  /** One sentence for the user, saying what was wrong and what is used instead. */
  readonly message: string;
}

export interface ParsedSettings {
  readonly settings: Settings;
  readonly problems: readonly SettingsProblem[];
  /** Nothing in the value was usable: every setting is the default. */
  readonly unusable: boolean;
  /** An API key found in the file, where it does not belong; the caller moves it to the vault. */
  readonly strayApiKey: string | null;
}

const TOP_LEVEL = new Set(['schemaVersion', 'connection', 'hotkeys', 'notifications', 'launchAtLogin', 'downloadDir', 'recentBots', 'automation']);
/** Where a hand-edited file might hold a key. Their values never appear in a problem message. */
export const API_KEY_FIELDS: readonly string[] = ['apiKey', 'api_key', 'RECALL_API_KEY'];

/** Whether a problem is about a clear-text key found in the file (nothing else was lost). */
export function isApiKeyProblem(problem: SettingsProblem): boolean {
  return API_KEY_FIELDS.includes(problem.field.split('.').at(-1) ?? '');
}

const VersionSchema = z.number().int().min(0);

class Problems {
  readonly list: SettingsProblem[] = [];
  add(field: string, message: string): void {
    this.list.push(Object.freeze({ field, message }));
  }
  /** Reads one field; a bad value is reported and replaced with `fallback`. Missing = fallback, silently. */
  read<T>(field: string, raw: unknown, checked: (value: unknown) => FieldCheck<T>, fallback: T, fallbackText: string): T {
    if (raw === undefined) return fallback;
    const result = checked(raw);
    if (result.ok) return result.value;
    this.add(field, `${labelOf(field)}: ${result.reason}; using ${fallbackText}`);
    return fallback;
  }
}

function takeApiKey(raw: Readonly<Record<string, unknown>>, field: string, problems: Problems): string | null {
  let found: string | null = null;
  for (const name of API_KEY_FIELDS) {
    if (!(name in raw)) continue;
    const value = raw[name];
    if (typeof value === 'string' && value.trim() !== '' && found === null) found = value.trim();
    problems.add(field === '' ? name : `${field}.${name}`, 'The settings file held an API key in clear text; it was taken out of the file');
  }
  return found;
}

function ignoreUnknown(raw: Readonly<Record<string, unknown>>, known: ReadonlySet<string>, field: string, problems: Problems): void {
  for (const key of Object.keys(raw)) {
    if (known.has(key) || API_KEY_FIELDS.includes(key)) continue;
    problems.add(field === '' ? key : `${field}.${key}`, `Ignored an unknown setting ${shown(field === '' ? key : `${field}.${key}`)}`);
  }
}

function readConnection(raw: unknown, problems: Problems): { connection: ConnectionSettings; apiKey: string | null } {
  const defaults = defaultSettings().connection;
  if (raw === undefined) return { connection: defaults, apiKey: null };
  if (!isRecord(raw)) {
    problems.add('connection', `${labelOf('connection')}: ${shown(raw)} is not a connection object; using the built-in sandbox`);
    return { connection: defaults, apiKey: null };
  }
  const apiKey = takeApiKey(raw, 'connection', problems);
  ignoreUnknown(raw, new Set(['mode', 'region', 'customBaseUrl']), 'connection', problems);
  const connection: ConnectionSettings = Object.freeze({
    mode: problems.read('connection.mode', raw.mode, (v) => check(ModeSchema, v), defaults.mode, `"${defaults.mode}"`),
    region: problems.read('connection.region', raw.region, (v) => check(RegionSchema, v), defaults.region, defaults.region),
    customBaseUrl: problems.read('connection.customBaseUrl', raw.customBaseUrl, (v) => check(BaseUrlSchema, v), null, 'the region instead'),
  });
  return { connection, apiKey };
}

function readNotifications(raw: unknown, problems: Problems): NotificationSettings {
  const defaults = defaultSettings().notifications;
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) {
    problems.add('notifications', `${labelOf('notifications')}: ${shown(raw)} is not a notifications object; using the defaults`);
    return defaults;
  }
  ignoreUnknown(raw, new Set(['enabled', 'onHotkeyConfirm', 'onFailure']), 'notifications', problems);
  const onOff = (on: boolean): string => (on ? 'on' : 'off');
  return Object.freeze({
    enabled: problems.read('notifications.enabled', raw.enabled, (v) => check(FlagSchema, v), defaults.enabled, onOff(defaults.enabled)),
    onHotkeyConfirm: problems.read('notifications.onHotkeyConfirm', raw.onHotkeyConfirm, (v) => check(FlagSchema, v), defaults.onHotkeyConfirm, onOff(defaults.onHotkeyConfirm)),
    onFailure: problems.read('notifications.onFailure', raw.onFailure, (v) => check(OnFailureSchema, v), true, 'on'),
  });
}

function readRecentBots(raw: unknown, problems: Problems): readonly RecentBot[] {
  if (raw === undefined) return Object.freeze([]);
  if (!Array.isArray(raw)) {
    problems.add('recentBots', `${labelOf('recentBots')}: ${shown(raw)} is not a list; starting with none`);
    return Object.freeze([]);
  }
  const byId = new Map<string, RecentBot>();
  raw.forEach((entry: unknown, index) => {
    const field = `recentBots[${index}]`;
    const checked = check(RecentBotSchema, entry);
    if (!checked.ok) {
      problems.add(field, `${labelOf('recentBots')}: entry ${index + 1} was dropped — ${checked.reason}`);
      return;
    }
    const seen = byId.get(checked.value.id);
    if (seen) problems.add(field, `${labelOf('recentBots')}: bot ${checked.value.id} was listed twice; kept the most recent use`);
    if (!seen || seen.lastUsedAt < checked.value.lastUsedAt) byId.set(checked.value.id, checked.value);
  });
  const sorted = [...byId.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  if (sorted.length > RECENT_BOTS_MAX) {
    problems.add('recentBots', `${labelOf('recentBots')}: kept the ${RECENT_BOTS_MAX} most recent of ${sorted.length} bots`);
  }
  return Object.freeze(sorted.slice(0, RECENT_BOTS_MAX));
}

/**
 * The automation fragment (absent from files written before it existed: all off). Its own reader
 * keeps every usable field; each problem is reported under `automation.…`.
 */
function readAutomation(raw: unknown, problems: Problems): Settings['automation'] {
  const parsed = parseAutomationSettings(raw);
  for (const problem of parsed.problems) {
    problems.add(problem.field === '' ? 'automation' : `automation.${problem.field}`, `${labelOf('automation')}: ${problem.message}`);
  }
  return parsed.settings;
}

/** The version the file says it was written with; reports a malformed or newer one. */
function versionOf(raw: Readonly<Record<string, unknown>>, problems: Problems): number {
  if (!('schemaVersion' in raw)) return 0;
  const parsed = VersionSchema.safeParse(raw.schemaVersion);
  if (!parsed.success) {
    problems.add('schemaVersion', `${labelOf('schemaVersion')}: ${shown(raw.schemaVersion)} is not a version number; read as version ${SETTINGS_SCHEMA_VERSION}`);
    return SETTINGS_SCHEMA_VERSION;
  }
  if (parsed.data > SETTINGS_SCHEMA_VERSION) {
    problems.add('schemaVersion', `The settings were saved by a newer version of the app (schema ${parsed.data}); only what this version understands was read`);
    return SETTINGS_SCHEMA_VERSION;
  }
  return parsed.data;
}

function read(raw: unknown): ParsedSettings {
  const defaults = defaultSettings();
  if (raw === undefined || raw === null) return { settings: defaults, problems: [], unusable: false, strayApiKey: null };
  const problems = new Problems();
  if (!isRecord(raw)) {
    problems.add('', `The settings file holds ${Array.isArray(raw) ? 'a list' : `${shown(raw)}`} instead of settings; every setting is back to its default`);
    return { settings: defaults, problems: problems.list, unusable: true, strayApiKey: null };
  }
  const current = migrateSettings(raw, versionOf(raw, problems));
  const topKey = takeApiKey(current, '', problems);
  ignoreUnknown(current, TOP_LEVEL, '', problems);
  const { connection, apiKey } = readConnection(current.connection, problems);
  const hotkeys = parsePersistedHotkeys(current.hotkeys);
  for (const warning of hotkeys.warnings) problems.add('hotkeys', `${labelOf('hotkeys')}: ${warning}`);
  const settings: Settings = Object.freeze({
    connection,
    hotkeys: hotkeys.bindings,
    notifications: readNotifications(current.notifications, problems),
    launchAtLogin: problems.read('launchAtLogin', current.launchAtLogin, (v) => check(FlagSchema, v), defaults.launchAtLogin, 'off'),
    downloadDir: problems.read('downloadDir', current.downloadDir, (v) => check(DownloadDirSchema, v), null, 'the OS default folder'),
    recentBots: readRecentBots(current.recentBots, problems),
    automation: readAutomation(current.automation, problems),
  });
  return { settings, problems: problems.list, unusable: false, strayApiKey: topKey ?? apiKey };
}

/** `raw` without any API key fields (top level and in `connection`), e.g. for a backup copy. */
export function withoutApiKeys(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const strip = (value: Readonly<Record<string, unknown>>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(value).filter(([key]) => !API_KEY_FIELDS.includes(key)));
  const out = strip(raw);
  if (isRecord(raw.connection)) out.connection = strip(raw.connection);
  return out;
}

/** Never throws: whatever `raw` is, the result is usable settings plus what was wrong with it. */
export function parseSettings(raw: unknown): ParsedSettings {
  try {
    return read(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      settings: defaultSettings(),
      problems: [Object.freeze({ field: '', message: `The settings could not be read (${reason}); every setting is back to its default` })],
      unusable: true,
      strayApiKey: null,
    };
  }
}
