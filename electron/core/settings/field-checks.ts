// The zod schema of every settings field, each with its own specific message. Shared by the file
// parser (bad value → default + problem) and the update helpers (bad value → typed error), so
// both say the same thing.
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { isRecallRegion, REGIONS } from '../recall';
import type { RecallRegion } from '../recall';
import { checkCustomBaseUrl } from './base-url';
import { BOT_ID_MAX, BOT_NAME_MAX } from './settings';
import type { RecentBot } from './settings';

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A field as the user knows it, for messages. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  connection: 'Connection',
  'connection.mode': 'Connection mode',
  'connection.region': 'Region',
  'connection.customBaseUrl': 'Custom API base URL',
  hotkeys: 'Shortcuts',
  notifications: 'Notifications',
  'notifications.enabled': 'Notifications',
  'notifications.onHotkeyConfirm': 'Shortcut confirmations',
  'notifications.onFailure': 'Failure notifications',
  launchAtLogin: 'Launch at login',
  downloadDir: 'Download folder',
  recentBots: 'Recent bots',
  schemaVersion: 'Settings version',
  automation: 'Automation',
  'automation.autoPause': 'Auto-pause',
  'automation.autoPause.onLock': 'Auto-pause when the screen locks',
  'automation.autoPause.onSuspend': 'Auto-pause when the computer sleeps',
  'automation.autoPause.resumeOnUnlock': 'Resume on unlock',
  'automation.pausedReminder': 'Paused reminder',
  'automation.pausedReminder.enabled': 'Paused reminder',
  'automation.pausedReminder.everyMinutes': 'Paused reminder interval',
  'automation.leaveWarning': 'Leave warning',
  'automation.leaveWarning.enabled': 'Leave warning',
  'automation.leaveWarning.minutesBefore': 'Leave warning times',
  'automation.leaveWarning.timeoutSeconds': 'Not-recording timeout',
};

export function labelOf(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A value quoted for a message: short and single-line (a pasted secret must not end up whole in a log). */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export const ModeSchema = z.enum(['sandbox', 'live'], { error: (issue) => `${shown(issue.input)} is not a connection mode (use "sandbox" or "live")` });

export const RegionSchema = z.custom<RecallRegion>((value) => typeof value === 'string' && isRecallRegion(value), {
  error: (issue) => `${shown(issue.input)} is not a Recall region (use one of ${REGIONS.join(', ')})`,
});

export const FlagSchema = z.boolean({ error: (issue) => `${shown(issue.input)} is not true or false` });

/** null / '' = no custom URL (the region is used); else a checked, normalized http(s) base. */
export const BaseUrlSchema = z.unknown().transform((value, ctx): string | null => {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') {
    ctx.addIssue({ code: 'custom', message: `${shown(value)} is not a URL` });
    return z.NEVER;
  }
  const checked = checkCustomBaseUrl(value);
  if (checked.ok) return checked.baseUrl;
  ctx.addIssue({ code: 'custom', message: checked.message });
  return z.NEVER;
});

/** Failures are always notified: only `true` (or nothing) is accepted. */
export const OnFailureSchema = z
  .literal(true, { error: 'they cannot be turned off — a failed action must never go unnoticed' })
  .optional()
  .transform((): true => true);

/** An absolute folder on any OS (the file may travel between machines), or null = the OS default. */
export const DownloadDirSchema = z.unknown().transform((value, ctx): string | null => {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') {
    ctx.addIssue({ code: 'custom', message: `${shown(value)} is not a folder path` });
    return z.NEVER;
  }
  const dir = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters never belong in a folder path
  if (/[\u0000-\u001f\u007f]/.test(dir)) {
    ctx.addIssue({ code: 'custom', message: 'the folder path contains control characters' });
    return z.NEVER;
  }
  if (!posix.isAbsolute(dir) && !win32.isAbsolute(dir)) {
    ctx.addIssue({ code: 'custom', message: `${shown(dir)} is not an absolute folder path (e.g. /home/me/Videos or C:\\Users\\me\\Videos)` });
    return z.NEVER;
  }
  return dir;
});

// eslint-disable-next-line no-control-regex -- bot ids are opaque tokens: no spaces or controls
const BAD_ID_CHARS = /[\s\u0000-\u001f\u007f]/;

export const RecentBotSchema = z
  .object(
    {
      id: z
        .string({ error: (issue) => `${shown(issue.input)} is not a bot id` })
        .refine((id) => id !== '' && id.length <= BOT_ID_MAX && !BAD_ID_CHARS.test(id), { error: (issue) => `${shown(issue.input)} is not a bot id` }),
      name: z.string({ error: 'the bot name is not text' }).nullish(),
      lastUsedAt: z.number({ error: 'the entry has no valid lastUsedAt time (milliseconds since 1970)' }).finite().min(0, { error: 'the entry has no valid lastUsedAt time (milliseconds since 1970)' }),
    },
    { error: (issue) => `${shown(issue.input)} is not a bot entry` },
  )
  .transform((entry): RecentBot => {
    const name = (entry.name ?? '').trim().slice(0, BOT_NAME_MAX);
    return Object.freeze({ id: entry.id, name: name === '' ? null : name, lastUsedAt: Math.floor(entry.lastUsedAt) });
  });

/** The parsed value, or why not (the first issue's message). */
export function check<T>(schema: z.ZodType<T>, value: unknown): FieldCheck<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: parsed.error.issues[0]?.message ?? `${shown(value)} is not valid` };
}
