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
