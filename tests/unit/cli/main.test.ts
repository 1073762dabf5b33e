// The CLI in-process (runCli with injected io, fetch and clock): parsing, help, the command
// table's extensibility, exit-code mapping and control confirmation without real waiting.
import { describe, expect, test } from 'vitest';
import type { CliIo, CommandSpec } from '../../../electron/cli/command';
import { COMMANDS } from '../../../electron/cli/commands';
import { EXIT, UsageError, exitCodeFor } from '../../../electron/cli/errors';
import { allOptions, runCli } from '../../../electron/cli/main';
import { RecallError } from '../../../electron/core/recall';
import { recallFixture } from '../../fixtures/recall';

interface Harness {
  io: CliIo;
  out: string[];
  err: string[];
  requests: Array<{ method: string; url: string }>;
  sleeps: number[];
}

function harness(respond: (method: string, url: string, index: number) => { status: number; body: unknown } = () => ({ status: 200, body: {} })): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const requests: Harness['requests'] = [];
  const sleeps: number[] = [];
  let t = Date.parse('2025-06-10T14:12:00Z');
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    requests.push({ method, url });
    const { status, body } = respond(method, url, requests.length - 1);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return {
    out,
    err,
    requests,
    sleeps,
    io: {
      stdout: (text) => void out.push(text),
      stderr: (text) => void err.push(text),
      env: { RECALL_API_BASE: 'http://recall.test', RECALL_API_KEY: 'unit-key' },
      fetch: fetchImpl,
      now: () => t,
      // Virtual time: a sleep lets pending work settle first; one aborted meanwhile (a timer
      // cleared because the read it guarded answered) takes no time.
      sleep: async (ms, signal) => {
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) return;
        sleeps.push(ms);
        t += ms;
      },
    },
  };
}

describe('parsing and help', () => {
  test('no command → usage error; help and -h → exit 0 listing every command', async () => {
    const h = harness();
    expect(await runCli([], h.io)).toBe(EXIT.usage);
    expect(h.err).toEqual(['recall-remote: No command given (run recall-remote --help for the list)']);
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const hh = harness();
      expect(await runCli(argv, hh.io)).toBe(EXIT.ok);
      for (const command of COMMANDS) expect(hh.out.join('\n')).toContain(`  ${command.name}`);
    }
  });

  test('help for one command shows its own options', async () => {
    const h = harness();
    expect(await runCli(['help', 'start'], h.io)).toBe(EXIT.ok);
    expect(h.out[0]).toMatch(/^Usage: recall-remote start BOT \[--timeout S\] \[--force\]/);
    expect(h.out[0]).toContain('--force');
  });

  test.each([
    [['bot'], '"bot" needs a subcommand: create, list, show'],
    [['status', 'a', 'b'], 'Unexpected argument "b" for "status"'],
    [['bot', 'create'], 'bot create needs --meeting-url URL'],
    [['pause', 'b', '--timeout', 'soon'], '--timeout must be a number of seconds between 0 and 86400, not "soon"'],
    [['bot', 'list', '--limit', '0'], '--limit must be a positive integer, not "0"'],
    [['pause', 'b', '--api-key'], "Option '--api-key <value>' argument missing"],
    [['status', '  '], 'BOT must not be empty'],
  ])('%j → usage error: %s', async (argv, message) => {
    const h = harness();
    expect(await runCli(argv, h.io)).toBe(EXIT.usage);
    expect(h.err).toEqual([`recall-remote: ${message}`]);
    expect(h.requests).toEqual([]);
  });

  test('options may come before the command words', async () => {
    const h = harness(() => ({ status: 200, body: recallFixture('bot-paused') }));
    expect(await runCli(['--json', '--api-key', 'other', 'status', 'bot-1'], h.io)).toBe(EXIT.ok);
    expect(JSON.parse(h.out[0]!)).toMatchObject({ state: 'paused', recording: { recorded_ms: 480_000, paused_ms: 120_000 } });
  });
});

describe('the command table', () => {
  test('a new command is one table entry: it gets help, parsing and dispatch', async () => {
    const extra: CommandSpec = {
      name: 'probe-extra',
      summary: 'An extra command added by this test',
      args: ['BOT'],
      options: { all: { type: 'boolean', description: 'Every recording' } },
      async run(ctx) {
        ctx.print([`probe of ${ctx.args.BOT} all=${ctx.flag('all')}`], { bot: ctx.args.BOT });
        return EXIT.ok;
      },
    };
    const commands = [...COMMANDS, extra];
    const help = harness();
    await runCli(['--help'], help.io, commands);
    expect(help.out[0]).toContain('probe-extra BOT [--all]');
    const h = harness();
    expect(await runCli(['probe-extra', 'b1', '--all'], h.io, commands)).toBe(EXIT.ok);
    expect(h.out).toEqual(['probe of b1 all=true']);
  });

  test('two commands declaring the same option with different types is caught', () => {
    const a: CommandSpec = { name: 'a', summary: '', options: { limit: { type: 'boolean', description: '' } }, run: async () => 0 };
    expect(() => allOptions([...COMMANDS, a])).toThrow(/--limit of "a" conflicts/);
  });
});

