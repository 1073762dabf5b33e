// Changing settings from the UI: all-or-nothing, with a typed error naming each refused field;
// shortcuts checked for validity and clashes; recent bots kept bounded and deduplicated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../../electron/core/hotkeys';
import {
  applySettingsPatch,
  defaultSettings,
  forgetBot,
  normalizeApiKey,
  RECENT_BOTS_MAX,
  rememberBot,
  SecretVaultError,
  SettingsUpdateError,
} from '../../../electron/core/settings';
import type { Settings, SettingsUpdate } from '../../../electron/core/settings';

function applied(result: SettingsUpdate): Settings {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.settings;
}

function refused(result: SettingsUpdate): SettingsUpdateError {
  if (result.ok) throw new Error('expected the change to be refused');
  expect(result.error).toBeInstanceOf(SettingsUpdateError);
  expect(result.error.kind).toBe('invalid_settings');
  return result.error;
}

describe('applySettingsPatch', () => {
  it('applies valid fields and normalizes them', () => {
    const result = applySettingsPatch(defaultSettings(), {
      connection: { mode: 'live', customBaseUrl: ' https://proxy.example.com/recall/ ' },
      notifications: { onHotkeyConfirm: false },
      hotkeys: { pause: 'ctrl+alt+shift+h', stop: '' },
      launchAtLogin: true,
      downloadDir: '  /home/me/Videos ',
    });
    const next = applied(result);
    expect(result.ok && result.changed).toBe(true);
    expect(next.connection).toEqual({ mode: 'live', region: 'us-west-2', customBaseUrl: 'https://proxy.example.com/recall' });
    expect(next.notifications).toEqual({ enabled: true, onHotkeyConfirm: false, onFailure: true });
    expect(next.hotkeys).toEqual({ ...DEFAULT_HOTKEYS, pause: 'Control+Alt+Shift+H', stop: null });
    expect(next.launchAtLogin).toBe(true);
    expect(next.downloadDir).toBe('/home/me/Videos');
  });

  it('clearing the custom URL or the download folder goes back to region / OS default', () => {
    const custom = applied(applySettingsPatch(defaultSettings(), { connection: { customBaseUrl: 'http://127.0.0.1:4000' }, downloadDir: '/tmp/x' }));
    const cleared = applied(applySettingsPatch(custom, { connection: { customBaseUrl: null }, downloadDir: null }));
    expect(cleared.connection.customBaseUrl).toBeNull();
    expect(cleared.downloadDir).toBeNull();
  });

  it('reports an unchanged result as not changed', () => {
    const result = applySettingsPatch(defaultSettings(), { launchAtLogin: false });
    expect(result.ok && result.changed).toBe(false);
  });

  it('refuses the whole patch when one field is wrong, naming every wrong field', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { launchAtLogin: true, connection: { region: 'mars-1', mode: 'prod' }, downloadDir: 'relative/dir' }));
    expect(error.issues.map((i) => i.field)).toEqual(['connection.mode', 'connection.region', 'downloadDir']);
    expect(error.message).toBe('Connection mode: "prod" is not a connection mode (use "sandbox" or "live")');
    expect(error.issues[1]?.message).toBe('Region: "mars-1" is not a Recall region (use one of us-west-2, us-east-1, eu-central-1, ap-northeast-1)');
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', 'launchAtLogin', '', 'A settings change must be an object of fields, not "launchAtLogin"'],
    ['an API key', { apiKey: 'secret' }, 'apiKey', 'The API key is not saved with the settings — it is set on its own and stored encrypted'],
    ['recent bots', { recentBots: [] }, 'recentBots', 'Recent bots follow the bots you select; they are not set directly'],
    ['an unknown field', { theme: 'dark' }, 'theme', 'There is no setting "theme"'],
    ['an unknown nested field', { notifications: { sound: true } }, 'notifications.sound', 'There is no setting "notifications.sound"'],
    ['turning failure notifications off', { notifications: { onFailure: false } }, 'notifications.onFailure', 'Failure notifications: they cannot be turned off — a failed action must never go unnoticed'],
    ['a non-boolean switch', { notifications: { enabled: 'no' } }, 'notifications.enabled', 'Notifications: "no" is not true or false'],
    ['remote plain http', { connection: { customBaseUrl: 'http://10.0.0.5:8080' } }, 'connection.customBaseUrl', 'Custom API base URL: Plain http is only allowed for this computer (localhost, 127.0.0.1) — use https://10.0.0.5:8080'],
    ['a URL with credentials', { connection: { customBaseUrl: 'https://user:pw@proxy.example.com' } }, 'connection.customBaseUrl', 'Custom API base URL: API base URL must not contain credentials; pass the API key separately'],
    ['a connection that is not an object', { connection: 'sandbox' }, 'connection', 'Connection: "sandbox" is not a connection object'],
  ])('refuses %s with a specific message', (_label, patch, field, message) => {
    const error = refused(applySettingsPatch(defaultSettings(), patch));
    expect(error.issues).toEqual([{ field, message }]);
  });

  it('never echoes a pasted API key in full', () => {
    const key = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const error = refused(applySettingsPatch(defaultSettings(), { connection: { region: key } }));
    expect(error.message).not.toContain(key);
  });
});

