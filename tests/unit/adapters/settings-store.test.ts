// The settings store on a real temp folder with the real electron-store: settings survive a
// restart, a damaged or hand-edited file never stops the app (backup + notice), and the API key
// is only ever on disk encrypted — refused on Linux's basic_text fallback without consent.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defaultSettings, SecretVaultError } from '../../../electron/core/settings';
import { safeStorageFake } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  // electron-store reads `app`/`ipcMain` off the default export; without them it needs an absolute cwd.
  return { default: {}, safeStorage: fakes.safeStorageFake };
});

const { openSettingsStore } = await import('../../../electron/main/adapters/settings-store');

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const NOW = Date.UTC(2024, 4, 1, 10, 22, 33, 123);
let dir: string;

function open(platform: NodeJS.Platform = 'linux') {
  return openSettingsStore({ dir, platform, now: () => NOW });
}

function settingsFile(): unknown {
  return JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
}

/** Every byte the app left in its folder, for secret scanning. */
function everything(): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<SecretVaultError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SecretVaultError)) throw new Error(`expected a SecretVaultError, got ${String(error)}`);
  return error;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-store-'));
  safeStorageFake.reset();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('starts with defaults on first run and writes a versioned file', async () => {
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices).toEqual([]);
    expect(settingsFile()).toMatchObject({ schemaVersion: 1, connection: { mode: 'sandbox', region: 'us-west-2', customBaseUrl: null } });
  });

  it('keeps changes across a restart and tells listeners', async () => {
    const store = await open();
    const listener = vi.fn();
    store.onChange(listener);
    const result = store.update({ connection: { region: 'eu-central-1' }, hotkeys: { pause: 'F9' }, downloadDir: '/home/me/Videos' });
    expect(result.ok).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.rememberBot({ id: 'bot-1', name: 'Weekly sync' }).ok).toBe(true);
    const again = await open();
    expect(again.get().connection.region).toBe('eu-central-1');
    expect(again.get().hotkeys.pause).toBe('F9');
    expect(again.get().downloadDir).toBe('/home/me/Videos');
    expect(again.get().recentBots).toEqual([{ id: 'bot-1', name: 'Weekly sync', lastUsedAt: NOW }]);
  });

  it('refuses an invalid change with the field and reason, and saves nothing', async () => {
    const store = await open();
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const result = store.update({ connection: { customBaseUrl: 'http://proxy.example.com' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('Plain http is only allowed for this computer');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.get()).toEqual(defaultSettings());
  });

  it('a damaged file: the app starts with defaults, keeps the file as a backup and says so', async () => {
    const damaged = '{"connection": {"mode": "live", "region": "eu-central-1"'; // cut off mid-write
    writeFileSync(join(dir, 'settings.json'), damaged);
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    const backup = join(dir, 'settings.corrupt-2024-05-01T10-22-33-123Z.json');
    expect(store.notices).toEqual([
      {
        kind: 'settings_reset',
        message: `The settings file was damaged (it is not valid JSON), so the app started with default settings. The original file was kept as ${backup}.`,
        backupPath: backup,
        problems: [],
      },
    ]);
    expect(readFileSync(backup, 'utf8')).toBe(damaged);
    expect(settingsFile()).toMatchObject({ schemaVersion: 1 });
  });

  it('a second damaged file on the same millisecond gets its own backup name', async () => {
    writeFileSync(join(dir, 'settings.json'), 'nope');
    await open();
    writeFileSync(join(dir, 'settings.json'), 'nope again');
    const store = await open();
    expect(store.notices[0]?.backupPath).toBe(join(dir, 'settings.corrupt-2024-05-01T10-22-33-123Z-1.json'));
    expect(readFileSync(join(dir, 'settings.corrupt-2024-05-01T10-22-33-123Z-1.json'), 'utf8')).toBe('nope again');
  });

  it('JSON that is not settings (a list) counts as damaged', async () => {
    writeFileSync(join(dir, 'settings.json'), '[1, 2, 3]');
    const store = await open();
    expect(store.notices[0]?.kind).toBe('settings_reset');
    expect(store.notices[0]?.problems[0]?.message).toContain('a list instead of settings');
  });

  it('a hand-edited file with one bad field keeps the rest, backs up the original and lists the problem', async () => {
    const edited = JSON.stringify({ schemaVersion: 1, connection: { mode: 'live', region: 'mars-1' }, launchAtLogin: true, downloadDir: 'Videos' });
    writeFileSync(join(dir, 'settings.json'), edited);
    const store = await open();
    expect(store.get().connection.mode).toBe('live');
    expect(store.get().connection.region).toBe('us-west-2');
    expect(store.get().launchAtLogin).toBe(true);
    expect(store.get().downloadDir).toBeNull();
    const [notice] = store.notices;
    expect(notice?.kind).toBe('settings_repaired');
    expect(notice?.problems.map((p) => p.field)).toEqual(['connection.region', 'downloadDir']);
    expect(notice?.message).toContain('Region: "mars-1" is not a Recall region');
    expect(notice?.message).toContain('(and 1 more)');
    expect(notice?.backupPath && readFileSync(notice.backupPath, 'utf8')).toBe(edited);
    expect(settingsFile()).toMatchObject({ connection: { mode: 'live', region: 'us-west-2' } });
  });

  it('migrates an unversioned file without a backup or notice', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ region: 'ap-northeast-1', notifications: false }));
    const store = await open();
    expect(store.notices).toEqual([]);
    expect(store.get().connection.region).toBe('ap-northeast-1');
    expect(store.get().notifications).toEqual({ enabled: false, onHotkeyConfirm: false, onFailure: true });
    expect(settingsFile()).toMatchObject({ schemaVersion: 1, connection: { region: 'ap-northeast-1' } });
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('an unwritable folder: the app still starts, and says changes cannot be saved', async () => {
    const store = await openSettingsStore({
      dir,
      platform: 'linux',
      now: () => NOW,
      createWriter: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices.map((n) => n.kind)).toEqual(['settings_unsaved']);
    expect(store.notices[0]?.message).toContain('(EACCES)');
    const result = store.update({ launchAtLogin: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('save_failed');
    expect(store.get().launchAtLogin).toBe(false);
  });
});

describe('API key vault', () => {
  it('stores the key encrypted in its own owner-only file; no file holds it in clear', async () => {
    const store = await open();
    expect(store.vault.availability()).toBe('os');
    await store.vault.setApiKey(`  ${KEY}\n`);
    expect(store.vault.hasApiKey()).toBe(true);
    expect(await store.vault.getApiKey()).toBe(KEY);
    expect(everything()).not.toContain(KEY);
    const secrets = z.object({ apiKey: z.object({ ciphertext: z.string(), protection: z.string() }) }).parse(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')));
    expect(secrets.apiKey.protection).toBe('os');
    expect(Buffer.from(secrets.apiKey.ciphertext, 'base64').length).toBe(KEY.length);
    expect(JSON.stringify(settingsFile())).not.toMatch(/apiKey|ciphertext/);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('reads the key back after a restart', async () => {
    await (await open()).vault.setApiKey(KEY);
    const again = await open();
    expect(again.vault.hasApiKey()).toBe(true);
    expect(await again.vault.getApiKey()).toBe(KEY);
  });

  it('clearing removes the key', async () => {
    const store = await open();
    await store.vault.setApiKey(KEY);
    await store.vault.clearApiKey();
    expect(store.vault.hasApiKey()).toBe(false);
    expect(await store.vault.getApiKey()).toBeNull();
    expect((await open()).vault.hasApiKey()).toBe(false);
  });

  it('on Linux basic_text, refuses to store without consent and explains why', async () => {
    safeStorageFake.backend = 'basic_text';
    const store = await open('linux');
    expect(store.vault.availability()).toBe('basic_text');
    const error = await rejection(store.vault.setApiKey(KEY));
    expect(error.kind).toBe('plain_text_refused');
    expect(error.message).toContain('No system keyring (GNOME Keyring or KWallet) was found');
    expect(error.message).toContain('any program running as you could read it');
    expect(error.message).not.toContain(KEY);
    expect(store.vault.hasApiKey()).toBe(false);
    expect(safeStorageFake.encryptCalls).toBe(0);
    expect(readdirSync(dir)).not.toContain('secrets.json');
  });

  it('on Linux basic_text, stores the key (still not in clear) once the user consents', async () => {
    safeStorageFake.backend = 'basic_text';
    const store = await open('linux');
    await store.vault.setApiKey(KEY, { allowPlainTextStorage: true });
    expect(await store.vault.getApiKey()).toBe(KEY);
    expect(everything()).not.toContain(KEY);
    expect(everything()).toContain('"protection": "basic_text"');
  });

  it('treats an unidentified Linux backend like basic_text', async () => {
    safeStorageFake.backend = 'unknown';
    const store = await open('linux');
    const error = await rejection(store.vault.setApiKey(KEY));
    expect(error.kind).toBe('plain_text_refused');
    expect(error.message).toContain('The system keyring could not be identified');
  });

  it('asks about the Linux backend only on Linux', async () => {
    safeStorageFake.backend = 'basic_text';
    const store = await open('darwin');
    expect(store.vault.availability()).toBe('os');
    await store.vault.setApiKey(KEY);
    expect(store.vault.hasApiKey()).toBe(true);
  });

  it('says so when the OS offers no encryption at all', async () => {
    safeStorageFake.available = false;
    const store = await open('win32');
    expect(store.vault.availability()).toBe('unavailable');
    const error = await rejection(store.vault.setApiKey(KEY, { allowPlainTextStorage: true }));
    expect(error.kind).toBe('encryption_unavailable');
    expect(error.message).toContain('cannot encrypt the API key right now');
    expect(store.vault.hasApiKey()).toBe(false);
  });

  it('refuses a malformed key without quoting it', async () => {
    const store = await open();
    const error = await rejection(store.vault.setApiKey(`Token ${KEY}`));
    expect(error.kind).toBe('invalid_key');
    expect(error.message).toBe('The API key contains spaces or line breaks — check that only the key was pasted');
    expect((await rejection(store.vault.setApiKey('   '))).kind).toBe('invalid_key');
  });

  it('a key that can no longer be decrypted is a specific error', async () => {
    await (await open()).vault.setApiKey(KEY);
    safeStorageFake.failDecrypt = true;
    const error = await rejection((await open()).vault.getApiKey());
    expect(error.kind).toBe('decrypt_failed');
    expect(error.message).toContain('enter the key again in Settings');
  });

  it('re-encrypts when the OS rotated its key', async () => {
    await (await open()).vault.setApiKey(KEY);
    safeStorageFake.rotate = true;
    safeStorageFake.encryptCalls = 0;
    expect(await (await open()).vault.getApiKey()).toBe(KEY);
    expect(safeStorageFake.encryptCalls).toBe(1);
  });

  it('a damaged key file is set aside with a notice; the app starts without a key', async () => {
    writeFileSync(join(dir, 'secrets.json'), '{"version":1,"apiKey":{"ciphertext":"%%%"');
    const store = await open();
    expect(store.vault.hasApiKey()).toBe(false);
    expect(store.notices.map((n) => n.kind)).toEqual(['api_key_unreadable']);
    expect(store.notices[0]?.backupPath).toBe(join(dir, 'secrets.corrupt-2024-05-01T10-22-33-123Z.json'));
  });

  it('moves a clear-text key found in settings.json into encrypted storage', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, apiKey: KEY, launchAtLogin: true }));
    const store = await open();
    expect(store.notices.map((n) => n.kind)).toEqual(['api_key_moved']);
    expect(await store.vault.getApiKey()).toBe(KEY);
    expect(store.get().launchAtLogin).toBe(true);
    expect(everything()).not.toContain(KEY);
  });

  it('removes a clear-text key it cannot protect, and never copies it into a backup', async () => {
    safeStorageFake.backend = 'basic_text';
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connection: { apiKey: KEY, region: 'mars-1' } }));
    const store = await open('linux');
    expect(store.notices.map((n) => n.kind)).toEqual(['settings_repaired', 'api_key_dropped']);
    expect(store.notices[1]?.message).toContain('enter it in Settings');
    expect(store.vault.hasApiKey()).toBe(false);
    expect(everything()).not.toContain(KEY);
    expect(store.notices[0]?.backupPath && readFileSync(store.notices[0].backupPath, 'utf8')).toContain('mars-1');
  });
});
