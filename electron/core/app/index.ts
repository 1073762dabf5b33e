// The app core's public surface for the shells (Electron main, web test host).
export { createCore, DEFAULT_LIST_LIMIT, DEFAULT_POLL } from './create-core';
export type { Core } from './create-core';
export type { Dispatch, Handlers } from './dispatch';
export { createEventHub } from './event-hub';
export type { EventHub } from './event-hub';
export { connectionSummary, liveConnectionFromEnv, openConnection } from './connection';
export type { EnvLike, OpenedConnection, SandboxHandle } from './connection';
export { CoreError, toContractError } from './errors';
export type { AppIdentity, BotReader, Clock, Connection, CoreDeps, EventSink, LogLevel, PollIntervals, Timers } from './deps';
export { viewBot, summarizeBot, meetingPlatform } from './bot-view';
