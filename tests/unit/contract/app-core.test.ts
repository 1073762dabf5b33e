// The app core behind the IPC contract: what a renderer gets from each channel, how bad input
// and API failures come back as typed errors, and how the selected bot stays live — read by one
// poller, through one controller per bot.
import { describe, expect, it } from 'vitest';
import { RecallError } from '../../../electron/core/recall';
import { BOT_A, BOT_B, coreHarness, makeBot, NEW_BOT, settle, T0 } from './fixtures';

const SECRET = 'sk-live-0123456789abcdef';

describe('app:getInfo', () => {
  it('describes a live connection from the environment by region, without the key', async () => {
    const { core } = await coreHarness({ envConnection: { mode: 'live', apiKey: SECRET, region: 'eu-central-1' } });
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

  it('without a key runs the embedded sandbox, labelled as such, and says no key is configured', async () => {
    const { core, sandboxes } = await coreHarness();
    const result = await core.dispatch('app:getInfo', undefined);
    expect(sandboxes).toHaveLength(1);
    expect(result.ok && result.value).toMatchObject({ mode: 'sandbox', connection: { kind: 'custom', baseUrl: 'http://127.0.0.1:4101' }, apiKeyConfigured: false });
  });
});

describe('dispatch validation', () => {
  it('refuses an unknown channel with a typed error', async () => {
    const { core } = await coreHarness();
    expect(await core.dispatch('bot:deleteEverything', undefined)).toEqual({
      ok: false,
      error: { kind: 'unknown_channel', message: '"bot:deleteEverything" is not a Recall Remote request.' },
    });
  });

  it('refuses a bad bot id before any API call, saying why', async () => {
    const { core, workspace } = await coreHarness();
    const result = await core.dispatch('bot:select', { botId: 'not an id' });
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'invalid_request', message: expect.stringMatching(/^botId: That is not a bot ID/) });
    expect(workspace.gets).toEqual([]);
  });

  it('refuses payloads of the wrong shape on every new channel', async () => {
    const { core } = await coreHarness();
    const bad: Array<[string, unknown]> = [
      ['control:press', { action: 'explode' }],
      ['control:press', { action: 'pause', confirm: 'yes' }],
      ['bot:create', { meetingUrl: 'zoom.us/j/1' }],
      ['connection:set', { mode: 'live', apiKey: '' }],
      ['hotkeys:set', { action: 'pause' }],
      ['hotkeys:suspend', {}],
      ['settings:update', { theme: 'dark' }],
      ['tray:getModel', { x: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await core.dispatch(channel, payload);
      expect(result.ok ? `${channel} accepted` : result.error.kind).toBe('invalid_request');
    }
    const url = await core.dispatch('bot:create', { meetingUrl: 'zoom.us/j/1' });
    expect(url.ok ? '' : url.error.message).toBe('meetingUrl: The meeting link must start with https://');
  });

  it('reports an unexpected failure as internal and logs it', async () => {
    const { core, workspace, log } = await coreHarness();
    workspace.fixed.set(BOT_A, new TypeError('boom'));
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'Recall Remote hit an unexpected error: boom' } });
    expect(log.some(([level, message]) => level === 'error' && message.includes('bot:select failed'))).toBe(true);
  });
});

