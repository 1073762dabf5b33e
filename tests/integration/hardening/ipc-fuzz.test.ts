// Hostile input on every IPC channel (CHANNEL_NAMES, so a new channel is fuzzed the day it is
// added): arbitrary payloads from fast-check — any value, prototype-pollution keys, huge strings,
// deep nesting, NaN/Infinity, paths with ../ and NUL, the right keys with wrong values — through
// the real app core's dispatch, exactly as the Electron router and the test host call it. Every
// call resolves to a Result (never a throw, never an unhandled rejection); input the contract's
// schema refuses is answered `invalid_request`; no failure is an 'internal' one; events stay
// plain data; and no file appears or changes outside the core's own temp folders.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, ERROR_KINDS, EVENT_NAMES, requestSchemas } from '../../../electron/contract';
import type { Result } from '../../../electron/contract';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { Core } from '../../../electron/core/app';
import { fileSnapshotStore } from '../../../electron/core/app/library';
import { BOT_A, FakeWorkspace } from '../../unit/contract/fixtures';
import { FakeClock, T0 } from '../../unit/control/fakes';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let root: string;
let sentinel: string;
let userData: string;
let downloads: string;
let core: Core;
let clock: FakeClock;
let settings: MemorySettingsStore;
const emitted: unknown[] = [];
const shellCalls: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const cwd = process.cwd();

/** Every file under `dir`: path → sha256 and size (directories as entries too). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        out.set(`${path}/`, 'dir');
        walk(path);
      } else out.set(path, `${statSync(path).size}:${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}
let before: Map<string, string>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rr-ipc-fuzz-'));
  sentinel = join(root, 'outside');
  userData = join(root, 'user-data');
  downloads = join(root, 'downloads');
  for (const dir of [sentinel, userData, downloads]) mkdirSync(dir);
  writeFileSync(join(sentinel, 'precious.txt'), 'do not touch\n');
  mkdirSync(join(sentinel, 'etc'));
  writeFileSync(join(sentinel, 'etc', 'passwd'), 'root:x:0:0\n');
  before = snapshot(sentinel);
  // A relative path anywhere in the core would land here.
  process.chdir(sentinel);
  process.on('unhandledRejection', onUnhandled);

  clock = new FakeClock(T0);
  const workspace = new FakeWorkspace(clock);
  workspace.addLive(BOT_A, { state: 'recording' });
  settings = new MemorySettingsStore({ platform: 'linux', now: () => clock.now() });
  const events = createEventHub();
  for (const event of EVENT_NAMES) events.on(event, (payload) => void emitted.push(payload));
  core = await createCore({
    app: { name: 'Recall Remote', version: 'fuzz', platform: 'linux' },
    clock,
    timers: clock,
    events,
    settings,
    vault: new MemoryVault(),
    createClient: (connection, tuning) => workspace.client(connection, tuning),
    startSandbox: async () => ({ baseUrl: 'http://127.0.0.1:9', apiKey: 'sandbox-fuzz', close: async () => undefined }),
    registerHotkeys: (target) => new MemoryHotkeyRegistrar(target, 'linux'),
    notifier: new RecordingNotifier(),
    launchAtLogin: new MemoryLaunchAtLogin(),
    showWindow: () => undefined,
    library: {
      shell: {
        openPath: async (path) => {
          shellCalls.push(path);
          return '';
        },
        showItemInFolder: (path) => void shellCalls.push(path),
      },
      mediaUrlFor: (name) => `recall-media://file/${encodeURIComponent(name)}`,
      persistence: fileSnapshotStore(join(userData, 'segments.json')),
      defaultDownloadDir: () => downloads,
      detectPauses: async () => [],
    },
    export: { fileExists: async () => false },
    newId: (() => {
      let n = 0;
      return () => `fuzz-key-${++n}`;
    })(),
  });
});

afterAll(async () => {
  await core?.close();
  process.off('unhandledRejection', onUnhandled);
  process.chdir(cwd);
  rmSync(root, { recursive: true, force: true });
});

const UUID_LIKE = '0b7c1d2e-3f4a-4b6c-8d8e-9f0a1b2c3d4e';

/** Strings that have hurt other apps: traversal, NUL, URLs, markup, bidi overrides, huge ones. */
function hostileStrings(): string[] {
  return [
    '',
    ' ',
    '../../../../etc/passwd',
    '..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts',
    '/etc/passwd',
    join(sentinel, 'precious.txt'),
    join(sentinel, 'etc'),
    `${sentinel}/../outside/precious.txt`,
    'downloads/../../outside',
    'a\u0000b',
    `${UUID_LIKE}\u0000../../x`,
    `${BOT_A}/../../../etc`,
    'file:///etc/passwd',
    'recall-media://file/../../outside/precious.txt',
    'javascript:alert(1)',
    '<img src=x onerror=alert(1)>',
    '\u202Ecod.exe',
    '\u0007\u001b[31mred\u001b[0m',
    'CON',
    'NUL:',
    '%2e%2e%2f%2e%2e%2f',
    '\ud800',
    '𝕽𝖊𝖈𝖆𝖑𝖑 🎙️',
    'x'.repeat(100_000),
    UUID_LIKE,
    BOT_A,
    'https://evil.example/api/v1/bot/',
    'http://169.254.169.254/latest/meta-data/',
    '__proto__',
    'constructor',
    'pause',
    'toggle-pause',
    'CommandOrControl+Shift+P',
    'Super+Alt+Delete',
  ];
}

