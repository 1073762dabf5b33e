// The settings on disk: `settings.json` in the app's data folder, validated by the core model.
// A damaged or hand-edited file never stops the app: unusable parts fall back to defaults, the
// original is kept as `settings.corrupt-<time>.json`, and a notice says so. The API key is not
// in this file: it goes to the safeStorage vault (a clear-text key found here is moved there).
import { safeStorage } from 'electron';
import {
  applySettingsPatch,
  forgetBot,
  isApiKeyProblem,
  parseSettings,
  rememberBot,
  serializeSettings,
  withoutApiKeys,
} from '../../core/settings';
import type { ParsedSettings, SecretVault, Settings, SettingsUpdate } from '../../core/settings';
import { electronStoreWriter, jsonPath, readJson, setAside } from './json-file';
import type { CreateJsonWriter, JsonWriter } from './json-file';
import { openSafeStorageVault } from './safe-storage-vault';
import type { SafeStorageApi } from './safe-storage-vault';
import { notice } from './store-notice';
import type { StoreNotice } from './store-notice';

export const SETTINGS_FILE = 'settings';

export interface SettingsStoreOptions {
  /** `app.getPath('userData')`. */
  dir: string;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  now?: () => number;
  /** Default Electron's safeStorage. */
  safeStorage?: SafeStorageApi;
  /** Default electron-store. */
  createWriter?: CreateJsonWriter;
  /** Errors thrown by change listeners. */
  log?: (message: string) => void;
}

export class SettingsSaveError extends Error {
  override readonly name = 'SettingsSaveError';
  readonly kind = 'save_failed';
}

export type StoreUpdate = SettingsUpdate | { ok: false; error: SettingsSaveError };

export interface SettingsStore {
  readonly path: string;
  /** What opening had to repair; show each to the user once. */
  readonly notices: readonly StoreNotice[];
  readonly vault: SecretVault;
  get(): Settings;
  /** Validates a patch (unknown input from the UI), saves it, then tells listeners. */
  update(patch: unknown): StoreUpdate;
  rememberBot(bot: { id: string; name: string | null }): StoreUpdate;
  forgetBot(botId: string): StoreUpdate;
  onChange(listener: (next: Settings, previous: Settings) => void): () => void;
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}

function keptAs(backup: string | null): string {
  return backup === null ? 'It could not be kept as a backup.' : `The original file was kept as ${backup}.`;
}

/** Reads settings.json; sets a damaged one aside. */
function load(dir: string, now: number): { parsed: ParsedSettings; notice: StoreNotice | null } {
  const read = readJson(jsonPath(dir, SETTINGS_FILE));
  if (read.kind === 'missing') return { parsed: parseSettings(undefined), notice: null };
  if (read.kind === 'unreadable') {
    const backup = setAside(dir, SETTINGS_FILE, now);
    const parsed = parseSettings(undefined);
    return { parsed, notice: notice('settings_reset', `The settings file was damaged (${read.reason}), so the app started with default settings. ${keptAs(backup)}`, backup) };
  }
  const parsed = parseSettings(read.value);
  if (parsed.unusable) {
    const backup = setAside(dir, SETTINGS_FILE, now);
    return { parsed, notice: notice('settings_reset', `The settings file did not hold usable settings, so the app started with default settings. ${keptAs(backup)}`, backup, parsed.problems) };
  }
  const lost = parsed.problems.filter((p) => !isApiKeyProblem(p));
  if (lost.length === 0) return { parsed, notice: null };
  // The backup never repeats a clear-text key: that is the one thing not worth keeping twice.
  const content = parsed.strayApiKey === null ? read.text : `${JSON.stringify(withoutApiKeys(read.value), null, '\t')}\n`;
  const backup = setAside(dir, SETTINGS_FILE, now, content);
  const first = lost[0]?.message ?? '';
  const more = lost.length > 1 ? ` (and ${lost.length - 1} more)` : '';
  return { parsed, notice: notice('settings_repaired', `Some settings could not be used and fell back to their defaults — ${first}${more}. ${keptAs(backup)}`, backup, lost) };
}

