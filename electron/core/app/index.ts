// The app core's public surface for the shells (Electron main, web test host).
export { createCore, DEFAULT_LIST_LIMIT } from './create-core';
export type { Core, TrayCoreCommand } from './create-core';
export type { Dispatch, Handlers } from './dispatch';
export { createEventHub } from './event-hub';
export type { EventHub } from './event-hub';
export { connectionSummary, liveConnectionFromEnv } from './connection';
export type { EnvLike } from './connection';
export { CoreError, toContractError } from './errors';
export type {
  AppIdentity,
  ClientOptions,
  Clock,
  Connection,
  ControlTuning,
  CoreClient,
  CoreDeps,
  EventSink,
  HotkeyPressTarget,
  HotkeyRegistrar,
  LaunchAtLoginPort,
  LaunchAtLoginState,
  LogLevel,
  NotifierPort,
  PollIntervals,
  SandboxHandle,
  SettingsPort,
  SettingsWrite,
  ShortcutReport,
  Timers,
} from './deps';
export { viewBot, summarizeBot, meetingPlatform } from './bot-view';
export { availability, NOT_LOADED } from './bot-state';
export { trayModelView } from './tray-feed';
