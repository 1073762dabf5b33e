// Automation as the window sees it (AutomationView): the saved settings as plain data and what
// auto-pause and the reminders are doing now.
import type { Automation, AutomationSettings } from '../../automation';
import type { AutomationView } from '../../../contract';

export function automationSettingsView(settings: AutomationSettings): AutomationView['settings'] {
  return {
    autoPause: { ...settings.autoPause },
    pausedReminder: { ...settings.pausedReminder },
    leaveWarning: { ...settings.leaveWarning, minutesBefore: [...settings.leaveWarning.minutesBefore] },
  };
}

export function automationView(automation: Automation, settings: AutomationSettings, platform: string): AutomationView {
  const live = automation.getView();
  const autoPause = live.autoPause;
  return {
    settings: automationSettingsView(settings),
    autoPause: autoPause && { phase: autoPause.phase, reason: autoPause.reason, label: autoPause.label, message: autoPause.message },
    trayLine: automation.trayLine(),
    pausedSince: live.reminders?.pausedSince ?? null,
    leaveAt: live.reminders?.leaveAt ?? null,
    // Electron's powerMonitor reports lock/unlock on macOS and Windows; Linux is polled (power-monitor.ts).
    lockDetection: platform === 'linux' ? 'polling' : 'events',
  };
}
