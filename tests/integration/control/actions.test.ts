// Every recording action end to end: the window's control:press through the real app core and
// RecallClient to the sandbox over HTTP — the PressOutcome, the state the header then shows, and
// exactly one request on the wire per action (each with its own Idempotency-Key).
import { describe, expect, test } from 'vitest';
import { applied, posts, sandboxCore, until } from './helpers';

describe('each action, confirmed by the sandbox', () => {
  test('pause → resume → stop → start → leave on a bot that records on its own', async () => {
    const { core, sandbox, state, selectedBot } = await sandboxCore();
    const bot = await selectedBot();
    const steps = [
      { action: 'pause', endpoint: 'pause_recording', message: 'Recording paused', live: 'paused' },
      { action: 'resume', endpoint: 'resume_recording', message: 'Recording resumed', live: 'recording' },
      { action: 'stop', endpoint: 'stop_recording', message: 'Recording stopped', live: 'not_recording' },
      { action: 'start', endpoint: 'start_recording', message: 'Recording started', live: 'recording' },
      { action: 'leave', endpoint: 'leave_call', message: 'The bot left the call', live: 'ended' },
    ] as const;
    for (const step of steps) {
      const result = await core.dispatch('control:press', { action: step.action });
      expect(result, step.action).toEqual({ ok: true, value: { kind: 'confirmed', action: step.action, message: step.message } });
      expect((await state()).live, step.action).toBe(step.live);
      const sent = posts(sandbox, bot.id, step.endpoint);
      expect(sent.map((r) => r.status), step.action).toEqual([200]);
      expect(sent[0]?.idempotencyKey, step.action).toMatch(/^[0-9a-f-]{36}$/);
    }
    const keys = sandbox.requestLog().filter((r) => r.method === 'POST' && r.path.includes(bot.id)).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(steps.length);
    const ended = await until(state, (s) => s.endReason !== null, 'the end reason');
    expect(ended.endReason).toBe('bot_received_leave_call');
    expect(Object.values(ended.actions).every((a) => !a.enabled)).toBe(true);
  });

  test('toggle-pause pauses a recording and resumes a paused one', async () => {
    const { core, sandbox, state, selectedBot } = await sandboxCore();
    const bot = await selectedBot();
    expect(await core.dispatch('control:press', { action: 'toggle-pause' })).toEqual({
      ok: true,
      value: { kind: 'confirmed', action: 'toggle-pause', message: 'Recording paused' },
    });
    expect((await state()).live).toBe('paused');
    expect(await core.dispatch('control:press', { action: 'toggle-pause' })).toEqual({
      ok: true,
      value: { kind: 'confirmed', action: 'toggle-pause', message: 'Recording resumed' },
    });
    expect((await state()).live).toBe('recording');
    expect([posts(sandbox, bot.id, 'pause_recording').length, posts(sandbox, bot.id, 'resume_recording').length]).toEqual([1, 1]);
    // One recording throughout: pause/resume keep a single file.
    expect((await state()).recording?.statusCode).toBe('processing');
  });

  test('a manual bot ("I will start recording myself") records nothing until Start', async () => {
    const { core, sandbox, state } = await sandboxCore();
    const created = await core.dispatch('bot:create', { meetingUrl: 'https://us02web.zoom.us/j/84512345678', botName: 'Manual notes' });
    expect(created.ok && created.value).toMatchObject({ selected: true, name: 'Manual notes' });
    const botId = created.ok && created.value.selected ? created.value.botId : '';
    const inCall = await until(state, (s) => s.live === 'not_recording', 'the manual bot to join', 15_000);
    expect(inCall.recording).toBeNull();
    expect(inCall.actions.pause).toMatchObject({ enabled: false, reason: 'Not recording — nothing to pause' });
    const started = await core.dispatch('control:press', { action: 'start' });
    expect(started.ok && started.value.kind).toBe('confirmed');
    expect((await state()).recording?.statusCode).toBe('processing');
    expect(applied(posts(sandbox, botId, 'start_recording'))).toHaveLength(1);
  });

  test('a refused press sends nothing to the sandbox', async () => {
    const { core, sandbox, selectedBot } = await sandboxCore();
    const bot = await selectedBot({ recording_config: null }, 'not_recording');
    expect(await core.dispatch('control:press', { action: 'stop' })).toEqual({
      ok: true,
      value: { kind: 'refused', action: 'stop', message: 'Nothing is recording — nothing to stop' },
    });
    expect(sandbox.requestLog().filter((r) => r.method === 'POST' && r.path.includes(bot.id))).toEqual([]);
  });

  test('a double press while the first is pending sends one request', async () => {
    const { core, sandbox, selectedBot } = await sandboxCore();
    const bot = await selectedBot();
    sandbox.faults.set({ latencyMs: { control: 150 } });
    const [first, second] = await Promise.all([
      core.dispatch('control:press', { action: 'pause' }),
      core.dispatch('control:press', { action: 'pause' }),
    ]);
    expect(first).toEqual(second);
    expect(first.ok && first.value.kind).toBe('confirmed');
    expect(posts(sandbox, bot.id, 'pause_recording')).toHaveLength(1);
  });

  test('a global shortcut press goes the same way and is announced', async () => {
    const { core, sandbox, events, notifier, selectedBot } = await sandboxCore();
    const bot = await selectedBot();
    const notices: string[] = [];
    events.on('app:notice', (notice) => notices.push(notice.message));
    expect(await core.pressHotkey('pause')).toMatchObject({ status: 'done', message: 'Recording paused' });
    expect(posts(sandbox, bot.id, 'pause_recording')).toHaveLength(1);
    expect(notices).toEqual(['Recording paused']);
    expect(notifier.shown.at(-1)).toMatchObject({ kind: 'hotkey', outcome: { status: 'done' } });
    expect(core.tray.current().iconId).toBe('paused-sandbox');
  });
});
