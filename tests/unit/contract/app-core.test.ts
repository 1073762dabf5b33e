// The app core behind the IPC contract: what a renderer gets from each channel, how bad input
// and API failures come back as typed errors, and how the selected bot's state stays live.
import { describe, expect, it, vi } from 'vitest';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { Connection } from '../../../electron/core/app';
import type { BotState } from '../../../electron/contract';
import { RecallError } from '../../../electron/core/recall';
import { BOT_A, BOT_B, FakeBots, makeBot, ManualClock, ManualTimers, T0 } from './fixtures';

const SECRET = 'sk-live-0123456789abcdef';

function setup(connection: Connection = { mode: 'live', apiKey: SECRET, region: 'eu-central-1' }) {
  const bots = new FakeBots();
  const clock = new ManualClock();
  const timers = new ManualTimers();
  const events = createEventHub();
  const pushed: BotState[] = [];
  events.on('state:changed', (state) => pushed.push(state));
  const log = vi.fn();
  const createClient = vi.fn(() => bots);
  const core = createCore({
    app: { name: 'Recall Remote', version: '1.2.3', platform: 'linux' },
    connection,
    createClient,
    clock,
    timers,
    events,
    log,
    poll: { activeMs: 2_000, idleMs: 30_000 },
    listLimit: 3,
  });
  return { core, bots, clock, timers, pushed, log, createClient };
}

describe('app:getInfo', () => {
  it('describes the live connection by region and says a key is configured, without the key', async () => {
    const { core } = setup();
    const result = await core.dispatch('app:getInfo', undefined);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Recall Remote',
        version: '1.2.3',
        platform: 'linux',
        mode: 'live',
        connection: { kind: 'region', region: 'eu-central-1', baseUrl: 'https://eu-central-1.recall.ai' },
        apiKeyConfigured: true,
      },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('labels the sandbox and shows its base URL', async () => {
    const { core } = setup({ mode: 'sandbox', apiKey: 'sandbox-abc', baseUrl: 'http://127.0.0.1:4100' });
    const result = await core.dispatch('app:getInfo', undefined);
    expect(result.ok && result.value.mode).toBe('sandbox');
    expect(result.ok && result.value.connection).toEqual({ kind: 'custom', baseUrl: 'http://127.0.0.1:4100' });
  });
});

describe('dispatch validation', () => {
  it('refuses an unknown channel with a typed error', async () => {
    const { core } = setup();
    expect(await core.dispatch('bot:deleteEverything', undefined)).toEqual({
      ok: false,
      error: { kind: 'unknown_channel', message: '"bot:deleteEverything" is not a Recall Remote request.' },
    });
  });

  it('refuses a bad bot id before any API call, saying why', async () => {
    const { core, bots } = setup();
    const result = await core.dispatch('bot:select', { botId: 'not an id' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_request');
    expect(result.error.message).toMatch(/^botId: That is not a bot ID/);
    expect(bots.calls).toEqual([]);
  });

  it('refuses payloads of the wrong shape', async () => {
    const { core } = setup();
    for (const payload of [null, 42, 'x', { botId: 7 }, { id: BOT_A }]) {
      const result = await core.dispatch('bot:select', payload);
      expect(result.ok ? 'ok' : result.error.kind).toBe('invalid_request');
    }
    const extra = await core.dispatch('bot:getState', { botId: BOT_A });
    expect(extra.ok ? 'ok' : extra.error.kind).toBe('invalid_request');
  });

  it('reports an unexpected failure as internal and logs it', async () => {
    const { core, bots, log } = setup();
    bots.set(BOT_A, new TypeError('boom'));
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'Recall Remote hit an unexpected error: boom' } });
    expect(log).toHaveBeenCalledWith('error', expect.stringContaining('bot:select failed'));
  });
});

describe('bot:select and bot:getState', () => {
  it('starts with no bot selected', async () => {
    const { core } = setup();
    expect(await core.dispatch('bot:getState', undefined)).toEqual({ ok: true, value: { selected: false } });
  });

  it('selects a recording bot: name, platform, state, recording and elapsed time', async () => {
    const { core, bots, clock, pushed } = setup();
    bots.set(
      BOT_A,
      makeBot({
        changes: [
          ['joining_call', 0],
          ['in_call_recording', 10_000],
        ],
        recording: { startedAt: 10_000 },
      }),
    );
    clock.ms = T0 + 70_000;
    const result = await core.dispatch('bot:select', { botId: BOT_A.toUpperCase() });
    const expected = {
      selected: true,
      botId: BOT_A,
      name: 'Weekly sync',
      platform: 'zoom',
      live: 'recording',
      status: { code: 'in_call_recording', subCode: null, message: null, at: '2025-06-01T10:00:10.000Z' },
      recording: { id: 'rec-1', startedAt: '2025-06-01T10:00:10.000Z', completedAt: null, statusCode: 'processing' },
      endReason: null,
      elapsedMs: 60_000,
      updatedAt: '2025-06-01T10:01:10.000Z',
      lastError: null,
    };
    expect(result).toEqual({ ok: true, value: expected });
    expect(pushed).toEqual([expected]);
    expect(await core.dispatch('bot:getState', undefined)).toEqual({ ok: true, value: expected });
  });

  it('excludes paused time from the elapsed recorded time', async () => {
    const { core, bots, clock } = setup();
    bots.set(
      BOT_A,
      makeBot({
        changes: [
          ['in_call_recording', 0],
          ['in_call_not_recording', 30_000],
          ['in_call_recording', 90_000],
        ],
        recording: { startedAt: 0 },
      }),
    );
    clock.ms = T0 + 100_000;
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result.ok && result.value.selected && result.value.elapsedMs).toBe(40_000);
  });

  it('keeps the current bot when the pasted one does not exist, and says so', async () => {
    const { core, bots, pushed } = setup();
    bots.set(BOT_A, makeBot({ changes: [['in_call_not_recording', 0]] }));
    await core.dispatch('bot:select', { botId: BOT_A });
    const result = await core.dispatch('bot:select', { botId: BOT_B });
    expect(result).toEqual({ ok: false, error: { kind: 'not_found', message: `Bot ${BOT_B} was not found (404)` } });
    const state = await core.dispatch('bot:getState', undefined);
    expect(state.ok && state.value.selected && state.value.botId).toBe(BOT_A);
    expect(pushed).toHaveLength(1);
  });

  it('lets the latest selection win when two overlap', async () => {
    const { core, bots, pushed } = setup();
    let release = () => {};
    bots.gates.set(BOT_A, new Promise<void>((resolve) => (release = resolve)));
    bots.set(BOT_A, makeBot({ id: BOT_A, name: 'Slow' }));
    bots.set(BOT_B, makeBot({ id: BOT_B, name: 'Fast' }));
    const slow = core.dispatch('bot:select', { botId: BOT_A });
    const fast = await core.dispatch('bot:select', { botId: BOT_B });
    release();
    expect(fast.ok && fast.value.selected && fast.value.name).toBe('Fast');
    expect(await slow).toEqual({
      ok: false,
      error: { kind: 'aborted', message: 'Another bot was selected before this one finished loading.' },
    });
    const state = await core.dispatch('bot:getState', undefined);
    expect(state.ok && state.value.selected && state.value.name).toBe('Fast');
    expect(pushed.map((s) => s.selected && s.name)).toEqual(['Fast']);
  });
});

