// Reading a settings file: defaults, migrations from older shapes, and for every field that is
// wrong a specific sentence while everything else is kept. Never throws, whatever the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOMATION_SETTINGS } from '../../../electron/core/automation';
import { DEFAULT_HOTKEYS } from '../../../electron/core/hotkeys';
import {
  defaultSettings,
  parseSettings,
  RECENT_BOTS_MAX,
  serializeSettings,
  SETTINGS_SCHEMA_VERSION,
  withoutApiKeys,
} from '../../../electron/core/settings';
import type { Settings } from '../../../electron/core/settings';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function valid(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...serializeSettings(defaultSettings()), ...over };
}

function problemsOf(raw: unknown): Array<[string, string]> {
  return parseSettings(raw).problems.map((p) => [p.field, p.message]);
}

describe('defaults', () => {
  it('are the sandbox, the default region, the default shortcuts, notifications on, no bots, automation off', () => {
    expect(defaultSettings()).toEqual({
      connection: { mode: 'sandbox', region: 'us-west-2', customBaseUrl: null },
      hotkeys: DEFAULT_HOTKEYS,
      notifications: { enabled: true, onHotkeyConfirm: true, onFailure: true },
      launchAtLogin: false,
      downloadDir: null,
      recentBots: [],
      automation: {
        autoPause: { onLock: false, onSuspend: false, resumeOnUnlock: false },
        pausedReminder: { enabled: false, everyMinutes: 10 },
        leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
      },
    });
  });

  it('a missing file (undefined / null) is the defaults, with nothing to report', () => {
    for (const raw of [undefined, null]) {
      expect(parseSettings(raw)).toEqual({ settings: defaultSettings(), problems: [], unusable: false, strayApiKey: null });
    }
  });

  it('missing fields take their defaults silently (an older file simply lacks them)', () => {
    expect(parseSettings({ schemaVersion: 1 })).toEqual({ settings: defaultSettings(), problems: [], unusable: false, strayApiKey: null });
  });

  it('the written form reads back identically, and carries the schema version', () => {
    const settings: Settings = {
      connection: { mode: 'live', region: 'eu-central-1', customBaseUrl: 'http://127.0.0.1:8080' },
      hotkeys: { ...DEFAULT_HOTKEYS, stop: null, pause: 'F9' },
      notifications: { enabled: true, onHotkeyConfirm: false, onFailure: true },
      launchAtLogin: true,
      downloadDir: 'C:\\Users\\me\\Videos',
      recentBots: [{ id: 'bot-2', name: 'Standup', lastUsedAt: 20 }, { id: 'bot-1', name: null, lastUsedAt: 10 }],
      automation: {
        autoPause: { onLock: true, onSuspend: false, resumeOnUnlock: true },
        pausedReminder: { enabled: true, everyMinutes: 15 },
        leaveWarning: { enabled: true, minutesBefore: [10, 2], timeoutSeconds: 1800 },
      },
    };
    const written: unknown = JSON.parse(JSON.stringify(serializeSettings(settings)));
    expect(written).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(parseSettings(written)).toEqual({ settings, problems: [], unusable: false, strayApiKey: null });
  });
});

describe('unusable input', () => {
  it.each([
    ['a list', [1, 2]],
    ['a string', 'hello'],
    ['a number', 42],
  ])('%s: every setting is the default, and that is said', (_label, raw) => {
    const parsed = parseSettings(raw);
    expect(parsed.unusable).toBe(true);
    expect(parsed.settings).toEqual(defaultSettings());
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.message).toMatch(/instead of settings; every setting is back to its default$/);
  });

  it('never throws and always yields settings that write and read back cleanly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        for (const raw of [json, anything, { schemaVersion: 1, connection: json, notifications: anything, recentBots: [json, anything], automation: json }, { automation: { autoPause: anything, leaveWarning: json } }]) {
          const parsed = parseSettings(raw);
          const again = parseSettings(JSON.parse(JSON.stringify(serializeSettings(parsed.settings))));
          expect(again.problems).toEqual([]);
          expect(again.settings).toEqual(parsed.settings);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('survives an object whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'connection', { enumerable: true, get: () => { throw new Error('boom'); } });
    const parsed = parseSettings(hostile);
    expect(parsed.settings).toEqual(defaultSettings());
    expect(parsed.problems[0]?.message).toBe('The settings could not be read (boom); every setting is back to its default');
  });
});

