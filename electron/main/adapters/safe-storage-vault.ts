// The SecretVault on Electron's safeStorage: the API key encrypted by the OS (Keychain, DPAPI,
// a Linux keyring), base64 in its own owner-only file beside the settings. Refuses Linux's
// 'basic_text' fallback (a hard-coded password) unless the user explicitly agreed to it.
// Uses the async safeStorage API: the synchronous one is deprecated in Electron 45 and removed
// in 46; data written by either decrypts with the other.
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { normalizeApiKey, SecretVaultError } from '../../core/settings';
import type { SecretAvailability, SecretVault, SetApiKeyOptions } from '../../core/settings';
import { jsonPath, readJson, setAside } from './json-file';
import type { CreateJsonWriter, JsonWriter } from './json-file';
import { notice } from './store-notice';
import type { StoreNotice } from './store-notice';

export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export const SECRETS_FILE = 'secrets';
const SECRETS_VERSION = 1;

const SecretsFileSchema = z.looseObject({
  version: z.number().int().min(1),
  apiKey: z
    .object({
      ciphertext: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/),
      protection: z.enum(['os', 'basic_text']),
      savedAt: z.number(),
    })
    .optional(),
});
type SavedKey = NonNullable<z.infer<typeof SecretsFileSchema>['apiKey']>;

export const ENCRYPTION_UNAVAILABLE_MESSAGE =
  'This system cannot encrypt the API key right now (no keychain or keyring is available), so it was not saved. On Linux, install or unlock a keyring (GNOME Keyring or KWallet) and try again.';

function plainTextMessage(backend: string): string {
  const why =
    backend === 'unknown'
      ? 'The system keyring could not be identified'
      : 'No system keyring (GNOME Keyring or KWallet) was found';
  return `${why}, so the API key would only be scrambled with a password built into Electron — any program running as you could read it. The key was not saved. Install or unlock a keyring and try again, or explicitly accept the weaker protection.`;
}

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageApi;
  platform: NodeJS.Platform;
  dir: string;
  createWriter: CreateJsonWriter;
  now: () => number;
}

export interface OpenedVault {
  vault: SecretVault;
  /** The saved-key file was damaged and set aside. */
  notice: StoreNotice | null;
}

class SafeStorageVault implements SecretVault {
  private state: SecretAvailability = 'unavailable';
  private backend = 'unknown';
  private saved: SavedKey | null;
  private cached: string | null = null;
  private writer: JsonWriter | null = null;
  private readonly opts: SafeStorageVaultOptions;

  constructor(opts: SafeStorageVaultOptions, saved: SavedKey | null) {
    this.opts = opts;
    this.saved = saved;
  }

  availability(): SecretAvailability {
    return this.state;
  }

  hasApiKey(): boolean {
    return this.saved !== null;
  }

  async refresh(): Promise<SecretAvailability> {
    const { safeStorage, platform } = this.opts;
    const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
    if (!available) this.state = 'unavailable';
    else if (platform === 'linux') {
      // 'unknown' means the backend was asked before app ready: protection cannot be confirmed.
      this.backend = safeStorage.getSelectedStorageBackend();
      this.state = this.backend === 'basic_text' || this.backend === 'unknown' ? 'basic_text' : 'os';
    } else this.state = 'os';
    return this.state;
  }

  async getApiKey(): Promise<string | null> {
    if (this.saved === null) return null;
    if (this.cached !== null) return this.cached;
    const saved = this.saved;
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.opts.safeStorage.decryptStringAsync(Buffer.from(saved.ciphertext, 'base64'));
    } catch {
      throw new SecretVaultError('decrypt_failed', 'The saved API key could not be decrypted (the system keyring may have changed) — enter the key again in Settings');
    }
    this.cached = decrypted.result;
    if (decrypted.shouldReEncrypt) {
      // Key rotation: best effort; the old ciphertext stays valid if this fails.
      await this.save(decrypted.result, saved.protection).catch(() => undefined);
    }
    return decrypted.result;
  }

  async setApiKey(key: string, options: SetApiKeyOptions = {}): Promise<void> {
    const clean = normalizeApiKey(key);
    const availability = await this.refresh();
    if (availability === 'unavailable') throw new SecretVaultError('encryption_unavailable', ENCRYPTION_UNAVAILABLE_MESSAGE);
    if (availability === 'basic_text' && options.allowPlainTextStorage !== true) {
      throw new SecretVaultError('plain_text_refused', plainTextMessage(this.backend));
    }
    await this.save(clean, availability);
  }

  async clearApiKey(): Promise<void> {
    this.write({ version: SECRETS_VERSION });
    this.saved = null;
    this.cached = null;
  }

  private async save(key: string, protection: SavedKey['protection']): Promise<void> {
    let encrypted: Buffer;
    try {
      encrypted = await this.opts.safeStorage.encryptStringAsync(key);
    } catch {
      // The error text is the keychain's; it is not needed to act and is kept out of messages.
      throw new SecretVaultError('encryption_unavailable', 'Encrypting the API key failed (the keychain or keyring refused or is locked) — the key was not saved');
    }
    const saved: SavedKey = { ciphertext: encrypted.toString('base64'), protection, savedAt: this.opts.now() };
    this.write({ version: SECRETS_VERSION, apiKey: saved });
    this.saved = saved;
    this.cached = key;
  }

  private write(value: Record<string, unknown>): void {
    try {
      this.writer ??= this.opts.createWriter({ dir: this.opts.dir, name: SECRETS_FILE, fileMode: 0o600 });
      this.writer.write(value);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
      throw new SecretVaultError('storage_failed', `The API key file could not be written${code} — check that the app's data folder is writable`);
    }
  }
}

/** Reads the saved-key file (setting a damaged one aside) and checks what protection is available. */
export async function openSafeStorageVault(opts: SafeStorageVaultOptions): Promise<OpenedVault> {
  const read = readJson(jsonPath(opts.dir, SECRETS_FILE));
  let saved: SavedKey | null = null;
  let problem: StoreNotice | null = null;
  if (read.kind !== 'missing') {
    const parsed = read.kind === 'ok' ? SecretsFileSchema.safeParse(read.value) : null;
    if (parsed?.success) saved = parsed.data.apiKey ?? null;
    else {
      const backup = setAside(opts.dir, SECRETS_FILE, opts.now());
      const reason = read.kind === 'unreadable' ? read.reason : 'its content is not a saved key';
      problem = notice('api_key_unreadable', `The saved API key file was damaged (${reason}); enter the API key again in Settings.`, backup);
    }
  }
  const vault = new SafeStorageVault(opts, saved);
  await vault.refresh();
  return { vault, notice: problem };
}
