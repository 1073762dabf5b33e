// The shape of a CLI command and the context it runs with. A command declares its words,
// arguments and options; main.ts parses argv against that and hands it a CommandContext.
import type { RecallClient, Sleep } from '../core/recall';
import type { Env } from './connection';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Value placeholder in help, e.g. "URL"; omitted for booleans. */
  value?: string;
  /** Checked by the parser: the command cannot run without it. */
  required?: boolean;
  description: string;
}

/** What the CLI touches of the outside world; tests replace any of it. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Env;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export interface CommandContext {
  io: CliIo;
  /** --json was given: print machine-readable output on stdout. */
  json: boolean;
  /** Positional arguments after the command words, validated against `args`. */
  args: Record<string, string>;
  string(name: string): string | undefined;
  flag(name: string): boolean;
  /** A positive number of seconds given as --NAME, in milliseconds; `fallback` when absent. */
  seconds(name: string, fallbackMs: number): number;
  /** The Recall client for the connection flags/env (throws a usage error without a key). */
  client(): RecallClient;
  /** Human text (lines) unless --json, in which case `data` as JSON. */
  print(human: string | readonly string[], data: unknown): void;
}

export interface CommandSpec {
  /** Command words, e.g. "bot create". */
  name: string;
  summary: string;
  /** Positional argument names in order, e.g. ["BOT"]; all required. */
  args?: readonly string[];
  options?: Readonly<Record<string, OptionSpec>>;
  run(ctx: CommandContext): Promise<number>;
}
