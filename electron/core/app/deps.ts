// What the app core needs from its host (Electron main, the test host, tests): injected so the
// core stays plain TypeScript, deterministic under test, and free of any 'electron' import.
import type { Bot, CallOptions, ListBotsQuery, RecallRegion } from '../recall';
import type { ConnectionMode, EventMap, EventName } from '../../contract';

/** The part of RecallClient the app core reads from. */
export interface BotReader {
  getBot(botId: string, options?: CallOptions): Promise<Bot>;
  listBots(query?: ListBotsQuery, options?: CallOptions): AsyncIterable<Bot>;
}

/** Where to reach Recall. The key stays in the core: only `apiKeyConfigured` ever leaves it. */
export interface Connection {
  mode: ConnectionMode;
  apiKey: string;
  /** A custom base (the sandbox, a proxy); takes precedence over `region`. */
  baseUrl?: string;
  region?: RecallRegion;
}

export interface Timers {
  /** Runs `callback` once after `ms`; returns the function that cancels it. */
  after(ms: number, callback: () => void): () => void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface AppIdentity {
  name: string;
  version: string;
  platform: string;
}

export interface PollIntervals {
  /** While the bot may still change state (joining, in call). */
  activeMs: number;
  /** After the bot ended, and while refreshes fail. */
  idleMs: number;
}

export interface CoreDeps {
  app: AppIdentity;
  connection: Connection;
  createClient(connection: Connection): BotReader;
  clock: Clock;
  timers: Timers;
  events: EventSink;
  /** Never receives the API key (the core never passes it). */
  log?(level: LogLevel, message: string): void;
  poll?: Partial<PollIntervals>;
  /** How many bots `bot:list` returns at most. */
  listLimit?: number;
}