describe('each invalid field has its own problem and falls back alone', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['connection', { connection: 'live' }, 'connection', 'Connection: "live" is not a connection object; using the built-in sandbox'],
    ['connection.mode', { connection: { mode: 'production' } }, 'connection.mode', 'Connection mode: "production" is not a connection mode (use "sandbox" or "live"); using "sandbox"'],
    ['connection.region', { connection: { region: 'mars-1' } }, 'connection.region', 'Region: "mars-1" is not a Recall region (use one of us-west-2, us-east-1, eu-central-1, ap-northeast-1); using us-west-2'],
    ['connection.customBaseUrl (not a URL)', { connection: { customBaseUrl: 'not a url' } }, 'connection.customBaseUrl', 'Custom API base URL: "not a url" is not a valid URL (expected e.g. https://us-west-2.recall.ai); using the region instead'],
    ['connection.customBaseUrl (ftp)', { connection: { customBaseUrl: 'ftp://x.example' } }, 'connection.customBaseUrl', 'Custom API base URL: API base URL must use http or https, not ftp; using the region instead'],
    ['connection.customBaseUrl (remote http)', { connection: { customBaseUrl: 'http://proxy.example.com/api' } }, 'connection.customBaseUrl', 'Custom API base URL: Plain http is only allowed for this computer (localhost, 127.0.0.1) — use https://proxy.example.com/api; using the region instead'],
    ['connection.customBaseUrl (number)', { connection: { customBaseUrl: 8080 } }, 'connection.customBaseUrl', 'Custom API base URL: 8080 is not a URL; using the region instead'],
    ['connection extra key', { connection: { proxy: 'x' } }, 'connection.proxy', 'Ignored an unknown setting "connection.proxy"'],
    ['notifications', { notifications: 'loud' }, 'notifications', 'Notifications: "loud" is not a notifications object; using the defaults'],
    ['notifications.enabled', { notifications: { enabled: 'yes' } }, 'notifications.enabled', 'Notifications: "yes" is not true or false; using on'],
    ['notifications.onHotkeyConfirm', { notifications: { onHotkeyConfirm: 0 } }, 'notifications.onHotkeyConfirm', 'Shortcut confirmations: 0 is not true or false; using on'],
    ['notifications.onFailure', { notifications: { onFailure: false } }, 'notifications.onFailure', 'Failure notifications: they cannot be turned off — a failed action must never go unnoticed; using on'],
    ['launchAtLogin', { launchAtLogin: 'true' }, 'launchAtLogin', 'Launch at login: "true" is not true or false; using off'],
    ['downloadDir (relative)', { downloadDir: 'Videos/recall' }, 'downloadDir', 'Download folder: "Videos/recall" is not an absolute folder path (e.g. /home/me/Videos or C:\\Users\\me\\Videos); using the OS default folder'],
    ['downloadDir (not text)', { downloadDir: ['/tmp'] }, 'downloadDir', 'Download folder: ["/tmp"] is not a folder path; using the OS default folder'],
    ['downloadDir (control chars)', { downloadDir: '/tmp/a\nb' }, 'downloadDir', 'Download folder: the folder path contains control characters; using the OS default folder'],
    ['recentBots', { recentBots: { id: 'x' } }, 'recentBots', 'Recent bots: {"id":"x"} is not a list; starting with none'],
    ['hotkeys (value not text)', { hotkeys: { version: 1, bindings: { pause: 7 } } }, 'hotkeys', 'Shortcuts: The saved shortcut for Pause was not text; the default is back'],
    ['hotkeys (unreadable)', { hotkeys: 'ctrl+p' }, 'hotkeys', 'Shortcuts: Saved shortcuts were unreadable; the defaults are back'],
    ['unknown top-level key', { theme: 'dark' }, 'theme', 'Ignored an unknown setting "theme"'],
    ['schemaVersion (not a number)', { schemaVersion: 'one' }, 'schemaVersion', 'Settings version: "one" is not a version number; read as version 1'],
  ])('%s', (_label, over, field, message) => {
    expect(problemsOf(valid(over))).toEqual([[field, message]]);
  });

  it('keeps every valid field next to an invalid one', () => {
    const parsed = parseSettings(valid({ connection: { mode: 'live', region: 'mars-1', customBaseUrl: 'https://proxy.example.com/' }, launchAtLogin: true }));
    expect(parsed.settings.connection).toEqual({ mode: 'live', region: 'us-west-2', customBaseUrl: 'https://proxy.example.com' });
    expect(parsed.settings.launchAtLogin).toBe(true);
    expect(parsed.unusable).toBe(false);
  });

  it('accepts plain http to this computer only', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:9000', 'http://sandbox.localhost']) {
      expect(parseSettings(valid({ connection: { customBaseUrl: url } })).problems, url).toEqual([]);
    }
  });

  it('keeps a typed-but-invalid shortcut (Settings shows why it does not register)', () => {
    const parsed = parseSettings(valid({ hotkeys: { version: 1, bindings: { pause: 'Ctrl+Banana' } } }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.hotkeys.pause).toBe('Ctrl+Banana');
  });
});

