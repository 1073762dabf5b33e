// The app settings as data: their shape, defaults and persisted JSON form. The API key is not a
// setting — it lives in a SecretVault — so this object can be logged, diffed and sent anywhere.
import type { RecallRegion } from '../recall';
import { DEFAULT_REGION } from '../recall';
import { DEFAULT_HOTKEYS, serializeHotkeys } from '../hotkeys/hotkey-map';
import type { HotkeyBindings, PersistedHotkeys } from '../hotkeys/hotkey-map';
import { DEFAULT_AUTOMATION_SETTINGS, serializeAutomationSettings } from '../automation/settings';
import type { AutomationSettings } from '../automation/settings';

export const SETTINGS_SCHEMA_VERSION = 1;

/** How many bots the tray's Bots submenu remembers. */
export const RECENT_BOTS_MAX = 10;
/** Longest bot id / name kept (Recall ids are 36-character UUIDs; names are display text). */
export const BOT_ID_MAX = 128;
export const BOT_NAME_MAX = 200;

export type ConnectionMode = 'sandbox' | 'live';

export interface ConnectionSettings {
  /** 'sandbox' = the embedded Recall-compatible server; 'live' = Recall with the vault's key. */
  readonly mode: ConnectionMode;
  /** Used when `customBaseUrl` is null; kept while a custom URL is set so switching back is one click. */
  readonly region: RecallRegion;
  /** Normalized http(s) base (http only for loopback); null = the region's URL. */
  readonly customBaseUrl: string | null;
}

export interface NotificationSettings {
  /** Master switch for informational notifications. */
  readonly enabled: boolean;
  /** A confirmation after each shortcut press that worked. */
  readonly onHotkeyConfirm: boolean;
  /** Failures are always announced: a press that silently did nothing would be worse than noise. */
  readonly onFailure: true;
}

export interface RecentBot {
  readonly id: string;
  readonly name: string | null;
  /** Milliseconds since the epoch. */
  readonly lastUsedAt: number;
}

export interface Settings {
  readonly connection: ConnectionSettings;
  readonly hotkeys: HotkeyBindings;
  readonly notifications: NotificationSettings;
  readonly launchAtLogin: boolean;
  /** Absolute folder for downloads; null = the OS default (Videos/Movies). */
  readonly downloadDir: string | null;
  /** Most recent first, at most RECENT_BOTS_MAX, ids unique. */
  readonly recentBots: readonly RecentBot[];
  /** Auto-pause on lock/sleep, paused reminders, the leave warning: all off by default. */
  readonly automation: AutomationSettings;
}

export function defaultSettings(): Settings {
  return Object.freeze({
    connection: Object.freeze({ mode: 'sandbox', region: DEFAULT_REGION, customBaseUrl: null }),
    hotkeys: DEFAULT_HOTKEYS,
    notifications: Object.freeze({ enabled: true, onHotkeyConfirm: true, onFailure: true }),
    launchAtLogin: false,
    downloadDir: null,
    recentBots: Object.freeze([]),
    automation: DEFAULT_AUTOMATION_SETTINGS,
  });
}

/** The file's JSON: what `parseSettings` reads back. */
export interface PersistedSettings {
  schemaVersion: typeof SETTINGS_SCHEMA_VERSION;
  connection: { mode: ConnectionMode; region: RecallRegion; customBaseUrl: string | null };
  hotkeys: PersistedHotkeys;
  notifications: { enabled: boolean; onHotkeyConfirm: boolean; onFailure: true };
  launchAtLogin: boolean;
  downloadDir: string | null;
  recentBots: Array<{ id: string; name: string | null; lastUsedAt: number }>;
  automation: ReturnType<typeof serializeAutomationSettings>;
}

export function serializeSettings(settings: Settings): PersistedSettings {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    connection: { ...settings.connection },
    hotkeys: serializeHotkeys(settings.hotkeys),
    notifications: { ...settings.notifications },
    launchAtLogin: settings.launchAtLogin,
    downloadDir: settings.downloadDir,
    recentBots: settings.recentBots.map((bot) => ({ ...bot })),
    automation: serializeAutomationSettings(settings.automation),
  };
}
