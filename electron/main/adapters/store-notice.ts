// What opening the settings or the saved key had to repair, as one message per event for the app
// to show once (window banner or notification): nothing is changed silently.
import type { SettingsProblem } from '../../core/settings';

export type StoreNoticeKind =
  /** The settings file was unusable: defaults are in use, the file was kept as a backup. */
  | 'settings_reset'
  /** Some fields were invalid and fell back to defaults; the original file was kept as a backup. */
  | 'settings_repaired'
  /** The settings cannot be written: changes last until the app quits. */
  | 'settings_unsaved'
  /** A clear-text key found in the settings file now lives in encrypted storage. */
  | 'api_key_moved'
  /** A clear-text key found in the settings file was removed and could not be kept. */
  | 'api_key_dropped'
  /** The saved-key file was damaged: set aside, the key must be entered again. */
  | 'api_key_unreadable';

export interface StoreNotice {
  readonly kind: StoreNoticeKind;
  /** One or two sentences for the user; never contains a secret. */
  readonly message: string;
  /** Where the old file was kept, when it was. */
  readonly backupPath: string | null;
  readonly problems: readonly SettingsProblem[];
}

export function notice(kind: StoreNoticeKind, message: string, backupPath: string | null = null, problems: readonly SettingsProblem[] = []): StoreNotice {
  return Object.freeze({ kind, message, backupPath, problems: Object.freeze([...problems]) });
}
