// Entry of the recall-remote CLI: parses argv (node:util parseArgs) against the command
// table, prints help, runs the command and maps every outcome to an exit code with a
// one-line reason on stderr.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { REGIONS } from '../core/recall';
import type { CliIo, CommandContext, CommandSpec, OptionSpec } from './command';
import { COMMANDS } from './commands';
import { createClient } from './connection';
import { EXIT, UsageError, exitCodeFor, reasonFor } from './errors';

const PROGRAM = 'recall-remote';

/** Accepted by every command. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'api-base': { type: 'string', value: 'URL', description: 'Recall-compatible API base, e.g. a sandbox (env RECALL_API_BASE)' },
  region: { type: 'string', value: 'R', description: `${REGIONS.join(' | ')} (env RECALL_REGION; default ${REGIONS[0]})` },
  'api-key': { type: 'string', value: 'K', description: 'Recall API key (env RECALL_API_KEY)' },
  json: { type: 'boolean', description: 'Machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
};

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function toParseArgs(specs: Readonly<Record<string, OptionSpec>>): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = {};
  for (const [name, spec] of Object.entries(specs)) {
    config[name] = { type: spec.type, ...(spec.short && { short: spec.short }), ...(spec.multiple && { multiple: true }) };
  }
  return config;
}

/** Every option any command knows, so the first pass can find the command words. */
export function allOptions(commands: readonly CommandSpec[]): Record<string, OptionSpec> {
  const merged: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options ?? {})) {
      const existing = merged[name];
      if (existing && (existing.type !== spec.type || existing.short !== spec.short)) {
        throw new Error(`Option --${name} of "${command.name}" conflicts with another command's --${name}`);
      }
      merged[name] ??= spec;
    }
  }
  return merged;
}

function parse(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>, commandName?: string): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: toParseArgs(specs), strict: true, allowPositionals: true });
    return { values: values as Values, positionals };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const first = (err as Error).message.split('. ')[0] ?? (err as Error).message;
      const suffix = commandName && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? ` for "${commandName}"` : '';
      throw new UsageError(`${first.replace(/\.$/, '')}${suffix}`);
    }
    throw err;
  }
}

function optionUsage(name: string, spec: OptionSpec): string {
  const text = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return spec.required ? text : `[${text}]`;
}

export function commandUsage(command: CommandSpec): string {
  return [command.name, ...(command.args ?? []), ...Object.entries(command.options ?? {}).map(([n, s]) => optionUsage(n, s))].join(' ');
}

function optionLines(specs: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => [`${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

const EXIT_CODES_LINE = 'Exit codes: 0 ok · 1 API or state error · 2 usage error · 3 network or timeout';

export function globalHelp(commands: readonly CommandSpec[]): string {
  const usages = commands.map((c) => [commandUsage(c), c.summary] as const);
  const width = Math.min(36, Math.max(...usages.map(([u]) => u.length)));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    "Remote-control a Recall.ai meeting bot's recording.",
    '',
    'Commands:',
    ...usages.map(([usage, summary]) => (usage.length > width ? `  ${usage}\n  ${' '.repeat(width)}  ${summary}` : `  ${usage.padEnd(width)}  ${summary}`)),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'A control command (pause, resume, start, stop, leave) exits 0 only once the API confirms the new state.',
    EXIT_CODES_LINE,
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  return [
    `Usage: ${PROGRAM} ${commandUsage(command)}`,
    '',
    command.summary,
    ...(command.options && Object.keys(command.options).length ? ['', 'Options:', ...optionLines(command.options)] : []),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    EXIT_CODES_LINE,
  ].join('\n');
}

function findCommand(positionals: readonly string[], commands: readonly CommandSpec[]): CommandSpec | undefined {
  return [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => positionals[i] === word));
}

function unknownCommand(positionals: readonly string[], commands: readonly CommandSpec[]): UsageError {
  const group = commands.filter((c) => c.name.startsWith(`${positionals[0]} `));
  if (group.length) {
    return new UsageError(`"${positionals[0]}" needs a subcommand: ${group.map((c) => c.name.split(' ').slice(1).join(' ')).join(', ')}`);
  }
  return new UsageError(`Unknown command "${positionals[0]}" (run ${PROGRAM} --help for the list)`);
}

function str(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function makeContext(command: CommandSpec, values: Values, args: Record<string, string>, io: CliIo): CommandContext {
  const json = values.json === true;
  let client: ReturnType<typeof createClient> | undefined;
  return {
    io,
    json,
    args,
    string: (name) => str(values, name),
    flag: (name) => values[name] === true,
    seconds(name, fallbackMs) {
      const raw = str(values, name);
      if (raw === undefined) return fallbackMs;
      const seconds = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
        throw new UsageError(`--${name} must be a number of seconds between 0 and 86400, not "${raw}"`);
      }
      return Math.round(seconds * 1000);
    },
    client() {
      client ??= createClient({ apiBase: str(values, 'api-base'), region: str(values, 'region'), apiKey: str(values, 'api-key') }, io.env, {
        ...(io.fetch && { fetch: io.fetch }),
        ...(io.sleep && { sleep: io.sleep }),
        ...(io.now && { now: io.now }),
      });
      return client;
    },
    print(human, data) {
      if (json) io.stdout(JSON.stringify(data, null, 2));
      else if (typeof human === 'string') io.stdout(human);
      else if (human.length) io.stdout(human.join('\n'));
    },
  };
}

async function dispatch(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[]): Promise<number> {
  const first = parse(argv, allOptions(commands));
  const help = first.values.help === true;
  let positionals = first.positionals;
  if (positionals[0] === 'help') positionals = positionals.slice(1);
  const asksHelp = help || first.positionals[0] === 'help';
  if (positionals.length === 0) {
    if (asksHelp) {
      io.stdout(globalHelp(commands));
      return EXIT.ok;
    }
    throw new UsageError(`No command given (run ${PROGRAM} --help for the list)`);
  }
  const command = findCommand(positionals, commands);
  if (!command) throw unknownCommand(positionals, commands);
  if (asksHelp) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }

  const { values, positionals: all } = parse(argv, { ...GLOBAL_OPTIONS, ...command.options }, command.name);
  const rest = all.slice(command.name.split(' ').length);
  const names = command.args ?? [];
  if (rest.length < names.length) {
    throw new UsageError(`${command.name} needs ${names.slice(rest.length).join(' ')} (usage: ${PROGRAM} ${commandUsage(command)})`);
  }
  if (rest.length > names.length) throw new UsageError(`Unexpected argument "${rest[names.length]}" for "${command.name}"`);
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    if (spec.required && (values[name] === undefined || values[name] === '')) {
      throw new UsageError(`${command.name} needs --${name}${spec.value ? ` ${spec.value}` : ''}`);
    }
  }
  const args = Object.fromEntries(names.map((name, i) => [name, rest[i]!]));
  for (const [name, value] of Object.entries(args)) {
    if (!value.trim()) throw new UsageError(`${name} must not be empty`);
  }
  return command.run(makeContext(command, values, args, io));
}

/** Runs one invocation; never throws — failures become a one-line reason and an exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  try {
    return await dispatch(argv, io, commands);
  } catch (err) {
    io.stderr(`${PROGRAM}: ${reasonFor(err)}`);
    return exitCodeFor(err);
  }
}

/** Wires runCli to this process: argv, env, stdio, Ctrl-C, exit code. */
export async function runFromProcess(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => void process.stdout.write(`${text}\n`),
    stderr: (text) => void process.stderr.write(`${text}\n`),
    env: process.env,
    signal: controller.signal,
  });
}