/** Keys of every channel's request, so shaped payloads reach past the first check. */
const KEYS = [
  'botId',
  'recordingId',
  'action',
  'confirm',
  'accelerator',
  'suspended',
  'mode',
  'apiKey',
  'region',
  'customBaseUrl',
  'allowPlainTextStorage',
  'meetingUrl',
  'botName',
  'manual',
  'notifications',
  'launchAtLogin',
  'downloadDir',
  'discard',
  'autoPause',
  'pausedReminder',
  'leaveWarning',
  'enabled',
  'everyMinutes',
  'minutesBefore',
  'timeoutSeconds',
  '__proto__',
  'constructor',
  'prototype',
];

function deep(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { botId: value } : [value];
  return value;
}

/**
 * Payloads the schema accepts but whose free text is hostile: these reach the handlers (ids that
 * match, paths, URLs, keys, names and shortcuts chosen to hurt).
 */
function accepted(channel: string, strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> | null {
  const uuidIn = fc.tuple(fc.constantFrom('', ' ', 'https://app.recall.ai/bots/', '../../', '\u202E'), fc.uuid({ version: 4 }), fc.constantFrom('', '/', '?x=<b>', ' \t')).map(([a, id, b]) => `${a}${id}${b}`);
  const uuid = fc.oneof(fc.uuid({ version: 4 }), fc.constant(BOT_A), fc.constant(UUID_LIKE));
  const short = strings.filter((t) => t.trim().length > 0 && t.trim().length <= 100);
  switch (channel) {
    case 'bot:select':
      return fc.record({ botId: uuidIn });
    case 'bot:create':
      return fc.record({ meetingUrl: strings.map((t) => `https://zoom.us/j/${t}`.slice(0, 2000)), botName: short, manual: fc.boolean() }, { requiredKeys: ['meetingUrl'] });
    case 'control:press':
      return fc.record({ action: fc.constantFrom('pause', 'resume', 'start', 'stop', 'leave', 'toggle-pause'), confirm: fc.boolean() }, { requiredKeys: ['action'] });
    case 'connection:set':
      return fc.oneof(
        fc.constant({ mode: 'sandbox' }),
        fc.record({ mode: fc.constant('live'), apiKey: short, customBaseUrl: fc.oneof(fc.constant(null), strings.map((t) => t.slice(0, 2000))), allowPlainTextStorage: fc.boolean() }, { requiredKeys: ['mode'] }),
      );
    case 'hotkeys:set':
      return fc.record({ action: fc.constantFrom('toggle-pause', 'pause', 'resume', 'start', 'stop', 'show-window'), accelerator: fc.oneof(fc.constant(null), short) });
    case 'settings:update':
      return fc.record({ downloadDir: fc.oneof(fc.constant(null), strings.filter((t) => t.trim().length > 0).map((t) => t.slice(0, 4096))), launchAtLogin: fc.boolean() }, { requiredKeys: [] });
    case 'hotkeys:suspend':
      return fc.record({ suspended: fc.boolean() });
    case 'automation:update':
      return fc.record({ pausedReminder: fc.record({ enabled: fc.boolean(), everyMinutes: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) }, { requiredKeys: [] }) });
    case 'library:list':
    case 'library:downloadAll':
      return fc.record({ botId: uuid }, { requiredKeys: [] });
    case 'library:cancel':
      return fc.record({ recordingId: uuid, discard: fc.boolean() }, { requiredKeys: ['recordingId'] });
    case 'library:download':
    case 'library:open':
    case 'library:showInFolder':
    case 'library:previewSource':
    case 'library:copyLink':
    case 'export:start':
    case 'export:cancel':
    case 'export:open':
    case 'export:showInFolder':
      return fc.record({ recordingId: uuid });
    default:
      return null;
  }
}

