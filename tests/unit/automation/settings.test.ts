import { describe, expect, it } from 'vitest';
import { AutomationSettingsSchema, DEFAULT_AUTOMATION_SETTINGS, parseAutomationSettings, serializeAutomationSettings } from '../../../electron/core/automation';

describe('automation settings', () => {
  it('are all off by default, with a 10-minute reminder, 5/1-minute warnings and a 3600 s timeout', () => {
    expect(DEFAULT_AUTOMATION_SETTINGS).toEqual({
      autoPause: { onLock: false, onSuspend: false, resumeOnUnlock: false },
      pausedReminder: { enabled: false, everyMinutes: 10 },
      leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
    });
    expect(parseAutomationSettings(undefined)).toEqual({ settings: DEFAULT_AUTOMATION_SETTINGS, problems: [] });
  });

  it('round-trips through its persisted form', () => {
    const settings = AutomationSettingsSchema.parse({
      autoPause: { onLock: true, onSuspend: false, resumeOnUnlock: true },
      pausedReminder: { enabled: true, everyMinutes: 15 },
      leaveWarning: { enabled: true, minutesBefore: [1, 10], timeoutSeconds: 7200 },
    });
    expect(settings.leaveWarning.minutesBefore).toEqual([10, 1]);
    const again = parseAutomationSettings(JSON.parse(JSON.stringify(serializeAutomationSettings(settings))));
    expect(again).toEqual({ settings, problems: [] });
  });

  it('keeps every usable field and replaces a bad one with its default, saying so', () => {
    const parsed = parseAutomationSettings({
      autoPause: { onLock: true, onSuspend: 'yes' },
      pausedReminder: { enabled: true, everyMinutes: 0 },
      leaveWarning: { minutesBefore: [5, 5] },
      extra: 1,
    });
    expect(parsed.settings).toEqual({
      autoPause: { onLock: true, onSuspend: false, resumeOnUnlock: false },
      pausedReminder: { enabled: true, everyMinutes: 10 },
      leaveWarning: { enabled: false, minutesBefore: [5, 1], timeoutSeconds: 3600 },
    });
    expect(parsed.problems.map((p) => p.field)).toEqual(['extra', 'autoPause.onSuspend', 'pausedReminder.everyMinutes', 'leaveWarning.minutesBefore']);
    expect(parsed.problems[1]?.message).toBe('autoPause.onSuspend must be true or false (was "yes"); using false');
    expect(parsed.problems[2]?.message).toBe('pausedReminder.everyMinutes must be at least 1 minute (was 0); using 10');
    expect(parsed.problems[3]?.message).toContain('must not list the same minute twice');
  });

  it('falls back to the defaults for a value that is not an object', () => {
    expect(parseAutomationSettings('on')).toMatchObject({ settings: DEFAULT_AUTOMATION_SETTINGS, problems: [{ field: '' }] });
    expect(parseAutomationSettings({ autoPause: true }).problems).toEqual([{ field: 'autoPause', message: 'autoPause was true, not an object; using the defaults' }]);
  });

  it('the strict schema rejects an update with a bad or unknown field', () => {
    expect(AutomationSettingsSchema.safeParse({ ...DEFAULT_AUTOMATION_SETTINGS, pausedReminder: { enabled: true, everyMinutes: 1000 } }).success).toBe(false);
    expect(AutomationSettingsSchema.safeParse({ ...DEFAULT_AUTOMATION_SETTINGS, other: true }).success).toBe(false);
    expect(AutomationSettingsSchema.safeParse({ ...DEFAULT_AUTOMATION_SETTINGS, leaveWarning: { ...DEFAULT_AUTOMATION_SETTINGS.leaveWarning, minutesBefore: [...DEFAULT_AUTOMATION_SETTINGS.leaveWarning.minutesBefore] } }).success).toBe(true);
  });
});