describe('bot:select and bot:getState', () => {
  it('starts with no bot selected', async () => {
    const { core } = await coreHarness();
    expect(await core.dispatch('bot:getState', undefined)).toEqual({ ok: true, value: { selected: false } });
  });

  it('selects a recording bot: name, platform, state, recording, recorded time and its clock', async () => {
    const { core, workspace, events } = await coreHarness();
    workspace.fixed.set(BOT_A, makeBot({ changes: [['joining_call', -20_000], ['in_call_recording', -10_000]], recording: { startedAt: -60_000 } }));
    const result = await core.dispatch('bot:select', { botId: BOT_A.toUpperCase() });
    expect(result.ok && result.value).toMatchObject({
      selected: true,
      botId: BOT_A,
      name: 'Weekly sync',
      platform: 'zoom',
      live: 'recording',
      status: { code: 'in_call_recording', subCode: null, message: null, at: '2025-06-01T09:59:50.000Z' },
      recording: { id: 'rec-1', startedAt: '2025-06-01T09:59:00.000Z', completedAt: null, statusCode: 'processing' },
      endReason: null,
      elapsedMs: 60_000,
      updatedAt: new Date(T0).toISOString(),
      lastError: null,
      recordingClock: { baseMs: 60_000, runningSince: T0 },
      clockOffsetMs: 5_000,
      pending: null,
      queued: [],
      armed: null,
      actionError: null,
    });
    expect(events('state:changed').at(-1)).toEqual(result.ok && result.value);
    expect(await core.dispatch('bot:getState', undefined)).toEqual(result);
  });

  it('excludes paused time from the recorded time', async () => {
    const { core, workspace } = await coreHarness();
    workspace.fixed.set(
      BOT_A,
      makeBot({ changes: [['in_call_recording', -100_000], ['in_call_not_recording', -70_000], ['in_call_recording', -10_000]], recording: { startedAt: -100_000 } }),
    );
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result.ok && result.value.selected && result.value.elapsedMs).toBe(40_000);
  });

  it('keeps the current bot when the pasted one does not exist, and says so', async () => {
    const { core, workspace, events } = await coreHarness();
    workspace.addLive(BOT_A, { state: 'not_recording' });
    await core.dispatch('bot:select', { botId: BOT_A });
    const pushed = events('state:changed').length;
    const result = await core.dispatch('bot:select', { botId: BOT_B });
    expect(result).toEqual({ ok: false, error: { kind: 'not_found', message: `Bot ${BOT_B} was not found (404)` } });
    const state = await core.dispatch('bot:getState', undefined);
    expect(state.ok && state.value.selected && state.value.botId).toBe(BOT_A);
    expect(events('state:changed')).toHaveLength(pushed);
  });

  it('lets the latest selection win when two overlap', async () => {
    const { core, workspace, events } = await coreHarness();
    let release = () => {};
    workspace.gates.set(BOT_A, new Promise<void>((resolve) => (release = resolve)));
    workspace.fixed.set(BOT_A, makeBot({ id: BOT_A, name: 'Slow' }));
    workspace.fixed.set(BOT_B, makeBot({ id: BOT_B, name: 'Fast' }));
    const slow = core.dispatch('bot:select', { botId: BOT_A });
    const fast = await core.dispatch('bot:select', { botId: BOT_B });
    release();
    expect(fast.ok && fast.value.selected && fast.value.name).toBe('Fast');
    expect(await slow).toEqual({ ok: false, error: { kind: 'aborted', message: 'Another bot was selected before this one finished loading.' } });
    const state = await core.dispatch('bot:getState', undefined);
    expect(state.ok && state.value.selected && state.value.name).toBe('Fast');
    expect(events('state:changed').map((s) => s.selected && s.name)).toEqual(['Fast']);
  });

  it('remembers selected bots for the tray, most recent first', async () => {
    const { core, workspace, settings } = await coreHarness();
    workspace.addLive(BOT_A, { name: 'Weekly sync', state: 'not_recording' });
    workspace.addLive(BOT_B, { name: 'Retro', state: 'not_recording' });
    await core.dispatch('bot:select', { botId: BOT_A });
    await core.dispatch('bot:select', { botId: BOT_B });
    expect(settings.get().recentBots.map((b) => [b.id, b.name])).toEqual([
      [BOT_B, 'Retro'],
      [BOT_A, 'Weekly sync'],
    ]);
    const bots = core.tray.current().menu.find((item) => item.id === 'bots')?.submenu ?? [];
    expect(bots.map((item) => [item.label, item.checked])).toEqual([
      ['Retro', true],
      ['Weekly sync', false],
    ]);
  });
});