/** Moves a clear-text key found in settings.json into the vault when it can be protected. */
async function adoptStrayKey(key: string, vault: SecretVault): Promise<StoreNotice> {
  if (vault.hasApiKey()) {
    return notice('api_key_dropped', 'An API key was found in clear text in settings.json and removed from it; the key already saved in encrypted storage is kept.');
  }
  if (vault.availability() === 'os') {
    try {
      await vault.setApiKey(key);
      return notice('api_key_moved', 'The API key found in clear text in settings.json was moved to encrypted storage and removed from the file.');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return notice('api_key_dropped', `An API key was found in clear text in settings.json and removed from it, but it could not be stored encrypted: ${reason}`);
    }
  }
  return notice('api_key_dropped', 'An API key was found in clear text in settings.json and removed from it; this system has no keyring to store it encrypted — enter it in Settings to choose how to store it.');
}

class FileSettingsStore implements SettingsStore {
  readonly path: string;
  readonly notices: StoreNotice[] = [];
  readonly vault: SecretVault;
  private current: Settings;
  private writer: JsonWriter | null = null;
  private readonly listeners = new Set<(next: Settings, previous: Settings) => void>();
  private readonly opts: Required<Pick<SettingsStoreOptions, 'dir' | 'platform' | 'now' | 'createWriter'>> & Pick<SettingsStoreOptions, 'log'>;

  constructor(opts: FileSettingsStore['opts'], initial: Settings, vault: SecretVault) {
    this.opts = opts;
    this.path = jsonPath(opts.dir, SETTINGS_FILE);
    this.current = initial;
    this.vault = vault;
  }

  get(): Settings {
    return this.current;
  }

  /** Writes `settings`; throws SettingsSaveError. */
  save(settings: Settings): void {
    try {
      this.writer ??= this.opts.createWriter({ dir: this.opts.dir, name: SETTINGS_FILE });
      this.writer.write({ ...serializeSettings(settings) });
    } catch (error) {
      throw new SettingsSaveError(`The settings could not be saved (${errorCode(error)}) — check that ${this.opts.dir} is writable`);
    }
  }

  update(patch: unknown): StoreUpdate {
    return this.commit(applySettingsPatch(this.current, patch, { platform: this.opts.platform }));
  }

  rememberBot(bot: { id: string; name: string | null }): StoreUpdate {
    return this.commit(rememberBot(this.current, bot, this.opts.now()));
  }

  forgetBot(botId: string): StoreUpdate {
    const next = forgetBot(this.current, botId);
    return this.commit({ ok: true, settings: next, changed: next !== this.current });
  }

  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(result: SettingsUpdate): StoreUpdate {
    if (!result.ok || !result.changed) return result;
    try {
      this.save(result.settings);
    } catch (error) {
      if (error instanceof SettingsSaveError) return { ok: false, error };
      throw error;
    }
    const previous = this.current;
    this.current = result.settings;
    for (const listener of this.listeners) {
      try {
        listener(result.settings, previous);
      } catch (error) {
        this.opts.log?.(`settings listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return result;
  }
}

/**
 * Opens the settings and the API key vault. Call after app `ready` (safeStorage needs it).
 * Never throws for a bad or unwritable file: the app starts and `notices` explain.
 */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const opts = {
    dir: options.dir,
    platform: options.platform ?? process.platform,
    now: options.now ?? Date.now,
    createWriter: options.createWriter ?? electronStoreWriter,
    ...(options.log ? { log: options.log } : {}),
  };
  const loaded = load(opts.dir, opts.now());
  const opened = await openSafeStorageVault({
    safeStorage: options.safeStorage ?? safeStorage,
    platform: opts.platform,
    dir: opts.dir,
    createWriter: opts.createWriter,
    now: opts.now,
  });
  const store = new FileSettingsStore(opts, loaded.parsed.settings, opened.vault);
  if (loaded.notice) store.notices.push(loaded.notice);
  if (opened.notice) store.notices.push(opened.notice);
  if (loaded.parsed.strayApiKey !== null) store.notices.push(await adoptStrayKey(loaded.parsed.strayApiKey, opened.vault));
  try {
    // Persists migrations and repairs, and takes any clear-text key out of the file.
    store.save(loaded.parsed.settings);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.notices.push(notice('settings_unsaved', `${reason}. The app runs with the settings shown, but changes cannot be saved until then.`));
  }
  return store;
}
