// `npm run web [-- --port N] [--speed S] [--start-mode replace|keep] [--key-storage os|basic_text|unavailable]`:
// the test host as a tool. Serves the built renderer wired to the real core (embedded sandbox
// unless RECALL_API_KEY is set) with the tray panel beside it, prints the URL, runs until
// killed. Exit 2: usage error or no built renderer.
import { parseArgs } from 'node:util';
import { RendererMissingError, startTestHost } from './test-host';
import type { TestHost } from './test-host';

const USAGE = 'Usage: npm run web [-- --port N] [--speed S] [--start-mode replace|keep] [--key-storage os|basic_text|unavailable]';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function choice<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const found = allowed.find((value) => value === raw);
  if (found === undefined) usage(`--${name} ${raw} is not one of ${allowed.join(', ')}.`);
  return found;
}

function numberOption(raw: string | undefined, name: string, valid: (n: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value)) usage(`--${name} ${raw} is not valid.`);
  return value;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      speed: { type: 'string' },
      'start-mode': { type: 'string' },
      'key-storage': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (parsed.values.help) {
  console.log(`${USAGE}\nServes the built renderer at http://127.0.0.1:N wired to the real core, with the tray model beside it.`);
  process.exit(0);
}

const port = numberOption(parsed.values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
const speed = numberOption(parsed.values.speed, 'speed', (n) => n > 0 && n <= 1000);
const startMode = choice(parsed.values['start-mode'], 'start-mode', ['replace', 'keep'] as const);
const keyStorage = choice(parsed.values['key-storage'], 'key-storage', ['os', 'basic_text', 'unavailable'] as const);

// Handlers first: a signal during startup still closes whatever was started (sandbox temp dir).
let host: TestHost | null = null;
let stopping = false;
const stop = () => {
  stopping = true;
  host?.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

try {
  host = await startTestHost({
    ...(port !== undefined && { port }),
    ...(speed !== undefined && { speed }),
    ...(startMode !== undefined && { startMode }),
    ...(keyStorage !== undefined && { keyStorage }),
    log: (line) => console.log(line),
  });
  if (stopping) {
    await host.close();
    process.exit(0);
  }
  console.log(`Recall Remote test host (${host.mode === 'sandbox' ? 'Sandbox' : 'Live'}): ${host.url}`);
  if (host.sandbox) console.log(`Sandbox API: RECALL_API_BASE=${host.sandbox.baseUrl}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof RendererMissingError ? 2 : 1);
}