function payloads(channel: string): fc.Arbitrary<unknown> {
  const strings = fc.oneof(fc.constantFrom(...hostileStrings()), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
  const numbers = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1), fc.double());
  const scalar = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(), fc.date());
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), scalar, { maxKeys: 3 }));
  const shaped = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 });
  // Own `__proto__` / `constructor` keys, as JSON and structured clone deliver them.
  const polluting = fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 }))
    .map(([evil, key, v]) => JSON.parse(`{"${evil}": {"polluted": true, "${key}": ${JSON.stringify(v) ?? 'null'}}, "${key}": ${JSON.stringify(v) ?? 'null'}}`) as unknown);
  const nested = fc.tuple(fc.integer({ min: 50, max: 5_000 }), scalar).map(([depth, leaf]) => deep(depth, leaf));
  const anything = fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  });
  const valid = accepted(channel, strings);
  return valid ? fc.oneof(anything, shaped, polluting, nested, scalar, fc.constant(undefined), valid, valid) : fc.oneof(anything, shaped, polluting, nested, scalar, fc.constant(undefined));
}

/** Runs `dispatch` to its end: fake time moves on while it waits (confirmations, backoff). */
async function settle(channel: string, payload: unknown): Promise<Result<unknown>> {
  let done = false;
  const call = core.dispatch(channel, payload).finally(() => {
    done = true;
  });
  // Fake time for the core's timers, a little real time for file and network work.
  const deadline = Date.now() + 15_000;
  while (!done && Date.now() < deadline) {
    await clock.advance(1_000);
    if (!done) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!done) throw new Error(`${channel} never answered within 15 s (payload ${shown(payload)})`);
  return call;
}

/** A payload in a failure message (any value: BigInt, cycles, huge strings). */
function shown(payload: unknown): string {
  return inspect(payload, { depth: 3, maxArrayLength: 5, maxStringLength: 80, breakLength: Infinity }).slice(0, 300);
}

function expectResult(result: unknown, channel: string, payload: unknown): void {
  expect(result).toBeTypeOf('object');
  const r = result as Result<unknown>;
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) return;
  expect(ERROR_KINDS).toContain(r.error.kind);
  expect(r.error.message, `${channel} answered an empty message`).toMatch(/\S/);
  if (r.error.kind === 'internal') expect.fail(`${channel} hit an internal error on ${shown(payload)}: ${r.error.message}`);
  // A message is one sentence for a person, not a dump of the input.
  expect(r.error.message.length).toBeLessThan(2_000);
}

describe('IPC fuzzing through the core', () => {
  it.each(CHANNEL_NAMES)('%s: any payload gets a typed Result; what the schema refuses is invalid_request', async (channel) => {
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(payloads(channel), async (payload) => {
        const result = await settle(channel, payload);
        expectResult(result, channel, payload);
        if (!requestSchemas[channel].safeParse(payload).success) expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
        else {
          reached += 1;
          if (process.env.FUZZ_DEBUG) console.log('REACHED', channel, result.ok ? 'ok' : `${result.error.kind}: ${result.error.message.slice(0, 120)}`, shown(payload).slice(0, 120));
        }
      }),
      { numRuns: RUNS },
    );
    // Hostile input must also get past validation, or only the schema was tested.
    expect(reached).toBeGreaterThan(RUNS / 20);
  });

  it('unknown, odd and prototype-named channels are refused by name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'bot:select ', 'BOT:SELECT', 'x'.repeat(10_000))), payloads(''), async (channel, payload) => {
        fc.pre(!(CHANNEL_NAMES as readonly string[]).includes(channel));
        const result = await settle(channel, payload);
        expect(result).toMatchObject({ ok: false, error: { kind: 'unknown_channel' } });
        if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
      }),
      { numRuns: RUNS },
    );
  });

  it('kept everything in bounds: no unhandled rejection, plain-data events, nothing outside its folders', async () => {
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    for (const payload of emitted) expect(() => structuredClone(payload)).not.toThrow();
    expect(snapshot(sentinel)).toEqual(before);
    // The shell was only ever asked to open files from the download folder.
    for (const path of shellCalls) expect(path.startsWith(downloads)).toBe(true);
    // Whatever the settings ended with, no download folder was ever made from hostile text.
    const dir = settings.get().downloadDir;
    if (dir !== null) expect(dir.startsWith('/')).toBe(true);
  });
});
