// `recall-remote sandbox`: starts the sandbox from command-line flags, prints the connection
// lines (RECALL_API_BASE=…, RECALL_API_KEY=…) and runs until SIGINT/SIGTERM.
import { startSandbox, type SandboxOptions } from './index';
import type { FaultConfig } from './faults';

export interface SandboxOptionHelp {
  name: string;
  /** Value placeholder; absent for boolean flags. */
  value?: string;
  description: string;
}

export const SANDBOX_OPTION_HELP: readonly SandboxOptionHelp[] = [
  { name: 'port', value: 'N', description: 'Listen on 127.0.0.1:N (default: a random free port)' },
  { name: 'api-key', value: 'K', description: 'API key the sandbox accepts (default: a random sandbox-... key)' },
  { name: 'speed', value: 'X', description: 'Time scale; 60 = one real second is one sandbox minute (default 1)' },
  { name: 'start-mode', value: 'M', description: 'Start Recording while recording: replace | keep (default replace)' },
  { name: 'url-ttl', value: 'S', description: 'Pre-signed media URL lifetime in sandbox seconds (default 21600)' },
  { name: 'media', value: 'WxH@FPS', description: 'Rendered video size and frame rate (default 1280x720@30)' },
  { name: 'data-dir', value: 'D', description: 'Where media files are written (default: a temporary directory)' },
  { name: 'verbose', description: 'Log every request to stderr' },
  { name: 'latency-ms', value: 'N', description: 'Fault: add N ms to every request' },
  { name: 'error-rate', value: 'P', description: 'Fault: fail API requests with probability P (0..1)' },
  { name: 'error-statuses', value: 'LIST', description: 'Fault: statuses to fail with, e.g. 500,503 (default 500,502,503)' },
  { name: 'seed', value: 'N', description: 'Fault: seed of --error-rate (default 1)' },
  { name: 'rate-limit-burst', value: 'N', description: 'Fault: answer the next N API requests with 429' },
  { name: 'truncate-media-at', value: 'BYTES', description: 'Fault: cut media transfers after BYTES bytes' },
  { name: 'throttle-bps', value: 'N', description: 'Fault: send media at most N bytes per second' },
];

export const SANDBOX_USAGE = [
  'Usage: recall-remote sandbox [options]',
  '',
  'Starts a local Recall-compatible API with real MP4 media, prints RECALL_API_BASE=... and',
  'RECALL_API_KEY=... lines, and runs until interrupted (Ctrl-C / SIGTERM).',
  '',
  'Options:',
  ...SANDBOX_OPTION_HELP.map((o) => `  ${`--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`.padEnd(24)} ${o.description}`),
].join('\n');

export class UsageError extends Error {}

export interface SandboxCommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Resolves when the command should stop (SIGINT/SIGTERM for the real CLI). */
  untilStopped(): Promise<void>;
}

/** Resolves on SIGINT/SIGTERM, or when `signal` (e.g. a host CLI's Ctrl-C) aborts. */
export function untilInterrupted(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

const processIo: SandboxCommandIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  untilStopped: () => untilInterrupted(),
};

const VALUE_FLAGS = new Set(SANDBOX_OPTION_HELP.filter((o) => o.value !== undefined).map((o) => o.name));
const BOOLEAN_FLAGS = new Set([...SANDBOX_OPTION_HELP.filter((o) => o.value === undefined).map((o) => o.name), 'help']);

