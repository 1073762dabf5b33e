// Changing settings: a patch from the UI (unknown input, validated field by field) and the
// recent-bots list. Invalid input changes nothing and says, per field, what is wrong.
import type { z } from 'zod';
import { acceleratorsConflict, formatAccelerator, parseAccelerator } from '../hotkeys/accelerator';
import {
  AutomationSettingsSchema,
  AutoPauseSettingsSchema,
  LeaveWarningSettingsSchema,
  PausedReminderSettingsSchema,
  serializeAutomationSettings,
} from '../automation/settings';
import type { AutomationSettings, AutoPauseSettings, LeaveWarningSettings, PausedReminderSettings } from '../automation/settings';
import { HOTKEY_ACTIONS, HOTKEY_LABELS, isHotkeyAction, normalizeBindings } from '../hotkeys/hotkey-map';
import type { HotkeyAction, HotkeyBindings } from '../hotkeys/hotkey-map';
import { BaseUrlSchema, check, DownloadDirSchema, FlagSchema, isRecord, labelOf, ModeSchema, OnFailureSchema, RecentBotSchema, RegionSchema, shown } from './field-checks';
import type { FieldCheck } from './field-checks';
import type { SettingsProblem } from './parse-settings';
import { RECENT_BOTS_MAX, serializeSettings } from './settings';
import type { ConnectionSettings, NotificationSettings, Settings } from './settings';

/** What a patch may hold (all optional); anything else is refused. */
export interface SettingsPatch {
  connection?: Partial<ConnectionSettings>;
  hotkeys?: Partial<Record<HotkeyAction, string | null>>;
  notifications?: Partial<NotificationSettings>;
  launchAtLogin?: boolean;
  downloadDir?: string | null;
  automation?: AutomationPatch;
}

/** Any subset of the automation fields; the rest keep their current values. */
export interface AutomationPatch {
  autoPause?: Partial<AutoPauseSettings>;
  pausedReminder?: Partial<PausedReminderSettings>;
  leaveWarning?: Partial<Omit<LeaveWarningSettings, 'minutesBefore'>> & { minutesBefore?: readonly number[] };
}

export class SettingsUpdateError extends Error {
  override readonly name = 'SettingsUpdateError';
  readonly kind = 'invalid_settings';
  /** Every refused field, one sentence each; `message` is the first. */
  readonly issues: readonly SettingsProblem[];
  constructor(issues: readonly SettingsProblem[]) {
    super(issues[0]?.message ?? 'The settings change was refused');
    this.issues = Object.freeze([...issues]);
  }
}

export type SettingsUpdate = { ok: true; settings: Settings; changed: boolean } | { ok: false; error: SettingsUpdateError };

export interface UpdateOptions {
  /** `process.platform`: shortcuts using keys that do not exist there are refused. */
  platform?: string;
}

const NOT_PATCHABLE: Readonly<Record<string, string>> = {
  apiKey: 'The API key is not saved with the settings — it is set on its own and stored encrypted',
  recentBots: 'Recent bots follow the bots you select; they are not set directly',
  schemaVersion: 'The settings version is managed by the app',
};

class Issues {
  readonly list: SettingsProblem[] = [];
  add(field: string, message: string): void {
    this.list.push(Object.freeze({ field, message }));
  }
  /** The checked value, or the current one with an issue recorded. Missing = the current one. */
  take<T>(field: string, raw: unknown, checked: (value: unknown) => FieldCheck<T>, current: T): T {
    if (raw === undefined) return current;
    const result = checked(raw);
    if (result.ok) return result.value;
    this.add(field, `${labelOf(field)}: ${result.reason}`);
    return current;
  }
  unknownKeys(raw: Readonly<Record<string, unknown>>, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(raw)) {
      if (known.includes(key)) continue;
      const reason = prefix === '' ? NOT_PATCHABLE[key] : undefined;
      this.add(prefix === '' ? key : `${prefix}.${key}`, reason ?? `There is no setting ${shown(prefix === '' ? key : `${prefix}.${key}`)}`);
    }
  }
}

