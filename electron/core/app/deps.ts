// What the app core needs from its host (Electron main, the web test host, tests): every port is
// injected so the core stays plain TypeScript, deterministic under test, and free of any
// 'electron' import. The Electron adapters and the test host's in-memory ports both satisfy these.
import type { Bot, CallOptions, CreateBotInput, ListBotsQuery, RecallRegion, Recording, VideoMixed } from '../recall';
import type { ControlClient } from '../control/controller';
import type { Clock, Timers } from '../control/clock';
import type { PollIntervals } from '../control/poller';
import type { HotkeyAction, HotkeyBindings, HotkeyOutcome, RegistrationStatuses } from '../hotkeys';
import type { SecretVault, Settings } from '../settings';
import type { ConnectionMode, EventMap, EventName } from '../../contract';
import type { LibraryDeps } from './library';
import type { ExportServiceDeps } from './export';

export type { Clock, Timers, PollIntervals };

/** The part of RecallClient the app core uses (control, the bot picker, the segments library). */
export interface CoreClient extends ControlClient {
  listBots(query?: ListBotsQuery, options?: CallOptions): AsyncIterable<Bot>;
  createBot(input: CreateBotInput, options?: CallOptions): Promise<Bot>;
  getRecording(recordingId: string, options?: CallOptions): Promise<Recording>;
  getVideoMixed(videoMixedId: string, options?: CallOptions): Promise<VideoMixed>;
}

/** Where to reach Recall. The key stays in the core: only `apiKeyConfigured` ever leaves it. */
export interface Connection {
  mode: ConnectionMode;
  apiKey: string;
  /** A custom base (the sandbox, a proxy); takes precedence over `region`. */
  baseUrl?: string;
  region?: RecallRegion;
}

/** Per-client tuning: checking a new connection should fail fast rather than retry for a minute. */
export interface ClientOptions {
  maxRetries?: number;
  timeoutMs?: number;
}

/** What the core needs of a started sandbox: where it listens, its key, and how to stop it. */
export interface SandboxHandle {
  readonly baseUrl: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

/** A settings change that was saved, or why not (validation or storage). */
export type SettingsWrite = { ok: true; settings: Settings } | { ok: false; error: Error };

/** The persisted settings (Electron: openSettingsStore; test host: in memory). */
export interface SettingsPort {
  get(): Settings;
  /** Validates a patch (as applySettingsPatch does), saves it, returns the new settings. */
  update(patch: unknown): SettingsWrite;
  rememberBot(bot: { id: string; name: string | null }): SettingsWrite;
}

/** What the OS made of the shortcut map (the installGlobalShortcuts adapter's report). */
export interface ShortcutReport {
  readonly statuses: RegistrationStatuses;
  /** False where "registered" is no guarantee (Linux Wayland). */
  readonly reliable: boolean;
  readonly note: string | null;
}

export interface HotkeyRegistrar {
  /** Registers the bindings, changing only what differs from what is held now. */
  apply(bindings: HotkeyBindings): ShortcutReport;
  report(): ShortcutReport;
  /** While suspended, shortcuts do not fire; changes applied meanwhile take effect on resume. */
  setSuspended(suspended: boolean): void;
  /** Releases every shortcut this registrar holds. */
  dispose(): void;
}

/** Where a registrar delivers presses: the core's hotkey dispatcher. */
export interface HotkeyPressTarget {
  dispatch(action: HotkeyAction): Promise<HotkeyOutcome>;
}

/** System notifications (Electron: createNotifier). Failures are always shown. */
export interface NotifierPort {
  hotkeyOutcome(outcome: HotkeyOutcome): void;
  failure(title: string, message: string): void;
  /** A silent informational notification or warning (automation: auto-paused, still paused…). */
  notice(title: string, message: string): void;
}

export type LaunchAtLoginState =
  | { readonly supported: true; readonly enabled: boolean; readonly message: string | null }
  | { readonly supported: false; readonly enabled: false; readonly message: string };

/** The OS login item (Electron: createLaunchAtLogin); always read back from the OS. */
export interface LaunchAtLoginPort {
  get(): LaunchAtLoginState;
  set(enabled: boolean): LaunchAtLoginState;
}

export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface AppIdentity {
  name: string;
  version: string;
  /** `process.platform`: shortcut spelling and validation. */
  platform: string;
}

/** Recording-controller timings (defaults: the controller's own). */
export interface ControlTuning {
  confirmTimeoutMs?: number;
  confirmDelaysMs?: readonly number[];
  armWindowMs?: number;
  staleAfterMs?: number;
}

/**
 * What the segments library needs from the shell; the core supplies the rest (client, selected
 * bot, controllers, clock, timers, events, log, and the download folder from the settings).
 */
export type LibraryOptions = Omit<LibraryDeps, 'client' | 'selectedBotId' | 'controllers' | 'clock' | 'timers' | 'events' | 'log' | 'downloadDir'> & {
  /** The folder used while the settings name none (the OS Videos/Movies folder). */
  defaultDownloadDir(): string | Promise<string>;
};

export interface CoreDeps {
  app: AppIdentity;
  clock: Clock;
  /** One-shot timers on the same time base as `clock`. */
  timers: Timers;
  /**
   * The clock the renderer ticks on (Date.now); default the system clock. They differ when the
   * core runs on sandbox time (the test host): SelectedBotState.clockOffsetMs bridges them.
   */
  wallClock?: Clock;
  events: EventSink;
  settings: SettingsPort;
  vault: SecretVault;
  /** A live connection from the environment (RECALL_API_KEY…): wins over the saved one, never saved. */
  envConnection?: Connection | null;
  createClient(connection: Connection, options?: ClientOptions): CoreClient;
  /** Starts the embedded sandbox (sandbox mode, or no usable key). */
  startSandbox(): Promise<SandboxHandle>;
  /** Builds the global-shortcut registrar that delivers presses to `target`. */
  registerHotkeys(target: HotkeyPressTarget): HotkeyRegistrar;
  notifier: NotifierPort;
  launchAtLogin: LaunchAtLoginPort;
  /** Brings the window to the front (the show-window shortcut). */
  showWindow(): void;
  library: LibraryOptions;
  /** Never receives the API key (the core never passes it). */
  log?(level: LogLevel, message: string): void;
  poll?: Partial<PollIntervals>;
  control?: ControlTuning;
  /** How many bots `bot:list` returns at most. */
  listLimit?: number;
  /** Idempotency keys; default crypto.randomUUID. */
  newId?(): string;
  /** Clean export tuning (tests: fetch, a fake exporter, progress spacing). */
  export?: ExportTuning;
}

/** What the shell may change about clean exports; the core supplies everything else. */
export type ExportTuning = Pick<ExportServiceDeps, 'fetch' | 'exportClean' | 'ffmpegPath' | 'progressIntervalMs' | 'fileExists'>;