function number(flag: string, raw: string, check: (n: number) => boolean, what: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${flag} must be ${what}, got "${raw}"`);
  return n;
}

export interface ParsedSandboxArgs {
  options: SandboxOptions;
  verbose: boolean;
  help: boolean;
}

export function parseSandboxArgs(argv: readonly string[]): ParsedSandboxArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null) throw new UsageError(`unexpected argument "${arg}"`);
    const name = match[1] ?? '';
    if (BOOLEAN_FLAGS.has(name) && match[2] === undefined) {
      flags.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }

  const options: SandboxOptions = {};
  const faults: Partial<FaultConfig> = {};
  for (const [name, raw] of values) {
    switch (name) {
      case 'port':
        options.port = number(name, raw, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number (0-65535)');
        break;
      case 'api-key':
        if (raw.trim() === '') throw new UsageError('--api-key must not be empty');
        options.apiKey = raw;
        break;
      case 'speed':
        options.speed = number(name, raw, (n) => n > 0, 'a positive number');
        break;
      case 'start-mode':
        if (raw !== 'replace' && raw !== 'keep') throw new UsageError(`--start-mode must be replace or keep, got "${raw}"`);
        options.startMode = raw;
        break;
      case 'url-ttl':
        options.urlTtlSeconds = number(name, raw, (n) => n > 0, 'a positive number of seconds');
        break;
      case 'media': {
        const m = /^(\d+)x(\d+)@(\d+)$/.exec(raw);
        const [w, h, fps] = m === null ? [0, 0, 0] : [Number(m[1]), Number(m[2]), Number(m[3])];
        if (w < 16 || h < 16 || fps < 1 || w % 2 !== 0 || h % 2 !== 0) {
          throw new UsageError(`--media must look like 1280x720@30 (even sizes ≥ 16, fps ≥ 1), got "${raw}"`);
        }
        options.media = { width: w, height: h, fps };
        break;
      }
      case 'data-dir':
        options.dataDir = raw;
        break;
      case 'latency-ms': {
        const ms = number(name, raw, (n) => n >= 0, 'a non-negative number');
        faults.latencyMs = { create: ms, list: ms, retrieve: ms, control: ms, artifact_list: ms, artifact_retrieve: ms, media: ms };
        break;
      }
      case 'error-rate':
        faults.errorRate = number(name, raw, (n) => n >= 0 && n <= 1, 'a probability between 0 and 1');
        break;
      case 'error-statuses':
        faults.errorStatuses = raw.split(',').map((s) => number(name, s, (n) => Number.isInteger(n) && n >= 400 && n <= 599, 'a list of HTTP error statuses'));
        break;
      case 'seed':
        faults.seed = number(name, raw, Number.isInteger, 'an integer');
        break;
      case 'rate-limit-burst':
        faults.rateLimitBurst = number(name, raw, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
        break;
      case 'truncate-media-at':
        faults.truncateMediaAtBytes = number(name, raw, (n) => Number.isInteger(n) && n >= 0, 'a non-negative number of bytes');
        break;
      case 'throttle-bps':
        faults.throttleMediaBps = number(name, raw, (n) => n > 0, 'a positive number of bytes per second');
        break;
    }
  }
  if (Object.keys(faults).length > 0) options.faults = faults;
  return { options, verbose: flags.has('verbose'), help: flags.has('help') };
}

/** Exit codes: 0 stopped cleanly, 1 the sandbox could not start, 2 usage error. */
export async function runSandboxCommand(argv: string[], overrides: Partial<SandboxCommandIo> = {}): Promise<number> {
  const io: SandboxCommandIo = { ...processIo, ...overrides };
  let parsed: ParsedSandboxArgs;
  try {
    parsed = parseSandboxArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`recall-remote sandbox: ${error.message}`);
    io.stderr('Run "recall-remote sandbox --help" for the options.');
    return 2;
  }
  if (parsed.help) {
    io.stdout(SANDBOX_USAGE);
    return 0;
  }
  let sandbox;
  try {
    sandbox = await startSandbox({ ...parsed.options, ...(parsed.verbose ? { log: (line: string) => io.stderr(line) } : {}) });
  } catch (error) {
    io.stderr(`recall-remote sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.stdout(`RECALL_API_BASE=${sandbox.baseUrl}`);
  io.stdout(`RECALL_API_KEY=${sandbox.apiKey}`);
  await io.untilStopped();
  await sandbox.close();
  return 0;
}
