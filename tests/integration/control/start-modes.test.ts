// Start while a recording runs overwrites it (Recall's documented behaviour): the first press
// only arms, the second (or a confirm from the window) sends — and the app copes with both ways
// a Recall-compatible server may treat the old recording: replaced (gone, `deleted`) or kept.
import { describe, expect, test } from 'vitest';
import { OVERWRITE_WARNING } from '../../../electron/core/control';
import { applied, posts, sandboxCore, until } from './helpers';

describe.each(['replace', 'keep'] as const)('Start while recording, sandbox start mode %s', (startMode) => {
  test('first press arms and sends nothing; the second press starts a new recording', async () => {
    const { core, sandbox, client, state, selectedBot } = await sandboxCore({ startMode });
    const bot = await selectedBot();
    const old = (await state()).recording;
    expect(old?.statusCode).toBe('processing');

    const armed = await core.dispatch('control:press', { action: 'start' });
    expect(armed.ok && armed.value).toMatchObject({ kind: 'armed', action: 'start', message: OVERWRITE_WARNING });
    expect((await state()).armed).toMatchObject({ action: 'start', message: OVERWRITE_WARNING });
    expect(posts(sandbox, bot.id, 'start_recording')).toEqual([]);

    const started = await core.dispatch('control:press', { action: 'start' });
    expect(started).toEqual({ ok: true, value: { kind: 'confirmed', action: 'start', message: 'Recording started' } });
    expect(applied(posts(sandbox, bot.id, 'start_recording'))).toHaveLength(1);
    const now = await state();
    expect(now).toMatchObject({ live: 'recording', armed: null, actionError: null });
    expect(now.recording?.id).not.toBe(old?.id);

    const recordings = (await client.getBot(bot.id)).recordings.map((r) => r.id);
    const previous = await client.getRecording(old?.id ?? '');
    if (startMode === 'replace') {
      // Overwritten: gone from the bot, and its own record says so.
      expect(recordings).toEqual([now.recording?.id]);
      expect(previous.status).toMatchObject({ code: 'deleted', sub_code: 'replaced_by_new_recording' });
    } else {
      // Kept: finished like a Stop, still listed beside the new one.
      expect(recordings).toEqual(expect.arrayContaining([old?.id, now.recording?.id]));
      expect(previous.completed_at).not.toBeNull();
    }
  });

  test('while paused too: a confirm from the window sends at once', async () => {
    const { core, sandbox, state, selectedBot } = await sandboxCore({ startMode });
    const bot = await selectedBot();
    expect((await core.dispatch('control:press', { action: 'pause' })).ok).toBe(true);
    const old = (await state()).recording;
    expect(old?.statusCode).toBe('paused');
    const started = await core.dispatch('control:press', { action: 'start', confirm: true });
    expect(started.ok && started.value.kind).toBe('confirmed');
    expect(applied(posts(sandbox, bot.id, 'start_recording'))).toHaveLength(1);
    const now = await until(state, (s) => s.live === 'recording', 'recording again');
    expect(now.recording?.id).not.toBe(old?.id);
  });
});
