// Crash consistency of settings.json beyond tests/unit/adapters/settings-store.test.ts (which
// covers a cut-off file, a list, one bad field and a clear-text key): an empty file from a crash
// mid-write, binary garbage, `null`, every field of the wrong type, a file from a newer app and
// prototype-pollution keys. Each time the app starts with usable settings, keeps the original
// bytes as a backup, says so, and a later change is saved normally.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../electron/core/settings';
import { safeStorageFake } from '../adapters/electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('../adapters/electron-fakes');
  return { default: {}, safeStorage: fakes.safeStorageFake };
});

const { openSettingsStore } = await import('../../../electron/main/adapters/settings-store');

const NOW = Date.UTC(2024, 4, 1, 10, 22, 33, 123);
const KEY = 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-damage-'));
  safeStorageFake.reset();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => openSettingsStore({ dir, platform: 'linux', now: () => NOW });

function backups(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('settings.corrupt-'));
}

const DAMAGED: Array<[string, string | Buffer]> = [
  ['an empty file (the app died mid-write)', ''],
  ['binary garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x7b, 0x22])],
  ['a bare string', '"settings"'],
];

describe('a settings file that cannot be read', () => {
  it.each(DAMAGED)('%s: defaults, the original kept byte for byte, a notice', async (_what, content) => {
    writeFileSync(join(dir, 'settings.json'), content);
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices.map((n) => n.kind)).toEqual(['settings_reset']);
    const [backup] = backups();
    expect(backup).toBeDefined();
    expect(readFileSync(join(dir, backup ?? ''))).toEqual(Buffer.from(content));
    expect(store.notices[0]?.message).toContain(join(dir, backup ?? ''));
    expect(store.update({ launchAtLogin: true }).ok).toBe(true);
    expect((await open()).get().launchAtLogin).toBe(true);
  });
});

describe('a hand-edited settings file', () => {
  it('with every field of the wrong type: defaults for each, the original kept, every field listed', async () => {
    const edited = JSON.stringify({
      schemaVersion: 1,
      connection: { mode: 7, region: ['us-west-2'], customBaseUrl: 42 },
      hotkeys: 'F9',
      notifications: { enabled: 'yes', onHotkeyConfirm: null },
      launchAtLogin: 'true',
      downloadDir: { path: '/home/me' },
      recentBots: 'none',
    });
    writeFileSync(join(dir, 'settings.json'), edited);
    const store = await open();
    const settings = store.get();
    const defaults = defaultSettings();
    expect(settings.connection).toEqual(defaults.connection);
    expect(settings.hotkeys).toEqual(defaults.hotkeys);
    expect(settings.notifications).toEqual(defaults.notifications);
    expect(settings.launchAtLogin).toBe(defaults.launchAtLogin);
    expect(settings.downloadDir).toBe(defaults.downloadDir);
    expect(settings.recentBots).toEqual([]);
    const [notice] = store.notices;
    expect(notice?.kind === 'settings_repaired' || notice?.kind === 'settings_reset').toBe(true);
    expect(notice?.problems.length).toBeGreaterThanOrEqual(5);
    expect(readFileSync(notice?.backupPath ?? '', 'utf8')).toBe(edited);
  });

  it('from a newer version of the app: what this version understands is read, the newer file is kept', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, connection: { mode: 'live', region: 'eu-central-1' }, launchAtLogin: true, futureThing: { x: 1 } });
    writeFileSync(join(dir, 'settings.json'), newer);
    const store = await open();
    expect(store.get()).toMatchObject({ connection: { mode: 'live', region: 'eu-central-1' }, launchAtLogin: true });
    const [notice] = store.notices;
    expect(notice?.kind).toBe('settings_repaired');
    expect(notice?.message).toContain('newer version of the app');
    expect(readFileSync(notice?.backupPath ?? '', 'utf8')).toBe(newer);
  });

  it('holding just `null`: nothing to lose, so it starts like a first run', async () => {
    writeFileSync(join(dir, 'settings.json'), 'null');
    const store = await open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.update({ launchAtLogin: true }).ok).toBe(true);
    expect((await open()).get().launchAtLogin).toBe(true);
  });

  it('with prototype-pollution keys: nothing leaks into other objects', async () => {
    writeFileSync(
      join(dir, 'settings.json'),
      '{"schemaVersion":1,"__proto__":{"polluted":true,"launchAtLogin":true},"connection":{"__proto__":{"mode":"live"},"constructor":{"prototype":{"polluted":true}}}}',
    );
    const store = await open();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(store.get().connection.mode).toBe('sandbox');
    expect(store.get().launchAtLogin).toBe(false);
    expect(JSON.stringify(store.get())).not.toContain('polluted');
  });

  it('with the API key in clear text beside broken fields: the key ends up encrypted and in no backup', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, apiKey: KEY, launchAtLogin: 'sometimes', hotkeys: { pause: 12 } }));
    const store = await open();
    expect(await store.vault.getApiKey()).toBe(KEY);
    expect(store.notices.map((n) => n.kind)).toEqual(['settings_repaired', 'api_key_moved']);
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8')).not.toContain(KEY);
  });
});