describe('the selected bot stays live, read by one poller', () => {
  it('reads an in-call bot every 3 s — one request per interval, whatever else is listening', async () => {
    const { core, workspace, clock } = await coreHarness();
    workspace.addLive(BOT_A, { state: 'recording' });
    await core.dispatch('bot:select', { botId: BOT_A });
    await settle();
    const before = workspace.gets.length;
    await clock.advance(30_000);
    expect(workspace.gets.length - before).toBe(10);
  });

  it('pushes state:changed when the bot changes state, and only then', async () => {
    const { core, workspace, clock, events } = await coreHarness();
    const bot = workspace.addLive(BOT_A, { state: 'joining' });
    await core.dispatch('bot:select', { botId: BOT_A });
    await clock.advance(20_000);
    expect(events('state:changed').map((s) => s.selected && s.live)).toEqual(['joining']);
    bot.setState('not_recording');
    await clock.advance(5_000);
    expect(events('state:changed').map((s) => s.selected && s.live)).toEqual(['joining', 'not_recording']);
  });

  it('keeps the last known state on a failed read, shows why, backs off, and recovers', async () => {
    const { core, workspace, clock, events } = await coreHarness();
    const bot = workspace.addLive(BOT_A, { state: 'recording' });
    await core.dispatch('bot:select', { botId: BOT_A });
    bot.script('get', new RecallError({ kind: 'network', message: 'Connection to 127.0.0.1:9 was refused' }));
    await clock.advance(3_000);
    const failed = events('state:changed').at(-1);
    expect(failed?.selected && failed.live).toBe('recording');
    expect(failed?.selected && failed.lastError).toEqual({ kind: 'network', message: 'Connection to 127.0.0.1:9 was refused' });
    expect(core.tray.current().iconId).toBe('error-sandbox');
    await clock.advance(3_000);
    const recovered = events('state:changed').at(-1);
    expect(recovered?.selected && recovered.lastError).toBeNull();
  });

  it('polls an ended bot slowly and keeps why it ended', async () => {
    const { core, workspace, clock } = await coreHarness();
    workspace.fixed.set(BOT_A, makeBot({ changes: [['call_ended', -2_000, 'call_ended_by_host'], ['done', -1_000]] }));
    const result = await core.dispatch('bot:select', { botId: BOT_A });
    expect(result.ok && result.value.selected && [result.value.live, result.value.status?.code, result.value.endReason]).toEqual(['ended', 'done', 'call_ended_by_host']);
    const before = workspace.gets.length;
    await clock.advance(59_000);
    expect(workspace.gets.length).toBe(before);
    await clock.advance(1_000);
    expect(workspace.gets.length).toBe(before + 1);
  });

  it('stops reading after close', async () => {
    const { core, workspace, clock } = await coreHarness();
    workspace.addLive(BOT_A, { state: 'recording' });
    await core.dispatch('bot:select', { botId: BOT_A });
    await core.close();
    const before = workspace.gets.length;
    await clock.advance(60_000);
    expect(workspace.gets.length).toBe(before);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('bot:list', () => {
  it('returns at most the limit, most recent activity first', async () => {
    const { core, workspace } = await coreHarness();
    workspace.list = [
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
    expect(workspace.listed).toBe(3);
  });

  it('passes an API failure through as a typed error', async () => {
    const { core, workspace } = await coreHarness();
    workspace.rejectConnection = () => new RecallError({ kind: 'auth', message: 'Recall rejected the API key (401)' });
    expect(await core.dispatch('bot:list', undefined)).toEqual({ ok: false, error: { kind: 'auth', message: 'Recall rejected the API key (401)' } });
  });
});

describe('bot:create', () => {
  it('sends a manual-recording bot by default with an idempotency key, then selects and remembers it', async () => {
    const { core, workspace, settings } = await coreHarness();
    const result = await core.dispatch('bot:create', { meetingUrl: ' https://zoom.us/j/84512345678 ', botName: 'Notes' });
    expect(workspace.created).toEqual([{ input: { meeting_url: 'https://zoom.us/j/84512345678', bot_name: 'Notes', recording_config: null }, idempotencyKey: 'key-1' }]);
    expect(result.ok && result.value).toMatchObject({ selected: true, botId: NEW_BOT, name: 'Notes', live: 'not_recording' });
    expect(settings.get().recentBots[0]).toMatchObject({ id: NEW_BOT, name: 'Notes' });
  });

  it('leaves recording_config out when the bot should record on its own', async () => {
    const { core, workspace } = await coreHarness();
    await core.dispatch('bot:create', { meetingUrl: 'https://meet.google.com/abc-defg-hij', manual: false });
    expect(workspace.created[0]?.input).toEqual({ meeting_url: 'https://meet.google.com/abc-defg-hij' });
  });

  it('reports Recall refusing the meeting URL with its reason', async () => {
    const { core, workspace } = await coreHarness();
    workspace.createFailure = new RecallError({ kind: 'validation', status: 400, message: 'Recall rejected the request: meeting_url: The meeting_url is malformed' });
    const result = await core.dispatch('bot:create', { meetingUrl: 'https://example.com/x' });
    expect(result).toEqual({ ok: false, error: { kind: 'validation', message: 'Recall rejected the request: meeting_url: The meeting_url is malformed' } });
    expect((await core.dispatch('bot:getState', undefined)).ok).toBe(true);
  });
});