describe('automation', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['automation', { automation: 'on' }, 'automation', 'Automation: Automation settings were "on", not an object; using the defaults (all off)'],
    ['a group', { automation: { autoPause: true } }, 'automation.autoPause', 'Automation: autoPause was true, not an object; using the defaults'],
    ['a flag', { automation: { autoPause: { onLock: 'yes' } } }, 'automation.autoPause.onLock', 'Automation: autoPause.onLock must be true or false (was "yes"); using false'],
    ['the reminder interval', { automation: { pausedReminder: { enabled: true, everyMinutes: 0 } } }, 'automation.pausedReminder.everyMinutes', 'Automation: pausedReminder.everyMinutes must be at least 1 minute (was 0); using 10'],
    ['an unknown field', { automation: { autoPause: { onLid: true } } }, 'automation.autoPause.onLid', 'Automation: Ignored an unknown setting "autoPause.onLid"'],
  ])('%s: one problem under automation.…, the rest kept', (_label, over, field, message) => {
    expect(problemsOf(valid(over))).toEqual([[field, message]]);
  });

  it('keeps the valid automation fields beside a bad one', () => {
    const parsed = parseSettings(valid({ automation: { autoPause: { onLock: true, resumeOnUnlock: 'sure' }, pausedReminder: { enabled: true, everyMinutes: 3 } } }));
    expect(parsed.settings.automation.autoPause).toEqual({ onLock: true, onSuspend: false, resumeOnUnlock: false });
    expect(parsed.settings.automation.pausedReminder).toEqual({ enabled: true, everyMinutes: 3 });
    expect(parsed.settings.automation.leaveWarning).toEqual(DEFAULT_AUTOMATION_SETTINGS.leaveWarning);
  });
});

describe('recent bots', () => {
  it('drops bad entries one by one with the reason, dedupes and orders by last use', () => {
    const parsed = parseSettings(
      valid({
        recentBots: [
          { id: 'bot-1', name: 'Old', lastUsedAt: 10 },
          { id: 'has space', name: 'x', lastUsedAt: 5 },
          { id: 'bot-2', name: 'Standup', lastUsedAt: 30 },
          { id: 'bot-3', name: 3, lastUsedAt: 5 },
          { id: 'bot-4', name: 'No time' },
          'bot-5',
          { id: 'bot-1', name: 'Weekly sync', lastUsedAt: 20 },
        ],
      }),
    );
    expect(parsed.settings.recentBots).toEqual([
      { id: 'bot-2', name: 'Standup', lastUsedAt: 30 },
      { id: 'bot-1', name: 'Weekly sync', lastUsedAt: 20 },
    ]);
    expect(parsed.problems.map((p) => [p.field, p.message])).toEqual([
      ['recentBots[1]', 'Recent bots: entry 2 was dropped — "has space" is not a bot id'],
      ['recentBots[3]', 'Recent bots: entry 4 was dropped — the bot name is not text'],
      ['recentBots[4]', 'Recent bots: entry 5 was dropped — the entry has no valid lastUsedAt time (milliseconds since 1970)'],
      ['recentBots[5]', 'Recent bots: entry 6 was dropped — "bot-5" is not a bot entry'],
      ['recentBots[6]', 'Recent bots: bot bot-1 was listed twice; kept the most recent use'],
    ]);
  });

  it(`keeps at most ${RECENT_BOTS_MAX}, the most recent`, () => {
    const bots = Array.from({ length: RECENT_BOTS_MAX + 3 }, (_, i) => ({ id: `bot-${i}`, name: null, lastUsedAt: i }));
    const parsed = parseSettings(valid({ recentBots: bots }));
    expect(parsed.settings.recentBots.map((b) => b.id)).toEqual(bots.slice(3).reverse().map((b) => b.id));
    expect(parsed.problems.map((p) => p.message)).toEqual([`Recent bots: kept the ${RECENT_BOTS_MAX} most recent of ${RECENT_BOTS_MAX + 3} bots`]);
  });
});

