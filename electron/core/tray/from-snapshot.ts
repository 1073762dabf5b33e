// Builds the tray model's input from a controller snapshot plus what the controller does not
// know (shortcuts, sandbox mode, recent bots), so every shell derives the tray the same way.
import type { ControllerSnapshot } from '../control/controller';
import { readRecordingClock } from '../control/recording-clock';
import type { HotkeyAction, HotkeyBindings } from '../hotkeys/hotkey-map';
import type { RegistrationStatus } from '../hotkeys/registration';
import type { TrayInput, TrayRecentBot } from './tray-model';

export interface TrayExtras {
  hotkeys: HotkeyBindings;
  hotkeyStatuses: Readonly<Partial<Record<HotkeyAction, RegistrationStatus>>>;
  sandbox: boolean;
  recentBots: readonly TrayRecentBot[];
  /** Time to read the recording clock at (the adapter re-renders each second while recording). */
  now: number;
  platform?: string;
  /** Automation's line for the tray (Automation.trayLine()); null when it has nothing to say. */
  automationLine?: string | null;
}

/** Read failures that mean "cannot reach Recall" rather than "Recall said no". */
const OFFLINE_KINDS: ReadonlySet<string> = new Set(['network', 'timeout']);

export function trayInputFromSnapshot(snapshot: ControllerSnapshot | null, extras: TrayExtras): TrayInput {
  const refreshError = snapshot?.refreshError ?? null;
  return {
    botId: snapshot?.botId ?? null,
    botName: snapshot?.bot?.bot_name ?? null,
    live: snapshot?.live ?? null,
    pending: snapshot?.pending ? { action: snapshot.pending.action, target: snapshot.pending.target } : null,
    armed: snapshot?.armed ? { until: snapshot.armed.until } : null,
    hotkeys: extras.hotkeys,
    hotkeyStatuses: extras.hotkeyStatuses,
    lastError: snapshot?.lastError ?? refreshError,
    stale: refreshError !== null,
    recordedMs: snapshot?.recordingClock ? readRecordingClock(snapshot.recordingClock, extras.now) : null,
    sandbox: extras.sandbox,
    recentBots: extras.recentBots,
    online: refreshError === null || !OFFLINE_KINDS.has(refreshError.kind),
    ...(extras.platform !== undefined && { platform: extras.platform }),
    automationLine: extras.automationLine ?? null,
  };
}
