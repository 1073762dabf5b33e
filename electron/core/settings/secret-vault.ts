// Where the API key lives, as the core sees it: an interface (the Electron shell implements it
// with safeStorage) plus the typed errors and the key check, so core never touches Electron and
// the renderer only ever learns "configured: yes/no".

/**
 * How well a saved secret is protected: 'os' = by the OS keychain / DPAPI / a Linux keyring;
 * 'basic_text' = Linux without a keyring, encrypted with a hard-coded password (readable by any
 * program running as the user); 'unavailable' = cannot be encrypted at all right now.
 */
export type SecretAvailability = 'os' | 'basic_text' | 'unavailable';

export interface SetApiKeyOptions {
  /** The user agreed to store the key with 'basic_text' protection. */
  allowPlainTextStorage?: boolean;
}

export interface SecretVault {
  /** As of the last check (at open, and before every save). */
  availability(): SecretAvailability;
  /** Whether a key is saved — what the renderer may know. */
  hasApiKey(): boolean;
  /** The saved key; null when none. Throws SecretVaultError('decrypt_failed') when it cannot be read. */
  getApiKey(): Promise<string | null>;
  /** Validates, encrypts and saves; throws SecretVaultError. Never logs the key. */
  setApiKey(key: string, options?: SetApiKeyOptions): Promise<void>;
  clearApiKey(): Promise<void>;
}

export type SecretVaultErrorKind =
  /** The OS offers no encryption now (safeStorage.isEncryptionAvailable() is false). */
  | 'encryption_unavailable'
  /** Only 'basic_text' protection exists and the user has not agreed to it. */
  | 'plain_text_refused'
  /** The key itself is malformed (empty, spaces, too long). */
  | 'invalid_key'
  /** A saved key exists but cannot be decrypted (keyring changed or file damaged). */
  | 'decrypt_failed'
  /** Writing or removing the saved key failed. */
  | 'storage_failed';

export class SecretVaultError extends Error {
  override readonly name = 'SecretVaultError';
  readonly kind: SecretVaultErrorKind;
  constructor(kind: SecretVaultErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export const API_KEY_MAX = 512;

/** The key trimmed; throws SecretVaultError('invalid_key') with a message that never quotes it. */
export function normalizeApiKey(input: string): string {
  const key = input.trim();
  if (key === '') throw new SecretVaultError('invalid_key', 'The API key is empty — paste the key from the Recall dashboard');
  if (key.length > API_KEY_MAX) throw new SecretVaultError('invalid_key', `The API key is longer than ${API_KEY_MAX} characters — check that only the key was pasted`);
  // eslint-disable-next-line no-control-regex -- an API key is one printable token
  if (/[\s\u0000-\u001f\u007f]/.test(key)) throw new SecretVaultError('invalid_key', 'The API key contains spaces or line breaks — check that only the key was pasted');
  return key;
}
