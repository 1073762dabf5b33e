// Response and event payload types of the IPC contract. Plain data only (structured-clone and
// JSON safe): they travel through Electron IPC and through the test host's WebSocket alike.
import type { ContractError } from './result';

/** Mirrors LiveRecordingState of electron/core/recall (recall-api.md §9.6). */
export type LiveState = 'recording' | 'paused' | 'not_recording' | 'joining' | 'ended' | 'fatal' | 'unknown';

export type ConnectionMode = 'sandbox' | 'live';

/** Where the app talks to. Never carries the API key: the renderer only learns whether one is set. */
export type ConnectionSummary =
  | { kind: 'region'; region: string; baseUrl: string }
  | { kind: 'custom'; baseUrl: string };

export interface AppInfo {
  name: string;
  version: string;
  /** `process.platform` of the shell running the core. */
  platform: string;
  mode: ConnectionMode;
  connection: ConnectionSummary;
  apiKeyConfigured: boolean;
}

export interface BotStatus {
  /** Last `status_changes[].code`; an open set (unknown codes are shown verbatim). */
  code: string;
  subCode: string | null;
  message: string | null;
  /** ISO time of that status change. */
  at: string;
}

export interface RecordingInfo {
  id: string;
  startedAt: string | null;
  completedAt: string | null;
  /** `recordings[].status.code`: processing, paused, done, failed, deleted, or a newer one. */
  statusCode: string | null;
}

export interface SelectedBotState {
  selected: true;
  botId: string;
  /** Null until the bot has been fetched once. */
  name: string | null;
  /** Meeting platform (`meeting_url.platform`), e.g. `zoom`; null when unknown. */
  platform: string | null;
  live: LiveState;
  status: BotStatus | null;
  recording: RecordingInfo | null;
  /**
   * Why the bot left or failed: the sub_code of its `call_ended` / `fatal` status (e.g.
   * `call_ended_by_host`), kept after the bot moves on to `done`. Null while in the call.
   */
  endReason: string | null;
  /** Time recorded in the latest recording so far, paused time excluded. */
  elapsedMs: number;
  /** ISO time (core clock) of the last successful fetch; null before the first. */
  updatedAt: string | null;
  /** Why the last refresh failed; null once a refresh succeeds again. */
  lastError: ContractError | null;
  /**
   * Lets the UI tick the recorded time locally between updates: recorded time at any moment is
   * `baseMs + (runningSince === null ? 0 : now - runningSince)` with `now` on the core's clock
   * (`clockOffsetMs` converts: core now = Date.now() + clockOffsetMs).
   */
  recordingClock: { baseMs: number; runningSince: number | null } | null;
  clockOffsetMs: number;
  /** The action in flight: visible from the moment of the press until confirmed or failed. */
  pending: PendingAction | null;
  /** Presses waiting behind the pending one, in order. */
  queued: PressAction[];
  /** Start while recording overwrites the recording: armed until a second press confirms. */
  armed: { action: 'start'; until: number; message: string } | null;
  /** The last action's failure in words (cleared by the next confirmed action). */
  actionError: ContractError | null;
  /** Per control action: can it be pressed now, and if not, why (shown on hover/focus). */
  actions: Record<ControlAction, ActionAvailability>;
}

/** Control actions with their own button; toggle-pause is a hotkey/tray convenience. */
export type ControlAction = 'pause' | 'resume' | 'start' | 'stop' | 'leave';
export type PressAction = ControlAction | 'toggle-pause';
export const PRESS_ACTIONS: readonly PressAction[] = ['pause', 'resume', 'start', 'stop', 'leave', 'toggle-pause'];

export interface PendingAction {
  action: PressAction;
  /** Core-clock ms of the press. */
  since: number;
  /** checking = re-reading before deciding; sending = POST in flight; confirming = re-reading after. */
  phase: 'checking' | 'sending' | 'confirming';
}

export interface ActionAvailability {
  enabled: boolean;
  /** Why not, in words ("Not recording — nothing to pause"); null when enabled. */
  reason: string | null;
  /** The bound global shortcut, formatted for this platform; null when unbound. */
  hotkey: string | null;
}

/** What a press ended in. Every press produces exactly one (nothing fails silently). */
export type PressOutcome =
  | { kind: 'confirmed'; action: PressAction; message: string }
  | { kind: 'refused'; action: PressAction; message: string }
  | { kind: 'armed'; action: 'start'; message: string; until: number }
  | { kind: 'failed'; action: PressAction; error: ContractError };

export interface ConnectionView {
  mode: ConnectionMode;
  region: string;
  /** Set when a custom Recall-compatible base URL is used instead of a region. */
  customBaseUrl: string | null;
  apiKeyConfigured: boolean;
  /** How a saved API key is protected: by the OS keychain, as plain text (Linux basic_text), or not at all. */
  keyStorage: 'os' | 'basic_text' | 'unavailable';
}

export type HotkeyAction = 'toggle-pause' | 'pause' | 'resume' | 'start' | 'stop' | 'show-window';
export type HotkeyStatus = 'registered' | 'in_use' | 'invalid' | 'unsupported' | 'unbound';

export interface HotkeyBindingView {
  action: HotkeyAction;
  label: string;
  /** Electron accelerator as stored; null when unbound. */
  accelerator: string | null;
  /** Formatted for this platform (⌥⇧⌘P on macOS). */
  display: string | null;
  status: HotkeyStatus;
  /** Why it is not registered, in words. */
  message: string | null;
}

export interface HotkeysView {
  bindings: HotkeyBindingView[];
  /** False where global shortcuts may silently not fire (Linux Wayland). */
  reliable: boolean;
  note: string | null;
}

export interface PreferencesView {
  notifications: { enabled: boolean; onHotkeyConfirm: boolean };
  launchAtLogin: { enabled: boolean; supported: boolean; message: string | null };
  downloadDir: string | null;
}

export interface TrayMenuItemView {
  id: string;
  label: string;
  enabled: boolean;
  type?: 'normal' | 'separator' | 'checkbox' | 'radio' | 'submenu';
  checked?: boolean;
  accelerator?: string;
  submenu?: TrayMenuItemView[];
}

export interface TrayModelView {
  iconId: string;
  tooltip: string;
  menu: TrayMenuItemView[];
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export type BotState = { selected: false } | SelectedBotState;

export interface BotSummary {
  id: string;
  name: string;
  platform: string | null;
  live: LiveState;
  statusCode: string | null;
  /** ISO time of the bot's last status change, null when it has none yet. */
  lastChangeAt: string | null;
}
