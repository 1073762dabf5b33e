// The automation settings fragment (auto-pause on lock/sleep, paused reminders, the warning before
// Recall's in_call_not_recording_timeout ends the bot): zod schema, defaults — everything off —
// and a tolerant reader that keeps every usable field and says what it replaced.
import { z } from 'zod';

export const REMINDER_MINUTES_MIN = 1;
export const REMINDER_MINUTES_MAX = 240;
/** Recall's default `automatic_leave.in_call_not_recording_timeout` (recall-api.md §5.6). */
export const DEFAULT_NOT_RECORDING_TIMEOUT_S = 3600;
export const LEAVE_WARNINGS_MAX = 5;

export interface AutoPauseSettings {
  /** Pause a running recording when the screen locks. */
  readonly onLock: boolean;
  /** Pause a running recording when the machine goes to sleep. */
  readonly onSuspend: boolean;
  /** On unlock, resume — only a pause made by auto-pause, never the user's own. */
  readonly resumeOnUnlock: boolean;
}

export interface PausedReminderSettings {
  readonly enabled: boolean;
  /** First reminder after this long paused, then again every this long while still paused. */
  readonly everyMinutes: number;
}

export interface LeaveWarningSettings {
  readonly enabled: boolean;
  /** Warn this many minutes before the bot would leave; distinct, largest first. */
  readonly minutesBefore: readonly number[];
  /** Used when the bot does not report its own `in_call_not_recording_timeout`. */
  readonly timeoutSeconds: number;
}

export interface AutomationSettings {
  readonly autoPause: AutoPauseSettings;
  readonly pausedReminder: PausedReminderSettings;
  readonly leaveWarning: LeaveWarningSettings;
}

export const DEFAULT_AUTOMATION_SETTINGS: AutomationSettings = Object.freeze({
  autoPause: Object.freeze({ onLock: false, onSuspend: false, resumeOnUnlock: false }),
  pausedReminder: Object.freeze({ enabled: false, everyMinutes: 10 }),
  leaveWarning: Object.freeze({ enabled: false, minutesBefore: Object.freeze([5, 1]), timeoutSeconds: DEFAULT_NOT_RECORDING_TIMEOUT_S }),
});

const Flag = z.boolean({ error: 'must be true or false' });
const Minutes = z
  .number({ error: 'must be a number of minutes' })
  .int('must be a whole number of minutes')
  .min(REMINDER_MINUTES_MIN, `must be at least ${REMINDER_MINUTES_MIN} minute`)
  .max(REMINDER_MINUTES_MAX, `must be at most ${REMINDER_MINUTES_MAX} minutes`);

export const AutoPauseSettingsSchema = z.strictObject({ onLock: Flag, onSuspend: Flag, resumeOnUnlock: Flag });

export const PausedReminderSettingsSchema = z.strictObject({ enabled: Flag, everyMinutes: Minutes });

export const LeaveWarningSettingsSchema = z.strictObject({
  enabled: Flag,
  minutesBefore: z
    .array(Minutes, { error: 'must be a list of minutes' })
    .max(LEAVE_WARNINGS_MAX, `at most ${LEAVE_WARNINGS_MAX} warnings`)
    .refine((list) => new Set(list).size === list.length, 'must not list the same minute twice')
    .transform((list) => Object.freeze([...list].sort((a, b) => b - a))),
  timeoutSeconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(60, 'must be at least 60 seconds')
    .max(86_400, 'must be at most 86400 seconds (24 h)'),
});

/** The fragment to merge into the app settings (key `automation`); strict: for validating an update. */
export const AutomationSettingsSchema = z.strictObject({
  autoPause: AutoPauseSettingsSchema,
  pausedReminder: PausedReminderSettingsSchema,
  leaveWarning: LeaveWarningSettingsSchema,
});

export interface AutomationSettingsProblem {
  /** Dotted path under `automation`, e.g. `pausedReminder.everyMinutes`. */
  readonly field: string;
  readonly message: string;
}

export interface ParsedAutomationSettings {
  readonly settings: AutomationSettings;
  readonly problems: readonly AutomationSettingsProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Reads the persisted fragment tolerantly (never throws): a missing field takes its default
 * silently, a bad one takes its default with a problem sentence, unknown keys are reported.
 */
export function parseAutomationSettings(raw: unknown): ParsedAutomationSettings {
  const problems: AutomationSettingsProblem[] = [];
  const defaults = DEFAULT_AUTOMATION_SETTINGS;
  if (raw === undefined) return { settings: defaults, problems };
  if (!isRecord(raw)) {
    problems.push({ field: '', message: `Automation settings were ${shown(raw)}, not an object; using the defaults (all off)` });
    return { settings: defaults, problems };
  }

  const group = <S extends z.ZodObject>(name: keyof AutomationSettings, schema: S, fallback: z.output<S>): z.output<S> => {
    const value = raw[name];
    if (value === undefined) return fallback;
    if (!isRecord(value)) {
      problems.push({ field: name, message: `${name} was ${shown(value)}, not an object; using the defaults` });
      return fallback;
    }
    const fallbackOf = new Map<string, unknown>(Object.entries(fallback));
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(schema.shape)) {
      const fallbackValue = fallbackOf.get(key);
      if (value[key] === undefined) {
        out[key] = fallbackValue;
        continue;
      }
      const parsed = z.safeParse(field, value[key]);
      if (parsed.success) {
        out[key] = parsed.data;
      } else {
        out[key] = fallbackValue;
        problems.push({ field: `${name}.${key}`, message: `${name}.${key} ${parsed.error.issues[0]?.message ?? 'is not valid'} (was ${shown(value[key])}); using ${shown(fallbackValue)}` });
      }
    }
    for (const key of Object.keys(value)) {
      if (!(key in schema.shape)) problems.push({ field: `${name}.${key}`, message: `Ignored an unknown setting "${name}.${key}"` });
    }
    const checked = schema.safeParse(out);
    return checked.success ? checked.data : fallback;
  };

  for (const key of Object.keys(raw)) {
    if (!(key in AutomationSettingsSchema.shape)) problems.push({ field: key, message: `Ignored an unknown setting "${key}"` });
  }
  const settings: AutomationSettings = Object.freeze({
    autoPause: Object.freeze(group('autoPause', AutoPauseSettingsSchema, defaults.autoPause)),
    pausedReminder: Object.freeze(group('pausedReminder', PausedReminderSettingsSchema, defaults.pausedReminder)),
    leaveWarning: Object.freeze(group('leaveWarning', LeaveWarningSettingsSchema, defaults.leaveWarning)),
  });
  return { settings, problems };
}

/** The persisted JSON form (plain, mutable copies). */
export function serializeAutomationSettings(settings: AutomationSettings): z.input<typeof AutomationSettingsSchema> {
  return {
    autoPause: { ...settings.autoPause },
    pausedReminder: { ...settings.pausedReminder },
    leaveWarning: { ...settings.leaveWarning, minutesBefore: [...settings.leaveWarning.minutesBefore] },
  };
}