describe('shortcut changes', () => {
  it('refuses an invalid accelerator with the parser\'s reason', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { hotkeys: { pause: 'Ctrl+Banana' } }));
    expect(error.issues).toEqual([{ field: 'hotkeys.pause', message: "Pause shortcut: Unknown key 'Banana'" }]);
  });

  it('refuses keys another action already uses, whichever comes first in the list', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { hotkeys: { 'toggle-pause': DEFAULT_HOTKEYS.stop } }, { platform: 'linux' }));
    expect(error.issues).toEqual([{ field: 'hotkeys.toggle-pause', message: 'Pause/Resume shortcut: Ctrl+Alt+Shift+T is already used by Stop' }]);
  });

  it('sees a clash across spellings (CmdOrCtrl is Ctrl on Linux)', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { hotkeys: { pause: 'Ctrl+Alt+Shift+P' } }, { platform: 'linux' }));
    expect(error.issues[0]?.message).toBe('Pause shortcut: Ctrl+Alt+Shift+P is already used by Pause/Resume');
  });

  it('allows swapping two actions in one change', () => {
    const next = applied(applySettingsPatch(defaultSettings(), { hotkeys: { pause: DEFAULT_HOTKEYS.resume, resume: DEFAULT_HOTKEYS.pause } }));
    expect(next.hotkeys.pause).toBe(DEFAULT_HOTKEYS.resume);
    expect(next.hotkeys.resume).toBe(DEFAULT_HOTKEYS.pause);
  });

  it('refuses macOS-only modifiers on other platforms', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { hotkeys: { stop: 'Cmd+Shift+9' } }, { platform: 'win32' }));
    expect(error.issues[0]?.message).toContain('uses Cmd, which only exists on macOS');
    expect(applySettingsPatch(defaultSettings(), { hotkeys: { stop: 'Cmd+Alt+9' } }, { platform: 'darwin' }).ok).toBe(true);
  });

  it('refuses an unknown action and a non-text value', () => {
    const error = refused(applySettingsPatch(defaultSettings(), { hotkeys: { leave: 'F7', stop: 12 } }));
    expect(error.issues.map((i) => i.message)).toEqual([
      'Shortcuts: there is no action "leave" (use one of toggle-pause, pause, resume, start, stop, show-window)',
      'Stop shortcut: 12 is not a shortcut',
    ]);
  });
});

