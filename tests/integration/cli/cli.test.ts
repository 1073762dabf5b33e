// `recall-remote` as a user runs it: `node bin/recall-remote.mjs …` as a child process against
// a real local HTTP server; asserts stdout, the one-line stderr reason and the exit code.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { COMMANDS } from '../../../electron/cli/commands';
import { recallFixture } from '../../fixtures/recall';
import { closedPort, json, startScriptedServer, type Handler, type ScriptedServer } from '../client/scripted-server';

const BIN = fileURLToPath(new URL('../../../bin/recall-remote.mjs', import.meta.url));
const KEY = 'cli-test-key-7c1d';
const RECORDING_BOT = '1c7e4d2f-6b3e-4f90-8d82-3e5f7a9b1c22';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      // A clean environment: no RECALL_* from the developer's shell leaks into the test.
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let server: ScriptedServer;
const api = (): Record<string, string> => ({ RECALL_API_BASE: server.baseUrl, RECALL_API_KEY: KEY });

beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** GET bot → the given bot payload; POST → the first one (Recall answers with the bot). */
function botServer(reads: Array<Record<string, unknown>>): Handler {
  let gets = 0;
  return (req) => {
    if (req.method === 'POST') return json(200, reads[0]);
    return json(200, reads[Math.min(gets++, reads.length - 1)]);
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

describe('help and usage', () => {
  test('--help lists every command, exits 0, and prints no loader noise', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of COMMANDS) expect(r.stdout).toContain(command.name);
    expect(r.stdout).toMatch(/--api-base URL/);
    expect(r.stdout).toMatch(/RECALL_API_KEY/);
  });

  test('a command without its argument is a usage error (exit 2) with one line on stderr', async () => {
    const r = await run(['pause'], api());
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['recall-remote: pause needs BOT (usage: recall-remote pause BOT [--timeout S])']);
    expect(server.requests).toHaveLength(0);
  });

  test('an unknown command is a usage error', async () => {
    const r = await run(['explode'], api());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "explode"/);
  });

  test('no API key is a clear usage error and nothing is sent', async () => {
    const r = await run(['status', RECORDING_BOT], { RECALL_API_BASE: server.baseUrl });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['recall-remote: No API key: pass --api-key K or set RECALL_API_KEY']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('reading', () => {
  test('bot show prints the bot; --json prints the parsed payload', async () => {
    server.setHandler(() => json(200, recallFixture('bot-stopped')));
    const human = await run(['bot', 'show', '3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44'], api());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Weekly sync notes');
    expect(human.stdout).toContain('zoom 84512345678');
    expect(human.stdout).toMatch(/State\s+In call, not recording/);
    expect(human.stdout).toContain('a3b4c5d6-e7f8-4a9b-8c1d-2e3f4a5b6c73  done');
    const machine = await run(['bot', 'show', '3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44', '--json'], api());
    expect(JSON.parse(machine.stdout)).toMatchObject({ id: '3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44', recordings: [{}, {}] });
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `GET /api/v1/bot/3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44/ Token ${KEY}`,
      `GET /api/v1/bot/3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44/ Token ${KEY}`,
    ]);
  });

  test('status shows the live state, the recorded time of the latest recording and the bot status', async () => {
    server.setHandler(() => json(200, recallFixture('bot-paused')));
    const human = await run(['status', '2d8f5e3a-7c4f-4a01-9e93-4f6a8b0c2d33'], api());
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Paused · 0:08:00 recorded \(paused \d+:\d{2}:\d{2}\) · bot in_call_not_recording · Weekly sync notes\n$/);
    const machine = await run(['--json', 'status', '2d8f5e3a-7c4f-4a01-9e93-4f6a8b0c2d33'], api());
    expect(JSON.parse(machine.stdout)).toMatchObject({
      state: 'paused',
      status: { code: 'in_call_not_recording' },
      recording: { id: 'a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c62', status: 'paused', recorded_ms: 480_000 },
    });
  });

  test('bot list follows pages and honours --limit', async () => {
    server.setHandler((req) => json(200, recallFixture(req.path.includes('page=2') ? 'bot-list-page-2' : 'bot-list-page-1', server.baseUrl)));
    const all = await run(['bot', 'list', '--json'], api());
    expect((JSON.parse(all.stdout) as Array<{ bot_name: string }>).map((b) => b.bot_name)).toEqual(['Manual Notetaker', 'Weekly sync notes', 'Retro notes']);
    server.requests.length = 0;
    const one = await run(['bot', 'list', '--limit', '1'], api());
    expect(lines(one.stdout)).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  test('bot create --manual sends recording_config: null', async () => {
    server.setHandler(() => json(201, recallFixture('bot-created')));
    const r = await run(['bot', 'create', '--meeting-url', 'https://zoom.us/j/84512345678', '--name', 'Manual Notetaker', '--manual'], api());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created bot 0b6f3c1e-5a2d-4e8f-9c71-2d4e6f8a0b11 \("Manual Notetaker"\) — manual recording control/);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ meeting_url: 'https://zoom.us/j/84512345678', bot_name: 'Manual Notetaker', recording_config: null });
  });
});