function patchConnection(current: ConnectionSettings, raw: unknown, issues: Issues): ConnectionSettings {
  if (raw === undefined) return current;
  if (!isRecord(raw)) {
    issues.add('connection', `${labelOf('connection')}: ${shown(raw)} is not a connection object`);
    return current;
  }
  issues.unknownKeys(raw, ['mode', 'region', 'customBaseUrl'], 'connection');
  return Object.freeze({
    mode: issues.take('connection.mode', raw.mode, (v) => check(ModeSchema, v), current.mode),
    region: issues.take('connection.region', raw.region, (v) => check(RegionSchema, v), current.region),
    customBaseUrl: issues.take('connection.customBaseUrl', raw.customBaseUrl, (v) => check(BaseUrlSchema, v), current.customBaseUrl),
  });
}

function patchNotifications(current: NotificationSettings, raw: unknown, issues: Issues): NotificationSettings {
  if (raw === undefined) return current;
  if (!isRecord(raw)) {
    issues.add('notifications', `${labelOf('notifications')}: ${shown(raw)} is not a notifications object`);
    return current;
  }
  issues.unknownKeys(raw, ['enabled', 'onHotkeyConfirm', 'onFailure'], 'notifications');
  return Object.freeze({
    enabled: issues.take('notifications.enabled', raw.enabled, (v) => check(FlagSchema, v), current.enabled),
    onHotkeyConfirm: issues.take('notifications.onHotkeyConfirm', raw.onHotkeyConfirm, (v) => check(FlagSchema, v), current.onHotkeyConfirm),
    onFailure: issues.take('notifications.onFailure', raw.onFailure, (v) => check(OnFailureSchema, v), current.onFailure),
  });
}

/** Each changed shortcut must parse and must not press the same keys as another action. */
function patchHotkeys(current: HotkeyBindings, raw: unknown, issues: Issues, opts: UpdateOptions): HotkeyBindings {
  if (raw === undefined) return current;
  if (!isRecord(raw)) {
    issues.add('hotkeys', `${labelOf('hotkeys')}: ${shown(raw)} is not a map of actions to shortcuts`);
    return current;
  }
  const platformOpt = opts.platform === undefined ? {} : { platform: opts.platform };
  const next: Record<HotkeyAction, string | null> = { ...current };
  const changed: HotkeyAction[] = [];
  for (const [action, value] of Object.entries(raw)) {
    if (!isHotkeyAction(action)) {
      issues.add(`hotkeys.${action}`, `${labelOf('hotkeys')}: there is no action ${shown(action)} (use one of ${HOTKEY_ACTIONS.join(', ')})`);
      continue;
    }
    const field = `hotkeys.${action}`;
    const label = `${HOTKEY_LABELS[action]} shortcut`;
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      next[action] = null;
      continue;
    }
    if (typeof value !== 'string') {
      issues.add(field, `${label}: ${shown(value)} is not a shortcut`);
      continue;
    }
    const parsed = parseAccelerator(value, platformOpt);
    if (!parsed.ok) {
      issues.add(field, `${label}: ${parsed.message}`);
      continue;
    }
    next[action] = parsed.accelerator;
    changed.push(action);
  }
  for (const action of changed) {
    const accelerator = next[action];
    if (accelerator === null) continue;
    const clash = HOTKEY_ACTIONS.find((other) => {
      const theirs = next[other];
      return other !== action && theirs !== null && acceleratorsConflict(accelerator, theirs, platformOpt);
    });
    if (clash) {
      const keys = opts.platform === undefined ? accelerator : formatAccelerator(accelerator, opts.platform);
      issues.add(`hotkeys.${action}`, `${HOTKEY_LABELS[action]} shortcut: ${keys} is already used by ${HOTKEY_LABELS[clash]}`);
    }
  }
  return normalizeBindings(next);
}

const AUTOMATION_GROUPS = {
  autoPause: AutoPauseSettingsSchema,
  pausedReminder: PausedReminderSettingsSchema,
  leaveWarning: LeaveWarningSettingsSchema,
} as const;