describe('live refresh of the selected bot', () => {
  it('pushes state:changed when the bot changes state, and only then', async () => {
    const { core, bots, timers, pushed } = setup();
    bots.set(BOT_A, makeBot({ changes: [['joining_call', 0]] }));
    await core.dispatch('bot:select', { botId: BOT_A });
    expect(timers.armed()).toEqual([2_000]);

    await timers.fire();
    expect(pushed.map((s) => s.selected && s.live)).toEqual(['joining']);

    bots.set(BOT_A, makeBot({ changes: [['joining_call', 0], ['in_call_not_recording', 5_000]] }));
    await timers.fire();
    expect(pushed.map((s) => s.selected && s.live)).toEqual(['joining', 'not_recording']);
    expect(bots.calls).toEqual([BOT_A, BOT_A, BOT_A]);
  });

  it('keeps the last known state on a failed refresh, shows why, polls slower, and recovers', async () => {
    const { core, bots, timers, pushed } = setup();
    const recording = makeBot({ changes: [['in_call_recording', 0]], recording: { startedAt: 0 } });
    bots.set(BOT_A, recording);
    await core.dispatch('bot:select', { botId: BOT_A });

    bots.set(BOT_A, new RecallError({ kind: 'network', message: 'Connection to 127.0.0.1:9 was refused' }));
    await timers.fire();
    const failed = pushed.at(-1);
    expect(failed?.selected && failed.live).toBe('recording');
    expect(failed?.selected && failed.lastError).toEqual({ kind: 'network', message: 'Connection to 127.0.0.1:9 was refused' });
    expect(timers.armed()).toEqual([30_000]);

    bots.set(BOT_A, recording);
    await timers.fire();
    const recovered = pushed.at(-1);
    expect(recovered?.selected && recovered.lastError).toBeNull();
    expect(timers.armed()).toEqual([2_000]);
  });

  it('polls slowly once the bot has ended', async () => {
    const { core, bots, timers } = setup();
    bots.set(BOT_A, makeBot({ changes: [['call_ended', 0, 'call_ended_by_host'], ['done', 1_000]] }));
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result.ok && result.value.selected && result.value.live).toBe('ended');
    // `done` carries no sub_code: the reason the call ended is kept for the user.
    expect(result.ok && result.value.selected && [result.value.status?.code, result.value.endReason]).toEqual(['done', 'call_ended_by_host']);
    expect(timers.armed()).toEqual([30_000]);
  });

  it('stops refreshing after close', async () => {
    const { core, bots, timers } = setup();
    bots.set(BOT_A, makeBot({ changes: [['in_call_recording', 0]] }));
    await core.dispatch('bot:select', { botId: BOT_A });
    core.close();
    expect(timers.armed()).toEqual([]);
  });
});

describe('bot:list', () => {
  it('returns at most the limit, most recent activity first', async () => {
    const { core, bots } = setup();
    bots.list = [
      makeBot({ id: BOT_A, name: 'Old', changes: [['done', 0]] }),
      makeBot({ id: BOT_B, name: 'New', platform: 'google_meet', changes: [['in_call_recording', 60_000]] }),
      makeBot({ id: '11111111-2222-4333-8444-555555555555', name: 'Fresh', changes: [] }),
      makeBot({ id: '66666666-7777-4888-9999-000000000000', name: 'Beyond the limit', changes: [['done', 0]] }),
    ];
    const result = await core.dispatch('bot:list', undefined);
    expect(result.ok && result.value.map((b) => [b.name, b.platform, b.live])).toEqual([
      ['New', 'google_meet', 'recording'],
      ['Old', 'zoom', 'ended'],
      ['Fresh', 'zoom', 'joining'],
    ]);
    expect(bots.listed).toBe(3);
  });

  it('passes an API failure through as a typed error', async () => {
    const { core, bots } = setup();
    bots.listBots = async function* () {
      yield* [];
      throw new RecallError({ kind: 'auth', message: 'Recall rejected the API key (401)' });
    };
    expect(await core.dispatch('bot:list', undefined)).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'Recall rejected the API key (401)' },
    });
  });
});
