// Automation's part of the IPC contract (auto-pause on lock/sleep, paused reminders, the leave
// warning): channel and event names, the settings + live view, and the `window.recallRemote`
// functions. Zod-free like library.ts (the preload bundles it); validators: automation-schemas.ts.
import type { Result } from './result';
import type { RemoteTransport } from './api';

export const AUTOMATION_CHANNELS = {
  getAutomation: 'automation:get',
  updateAutomation: 'automation:update',
} as const;

export type AutomationChannel = (typeof AUTOMATION_CHANNELS)[keyof typeof AUTOMATION_CHANNELS];

export const AUTOMATION_EVENTS = {
  automationChanged: 'automation:changed',
} as const;

export interface AutomationSettingsView {
  autoPause: {
    /** Pause a running recording when the screen locks. */
    onLock: boolean;
    /** Pause a running recording when the computer goes to sleep. */
    onSuspend: boolean;
    /** On unlock, resume a pause auto-pause made (never the user's own). */
    resumeOnUnlock: boolean;
  };
  pausedReminder: { enabled: boolean; everyMinutes: number };
  leaveWarning: {
    enabled: boolean;
    /** Minutes before the bot would leave, largest first. */
    minutesBefore: number[];
    /** Used when the bot does not report its own in_call_not_recording_timeout. */
    timeoutSeconds: number;
  };
}

export type AutoPausePhaseView = 'pausing' | 'auto-paused' | 'resuming' | 'pause-failed' | 'resume-failed';

export interface AutoPauseStatusView {
  phase: AutoPausePhaseView;
  reason: 'lock' | 'suspend';
  /** "Auto-paused on lock — resumes on unlock". */
  label: string;
  /** Why a failed phase failed. */
  message: string | null;
}

export interface AutomationView {
  settings: AutomationSettingsView;
  /** Null unless auto-pause is doing or has done something the user should see. */
  autoPause: AutoPauseStatusView | null;
  /** What the tray shows for automation now; null when nothing. */
  trayLine: string | null;
  /** Since when the selected bot's recording is paused (core clock, epoch ms); null when it is not. */
  pausedSince: number | null;
  /** When Recall would end the bot if it stays without recording (core clock); null when recording or not in a call. */
  leaveAt: number | null;
  /** How this system reports a locked screen: 'events' (macOS, Windows), 'polling' (Linux, where the desktop tells). */
  lockDetection: 'events' | 'polling';
}

/** Any subset of the settings; the rest keep their values. */
export interface AutomationPatch {
  autoPause?: Partial<AutomationSettingsView['autoPause']>;
  pausedReminder?: Partial<AutomationSettingsView['pausedReminder']>;
  leaveWarning?: Partial<AutomationSettingsView['leaveWarning']>;
}

export interface AutomationResponses {
  'automation:get': AutomationView;
  /** Validates and saves the change; a refused change names each bad field and saves nothing. */
  'automation:update': AutomationView;
}

export interface AutomationEventMap {
  'automation:changed': AutomationView;
}

export interface AutomationApi {
  getAutomation(): Promise<Result<AutomationView>>;
  updateAutomation(patch: AutomationPatch): Promise<Result<AutomationView>>;
  onAutomationChanged(listener: (view: AutomationView) => void): () => void;
}

export function createAutomationApi(transport: RemoteTransport): AutomationApi {
  return {
    getAutomation: () => transport.invoke(AUTOMATION_CHANNELS.getAutomation, undefined),
    updateAutomation: (patch) => transport.invoke(AUTOMATION_CHANNELS.updateAutomation, patch),
    onAutomationChanged: (listener) => transport.subscribe(AUTOMATION_EVENTS.automationChanged, listener),
  };
}