/** Each automation field is checked on its own (so every bad one is named), then the whole. */
function patchAutomation(current: AutomationSettings, raw: unknown, issues: Issues): AutomationSettings {
  if (raw === undefined) return current;
  if (!isRecord(raw)) {
    issues.add('automation', `${labelOf('automation')}: ${shown(raw)} is not an automation settings object`);
    return current;
  }
  issues.unknownKeys(raw, Object.keys(AUTOMATION_GROUPS), 'automation');
  const plain: Record<string, unknown> = serializeAutomationSettings(current);
  const merged: Record<string, Record<string, unknown>> = {};
  const before = issues.list.length;
  for (const [group, schema] of Object.entries(AUTOMATION_GROUPS)) {
    const base = plain[group];
    const next: Record<string, unknown> = isRecord(base) ? { ...base } : {};
    merged[group] = next;
    const given = raw[group];
    if (given === undefined) continue;
    const field = `automation.${group}`;
    if (!isRecord(given)) {
      issues.add(field, `${labelOf(field)}: ${shown(given)} is not a settings object`);
      continue;
    }
    const shape: Record<string, z.ZodType> = schema.shape;
    issues.unknownKeys(given, Object.keys(shape), field);
    for (const [key, value] of Object.entries(given)) {
      const fieldSchema = shape[key];
      if (fieldSchema === undefined || value === undefined) continue;
      const parsed = fieldSchema.safeParse(value);
      if (parsed.success) next[key] = parsed.data;
      else issues.add(`${field}.${key}`, `${labelOf(`${field}.${key}`)}: ${parsed.error.issues[0]?.message ?? 'is not valid'} (was ${shown(value)})`);
    }
  }
  if (issues.list.length > before) return current;
  const checked = AutomationSettingsSchema.safeParse(merged);
  if (!checked.success) {
    issues.add('automation', `${labelOf('automation')}: ${checked.error.issues[0]?.message ?? 'the change is not valid'}`);
    return current;
  }
  const { autoPause, pausedReminder, leaveWarning } = checked.data;
  return Object.freeze({ autoPause: Object.freeze(autoPause), pausedReminder: Object.freeze(pausedReminder), leaveWarning: Object.freeze(leaveWarning) });
}

/** Applies a patch (e.g. from the Settings form via IPC) all-or-nothing. */
export function applySettingsPatch(current: Settings, patch: unknown, opts: UpdateOptions = {}): SettingsUpdate {
  const issues = new Issues();
  if (!isRecord(patch)) {
    issues.add('', `A settings change must be an object of fields, not ${shown(patch)}`);
    return { ok: false, error: new SettingsUpdateError(issues.list) };
  }
  issues.unknownKeys(patch, ['connection', 'hotkeys', 'notifications', 'launchAtLogin', 'downloadDir', 'automation'], '');
  const next: Settings = Object.freeze({
    ...current,
    connection: patchConnection(current.connection, patch.connection, issues),
    hotkeys: patchHotkeys(current.hotkeys, patch.hotkeys, issues, opts),
    notifications: patchNotifications(current.notifications, patch.notifications, issues),
    launchAtLogin: issues.take('launchAtLogin', patch.launchAtLogin, (v) => check(FlagSchema, v), current.launchAtLogin),
    downloadDir: issues.take('downloadDir', patch.downloadDir, (v) => check(DownloadDirSchema, v), current.downloadDir),
    automation: patchAutomation(current.automation, patch.automation, issues),
  });
  if (issues.list.length > 0) return { ok: false, error: new SettingsUpdateError(issues.list) };
  return { ok: true, settings: next, changed: JSON.stringify(serializeSettings(next)) !== JSON.stringify(serializeSettings(current)) };
}

/** Puts a bot at the top of the recent list (deduplicated, at most RECENT_BOTS_MAX). */
export function rememberBot(current: Settings, bot: { id: string; name: string | null }, now: number): SettingsUpdate {
  const checked = check(RecentBotSchema, { id: bot.id, name: bot.name, lastUsedAt: now });
  if (!checked.ok) return { ok: false, error: new SettingsUpdateError([{ field: 'recentBots', message: `${labelOf('recentBots')}: ${checked.reason}` }]) };
  const recentBots = Object.freeze([checked.value, ...current.recentBots.filter((b) => b.id !== bot.id)].slice(0, RECENT_BOTS_MAX));
  return { ok: true, settings: Object.freeze({ ...current, recentBots }), changed: true };
}

export function forgetBot(current: Settings, botId: string): Settings {
  if (!current.recentBots.some((b) => b.id === botId)) return current;
  return Object.freeze({ ...current, recentBots: Object.freeze(current.recentBots.filter((b) => b.id !== botId)) });
}