describe('automation patches', () => {
  it('changes only the named automation fields, keeping the rest (and the other settings)', () => {
    const base = applied(applySettingsPatch(defaultSettings(), { launchAtLogin: true }));
    const result = applySettingsPatch(base, { automation: { autoPause: { onLock: true }, pausedReminder: { enabled: true, everyMinutes: 5 } } });
    const next = applied(result);
    expect(result.ok && result.changed).toBe(true);
    expect(next.automation).toEqual({
      autoPause: { onLock: true, onSuspend: false, resumeOnUnlock: false },
      pausedReminder: { enabled: true, everyMinutes: 5 },
      leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
    });
    expect(next.launchAtLogin).toBe(true);
    const again = applied(applySettingsPatch(next, { automation: { autoPause: { resumeOnUnlock: true } } }));
    expect(again.automation.autoPause).toEqual({ onLock: true, onSuspend: false, resumeOnUnlock: true });
    expect(again.automation.pausedReminder.everyMinutes).toBe(5);
  });

  it('sorts the leave warning times, largest first', () => {
    const next = applied(applySettingsPatch(defaultSettings(), { automation: { leaveWarning: { enabled: true, minutesBefore: [2, 15, 5] } } }));
    expect(next.automation.leaveWarning.minutesBefore).toEqual([15, 5, 2]);
  });

  it('refuses the whole patch naming every bad automation field, and changes nothing', () => {
    const error = refused(
      applySettingsPatch(defaultSettings(), {
        launchAtLogin: true,
        automation: { autoPause: { onLock: 'yes', onLid: true }, pausedReminder: { everyMinutes: 0 }, leaveWarning: { minutesBefore: [5, 5], timeoutSeconds: 10 }, theme: 'dark' },
      }),
    );
    expect(error.issues.map((i) => [i.field, i.message])).toEqual([
      ['automation.theme', 'There is no setting "automation.theme"'],
      ['automation.autoPause.onLid', 'There is no setting "automation.autoPause.onLid"'],
      ['automation.autoPause.onLock', 'Auto-pause when the screen locks: must be true or false (was "yes")'],
      ['automation.pausedReminder.everyMinutes', 'Paused reminder interval: must be at least 1 minute (was 0)'],
      ['automation.leaveWarning.minutesBefore', 'Leave warning times: must not list the same minute twice (was [5,5])'],
      ['automation.leaveWarning.timeoutSeconds', 'Not-recording timeout: must be at least 60 seconds (was 10)'],
    ]);
  });

  it('refuses an automation value that is not an object', () => {
    expect(refused(applySettingsPatch(defaultSettings(), { automation: true })).message).toBe('Automation: true is not an automation settings object');
    expect(refused(applySettingsPatch(defaultSettings(), { automation: { pausedReminder: 10 } })).message).toBe('Paused reminder: 10 is not a settings object');
  });
});

describe('recent bots', () => {
  it('rememberBot puts the bot first, once, with the time', () => {
    let settings = defaultSettings();
    settings = applied(rememberBot(settings, { id: 'bot-1', name: 'Weekly sync' }, 100));
    settings = applied(rememberBot(settings, { id: 'bot-2', name: null }, 200));
    settings = applied(rememberBot(settings, { id: 'bot-1', name: 'Weekly sync (renamed)' }, 300));
    expect(settings.recentBots).toEqual([
      { id: 'bot-1', name: 'Weekly sync (renamed)', lastUsedAt: 300 },
      { id: 'bot-2', name: null, lastUsedAt: 200 },
    ]);
  });

  it(`rememberBot keeps at most ${RECENT_BOTS_MAX}`, () => {
    let settings = defaultSettings();
    for (let i = 0; i < RECENT_BOTS_MAX + 2; i++) settings = applied(rememberBot(settings, { id: `bot-${i}`, name: null }, i));
    expect(settings.recentBots).toHaveLength(RECENT_BOTS_MAX);
    expect(settings.recentBots[0]?.id).toBe(`bot-${RECENT_BOTS_MAX + 1}`);
    expect(settings.recentBots.some((b) => b.id === 'bot-0')).toBe(false);
  });

  it('rememberBot refuses an id that is not a bot id', () => {
    expect(refused(rememberBot(defaultSettings(), { id: 'two words', name: null }, 1)).message).toBe('Recent bots: "two words" is not a bot id');
  });

  it('forgetBot removes one bot and leaves the settings alone when it is not listed', () => {
    const settings = applied(rememberBot(defaultSettings(), { id: 'bot-1', name: null }, 1));
    expect(forgetBot(settings, 'bot-1').recentBots).toEqual([]);
    expect(forgetBot(settings, 'bot-9')).toBe(settings);
  });
});

describe('normalizeApiKey', () => {
  it('trims a pasted key', () => {
    expect(normalizeApiKey('  abc123\n')).toBe('abc123');
  });

  it.each([
    ['', 'The API key is empty — paste the key from the Recall dashboard'],
    ['Token abc123', 'The API key contains spaces or line breaks — check that only the key was pasted'],
    ['x'.repeat(513), 'The API key is longer than 512 characters — check that only the key was pasted'],
  ])('refuses %j with a message that does not quote it', (input, message) => {
    let caught: unknown = null;
    try {
      normalizeApiKey(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SecretVaultError);
    expect(caught).toMatchObject({ kind: 'invalid_key', message });
  });
});