describe('failures map to exit codes', () => {
  test('404 → exit 1 with the reason', async () => {
    server.setHandler(() => json(404, { detail: 'Not found.' }));
    const r = await run(['status', 'no-such-bot'], api());
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^recall-remote: Bot no-such-bot was not found \(404\)/);
    expect(r.stderr).not.toContain(KEY);
  });

  test('unreachable host → exit 3', async () => {
    const port = await closedPort();
    const r = await run(['status', RECORDING_BOT, '--api-base', `http://127.0.0.1:${port}`, '--api-key', KEY]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^recall-remote: Connection to 127\.0\.0\.1:\d+ was refused/);
    expect(r.stderr).not.toContain(KEY);
  });
});

describe('control commands confirm the new state', () => {
  test('pause confirmed when the bot flips to paused on a later read → exit 0', async () => {
    server.setHandler(botServer([recallFixture('bot-recording'), recallFixture('bot-recording'), pausedVersionOfRecordingBot()]));
    const r = await run(['pause', RECORDING_BOT], api());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Recording paused — confirmed: the bot is now paused\n');
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /api/v1/bot/${RECORDING_BOT}/`,
      `POST /api/v1/bot/${RECORDING_BOT}/pause_recording/`,
      `GET /api/v1/bot/${RECORDING_BOT}/`,
      `GET /api/v1/bot/${RECORDING_BOT}/`,
    ]);
    expect(server.requests[1]!.headers['idempotency-key']).toBeTruthy();
  });

  test('pause never confirmed → non-zero after --timeout with the state it still reports', async () => {
    server.setHandler(botServer([recallFixture('bot-recording')]));
    const r = await run(['pause', RECORDING_BOT, '--timeout', '1', '--json'], api());
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['recall-remote: Pause was sent but not confirmed within 1 s — the bot still reports recording']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, action: 'pause', outcome: 'unconfirmed', state: 'recording' });
    expect(server.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  test('pause while not recording is refused before anything is sent', async () => {
    server.setHandler(botServer([recallFixture('bot-stopped')]));
    const r = await run(['pause', '3e9a6f4b-8d5a-4b12-8fa4-5a7b9c1d3e44'], api());
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['recall-remote: Not recording — nothing to pause']);
    expect(server.requests.map((q) => q.method)).toEqual(['GET']);
  });

  test('start while recording refuses without --force', async () => {
    server.setHandler(botServer([recallFixture('bot-recording')]));
    const r = await run(['start', RECORDING_BOT], api());
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['recall-remote: Start would overwrite the current recording; pass --force']);
    expect(server.requests.map((q) => q.method)).toEqual(['GET']);
  });

  test('Recall refusing the action (400 wrong state) → exit 1 with its reason', async () => {
    server.setHandler((req) =>
      req.method === 'POST'
        ? json(400, { code: 'cannot_command_completed_bot', detail: 'Bot has completed.' })
        : json(200, recallFixture('bot-recording')),
    );
    const r = await run(['leave', RECORDING_BOT], api());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^recall-remote: The bot has already left the call or failed.*\(cannot_command_completed_bot\)\n$/);
  });
});

function pausedVersionOfRecordingBot(): Record<string, unknown> {
  const bot = recallFixture('bot-recording') as { status_changes: unknown[]; recordings: Array<{ status: unknown }> };
  bot.status_changes.push({ code: 'in_call_not_recording', message: null, sub_code: null, created_at: '2025-06-10T14:09:00.000000Z' });
  bot.recordings[0]!.status = { code: 'paused', sub_code: null, updated_at: '2025-06-10T14:09:00.000000Z' };
  return bot as unknown as Record<string, unknown>;
}