describe('exit codes', () => {
  test.each([
    [new UsageError('x'), 2],
    [new RecallError({ kind: 'network', message: 'x' }), 3],
    [new RecallError({ kind: 'timeout', message: 'x' }), 3],
    [new RecallError({ kind: 'not_found', message: 'x' }), 1],
    [new RecallError({ kind: 'wrong_state', message: 'x' }), 1],
    [new RecallError({ kind: 'auth', message: 'x' }), 1],
    [new RecallError({ kind: 'aborted', message: 'x' }), 130],
    [new Error('boom'), 1],
  ])('%s → %i', (error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});

describe('control commands in-process', () => {
  test('resume is confirmed after polling on the injected clock, with no real waiting', async () => {
    const paused = recallFixture('bot-paused');
    const resumed = structuredClone(paused) as { status_changes: unknown[]; recordings: Array<{ status: unknown }> };
    resumed.status_changes.push({ code: 'in_call_recording', message: null, sub_code: null, created_at: '2025-06-10T14:12:01.000000Z' });
    resumed.recordings[0]!.status = { code: 'processing', sub_code: null, updated_at: '2025-06-10T14:12:01.000000Z' };
    const h = harness((method, _url, i) => ({ status: 200, body: method === 'GET' && i >= 4 ? resumed : paused }));
    expect(await runCli(['resume', 'bot-1', '--json'], h.io)).toBe(EXIT.ok);
    expect(JSON.parse(h.out[0]!)).toEqual({
      ok: true,
      action: 'resume',
      bot_id: 'bot-1',
      outcome: 'confirmed',
      before: 'paused',
      state: 'recording',
      message: 'Recording resumed',
    });
    expect(h.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v1/bot/bot-1/',
      'POST /api/v1/bot/bot-1/resume_recording/',
      'GET /api/v1/bot/bot-1/',
      'GET /api/v1/bot/bot-1/',
      'GET /api/v1/bot/bot-1/',
    ]);
    // The controller's confirmation backoff, as in the app.
    expect(h.sleeps).toEqual([150, 300]);
  });

  test('pause while paused is refused in the app\'s words, before anything is sent', async () => {
    const h = harness(() => ({ status: 200, body: recallFixture('bot-paused') }));
    expect(await runCli(['pause', 'bot-1'], h.io)).toBe(EXIT.failure);
    expect(h.err).toEqual(['recall-remote: Already paused']);
    expect(h.requests.map((r) => r.method)).toEqual(['GET']);
  });

  test('start while recording without --force: nothing sent, --force named', async () => {
    const h = harness(() => ({ status: 200, body: recallFixture('bot-recording') }));
    expect(await runCli(['start', 'bot-1', '--json'], h.io)).toBe(EXIT.failure);
    expect(h.err).toEqual(['recall-remote: Start would overwrite the current recording; pass --force']);
    expect(JSON.parse(h.out[0]!)).toMatchObject({ ok: false, outcome: 'refused', before: 'recording' });
    expect(h.requests.map((r) => r.method)).toEqual(['GET']);
  });

  test('Recall unavailable while sending: the failure with its reason, nothing confirmed', async () => {
    const h = harness((method) => (method === 'POST' ? { status: 503, body: { detail: 'down' } } : { status: 200, body: recallFixture('bot-recording') }));
    expect(await runCli(['stop', 'bot-1', '--json'], h.io)).toBe(EXIT.failure);
    expect(JSON.parse(h.out[0]!)).toMatchObject({ ok: false, outcome: 'failed', error_kind: 'server' });
    expect(h.err[0]).toMatch(/^recall-remote: Recall is temporarily unavailable \(503/);
  });

  test('status --json says what each action would do now, in the app\'s words', async () => {
    const h = harness(() => ({ status: 200, body: recallFixture('bot-paused') }));
    expect(await runCli(['status', 'bot-1', '--json'], h.io)).toBe(EXIT.ok);
    expect(JSON.parse(h.out[0]!).actions).toEqual({
      pause: { enabled: false, reason: 'Already paused' },
      resume: { enabled: true, reason: null },
      start: { enabled: true, reason: null },
      stop: { enabled: true, reason: null },
      leave: { enabled: true, reason: null },
    });
  });

  test('start --force while recording is sent and needs a new recording to be confirmed', async () => {
    const h = harness(() => ({ status: 200, body: recallFixture('bot-recording') }));
    expect(await runCli(['start', 'bot-1', '--force', '--timeout', '2'], h.io)).toBe(EXIT.failure);
    expect(h.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(h.err).toEqual(['recall-remote: Start was sent but not confirmed within 2 s — no new recording has appeared yet']);
  });

  test('the API key never appears in any output', async () => {
    const h = harness(() => ({ status: 401, body: { detail: 'Invalid token.' } }));
    expect(await runCli(['status', 'bot-1', '--api-key', 'super-secret-key'], h.io)).toBe(EXIT.failure);
    expect([...h.out, ...h.err].join('\n')).not.toContain('super-secret-key');
    expect(h.err[0]).toMatch(/^recall-remote: Recall rejected the API key \(401: Invalid token\.\) — check the key and that it belongs to recall\.test$/);
  });
});