describe('migrations', () => {
  it('an unversioned flat file (mode/region/apiBase at the top, one notifications switch) is migrated without problems', () => {
    const parsed = parseSettings({ mode: 'live', region: 'eu-central-1', apiBase: 'https://proxy.example.com/', notifications: false, hotkeys: { pause: 'F9' } });
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.connection).toEqual({ mode: 'live', region: 'eu-central-1', customBaseUrl: 'https://proxy.example.com' });
    expect(parsed.settings.notifications).toEqual({ enabled: false, onHotkeyConfirm: false, onFailure: true });
    expect(parsed.settings.hotkeys).toEqual({ ...DEFAULT_HOTKEYS, pause: 'F9' });
  });

  it('an unversioned file that already has a connection object keeps it, merging the flat fields under it', () => {
    const parsed = parseSettings({ region: 'us-east-1', connection: { mode: 'live' } });
    expect(parsed.settings.connection).toEqual({ mode: 'live', region: 'us-east-1', customBaseUrl: null });
  });

  it('an unversioned file is validated like any other', () => {
    expect(problemsOf({ region: 'mars-1', notifications: 'loud' }).map(([field]) => field)).toEqual(['connection.region', 'notifications']);
  });

  it('a version-1 file written before automation existed reads with automation all off, silently', () => {
    const { automation: _dropped, ...older } = valid({ launchAtLogin: true });
    const parsed = parseSettings(older);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.automation).toEqual(DEFAULT_AUTOMATION_SETTINGS);
    expect(parsed.settings.launchAtLogin).toBe(true);
    expect(serializeSettings(parsed.settings).automation).toEqual({
      autoPause: { onLock: false, onSuspend: false, resumeOnUnlock: false },
      pausedReminder: { enabled: false, everyMinutes: 10 },
      leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
    });
  });

  it('a file from a newer version: reads what it knows and says so', () => {
    const parsed = parseSettings(valid({ schemaVersion: 7, launchAtLogin: true, autoPause: { onScreenLock: true } }));
    expect(parsed.settings.launchAtLogin).toBe(true);
    expect(parsed.problems.map((p) => [p.field, p.message])).toEqual([
      ['schemaVersion', 'The settings were saved by a newer version of the app (schema 7); only what this version understands was read'],
      ['autoPause', 'Ignored an unknown setting "autoPause"'],
    ]);
  });
});

describe('an API key in the file', () => {
  it('is taken out, reported without its value, and handed over as strayApiKey', () => {
    for (const raw of [valid({ apiKey: ` ${KEY} ` }), valid({ connection: { region: 'us-east-1', apiKey: KEY } }), { RECALL_API_KEY: KEY }]) {
      const parsed = parseSettings(raw);
      expect(parsed.strayApiKey).toBe(KEY);
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]?.message).toBe('The settings file held an API key in clear text; it was taken out of the file');
      expect(JSON.stringify(parsed.problems)).not.toContain(KEY);
      expect(JSON.stringify(serializeSettings(parsed.settings))).not.toContain(KEY);
    }
  });

  it('withoutApiKeys removes the key fields and nothing else', () => {
    expect(withoutApiKeys({ apiKey: KEY, region: 'x', connection: { api_key: KEY, mode: 'live' } })).toEqual({ region: 'x', connection: { mode: 'live' } });
    expect(withoutApiKeys([1])).toEqual([1]);
  });
});
