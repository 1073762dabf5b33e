import { describe, expect, it } from 'vitest';
import { RecordingController, DEFAULT_START_CONFIG } from '../../../electron/core/control/controller';
import type { ActionOutcome, ControllerSnapshot, RecordingControllerOptions } from '../../../electron/core/control/controller';
import { readRecordingClock } from '../../../electron/core/control/recording-clock';
import type { PressAction } from '../../../electron/core/control/actions';
import { FakeClock, FakeRecall, T0, flush, networkError, rateLimited, serverError } from './fakes';
import type { FakeRecallOptions, FakeState } from './fakes';

async function setup(fakeOpts: FakeRecallOptions = {}, opts: Partial<RecordingControllerOptions> = {}) {
  const clock = new FakeClock();
  const fake = new FakeRecall(clock, fakeOpts);
  let keys = 0;
  const controller = new RecordingController({
    botId: fake.botId,
    client: fake,
    clock,
    timers: clock,
    newIdempotencyKey: () => `key-${++keys}`,
    ...opts,
  });
  const snapshots: ControllerSnapshot[] = [];
  controller.subscribe((s) => snapshots.push(s));
  const first = controller.refresh();
  await clock.advance(fakeOpts.latencyMs ?? 0);
  await first;
  fake.requests.length = 0;
  return { clock, fake, controller, snapshots };
}

/** Awaits an outcome while advancing the fake clock. */
async function settle(clock: FakeClock, promise: Promise<ActionOutcome>, ms = 15_000): Promise<ActionOutcome> {
  let done: ActionOutcome | undefined;
  void promise.then((o) => {
    done = o;
  });
  for (let spent = 0; done === undefined && spent < ms; spent += 50) await clock.advance(50);
  if (done === undefined) throw new Error('the press never settled');
  return done;
}

describe('RecordingController — transitions', () => {
  const cases: Array<{ from: FakeState; press: PressAction; sent: string; to: string }> = [
    { from: 'recording', press: 'pause', sent: 'pause', to: 'paused' },
    { from: 'paused', press: 'resume', sent: 'resume', to: 'recording' },
    { from: 'not_recording', press: 'start', sent: 'start', to: 'recording' },
    { from: 'recording', press: 'stop', sent: 'stop', to: 'not_recording' },
    { from: 'paused', press: 'stop', sent: 'stop', to: 'not_recording' },
    { from: 'recording', press: 'leave', sent: 'leave', to: 'ended' },
    { from: 'not_recording', press: 'leave', sent: 'leave', to: 'ended' },
    { from: 'joining', press: 'leave', sent: 'leave', to: 'ended' },
    { from: 'recording', press: 'toggle-pause', sent: 'pause', to: 'paused' },
    { from: 'paused', press: 'toggle-pause', sent: 'resume', to: 'recording' },
  ];
  for (const c of cases) {
    it(`${c.press} from ${c.from} sends ${c.sent} once and confirms ${c.to}`, async () => {
      const { clock, fake, controller } = await setup({ state: c.from, applyDelayMs: 400 });
      const outcome = await settle(clock, controller.press(c.press));
      expect(outcome).toMatchObject({ status: 'confirmed', action: c.sent, live: c.to, pressed: c.press });
      expect(fake.posts().map((p) => p.op)).toEqual([c.sent]);
      expect(controller.getSnapshot()).toMatchObject({ live: c.to, pending: null, lastError: null, lastConfirmedAt: clock.now() });
    });
  }

  it('shows the pending action synchronously, before any request', async () => {
    const { fake, controller, snapshots } = await setup({ state: 'recording' });
    const seen = snapshots.length;
    void controller.press('pause');
    expect(controller.getSnapshot().pending).toMatchObject({ action: 'pause', phase: 'sending', target: 'paused', since: T0 });
    expect(snapshots.length).toBeGreaterThan(seen);
    expect(snapshots.at(-1)?.pending?.action).toBe('pause');
    expect(fake.posts()).toHaveLength(0);
  });

  it('re-reads immediately after the POST, then with a growing backoff until confirmed', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 1_000 });
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome.status).toBe('confirmed');
    const offsets = fake.gets().map((g) => g.at - T0);
    expect(offsets).toEqual([0, 150, 450, 1050]);
  });

  it('sends the injected start config, flat', async () => {
    const config = { video_mixed_mp4: {}, transcript: null, retention: { type: 'forever' as const } };
    const { clock, fake, controller } = await setup({ state: 'not_recording' }, { startConfig: () => config });
    await settle(clock, controller.press('start'));
    expect(fake.posts('start')[0]?.config).toEqual(config);
  });

  it('sends video_mixed_mp4 by default on start', async () => {
    const { clock, fake, controller } = await setup({ state: 'not_recording' });
    await settle(clock, controller.press('start'));
    expect(fake.posts('start')[0]?.config).toEqual(DEFAULT_START_CONFIG);
    expect(DEFAULT_START_CONFIG.video_mixed_mp4).toEqual({});
  });

  it('logs press, request, confirmation, outcome and key', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 300 });
    await clock.advance(100);
    await settle(clock, controller.press('toggle-pause'));
    const [entry] = controller.actionLog();
    expect(entry).toMatchObject({
      pressed: 'toggle-pause',
      action: 'pause',
      idempotencyKey: 'key-1',
      pressedAt: T0 + 100,
      requestedAt: T0 + 100,
      outcome: 'confirmed',
      message: 'Recording paused',
      recordingId: 'rec-1',
    });
    expect(entry?.confirmedAt).toBe(T0 + 100 + 450);
    expect(fake.posts()[0]?.idempotencyKey).toBe('key-1');
  });

  it('passes each press its own idempotency key', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    await settle(clock, controller.press('pause'));
    await settle(clock, controller.press('resume'));
    expect(fake.posts().map((p) => p.idempotencyKey)).toEqual(['key-1', 'key-2']);
  });
});

describe('RecordingController — coalescing and serialization', () => {
  it('coalesces repeated presses of the pending action into one POST and one promise', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 800 });
    const first = controller.press('pause');
    const second = controller.press('pause');
    const toggle = controller.press('toggle-pause');
    expect(second).toBe(first);
    expect(toggle).toBe(first);
    await clock.advance(200);
    expect(controller.press('pause')).toBe(first);
    await settle(clock, first);
    expect(fake.posts()).toHaveLength(1);
    expect(controller.actionLog()).toHaveLength(1);
  });

  it('queues a different action and sends it only after the first is confirmed', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 500 });
    const pause = controller.press('pause');
    const stop = controller.press('stop');
    expect(controller.getSnapshot().queued).toEqual(['stop']);
    expect(controller.press('stop')).toBe(stop);
    await clock.advance(300);
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
    const [p, s] = await Promise.all([settle(clock, pause), settle(clock, stop)]);
    expect(p.status).toBe('confirmed');
    expect(s).toMatchObject({ status: 'confirmed', action: 'stop', live: 'not_recording' });
    const posts = fake.posts();
    expect(posts.map((x) => x.op)).toEqual(['pause', 'stop']);
    const pauseConfirmedAt = controller.actionLog()[0]?.confirmedAt ?? Infinity;
    expect(posts[1]!.at).toBeGreaterThanOrEqual(pauseConfirmedAt);
  });

  it('decides a queued press against the confirmed state: resume after pause is sent', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 200 });
    const pause = controller.press('pause');
    const resume = controller.press('resume');
    await settle(clock, pause);
    expect(await settle(clock, resume)).toMatchObject({ status: 'confirmed', action: 'resume' });
    expect(fake.posts().map((p) => p.op)).toEqual(['pause', 'resume']);
  });

  it('decides a queued press against the confirmed state: pause after stop is refused', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 200 });
    const stop = controller.press('stop');
    const pause = controller.press('pause');
    await settle(clock, stop);
    expect(await settle(clock, pause)).toMatchObject({ status: 'refused', reason: 'Not recording — nothing to pause' });
    expect(fake.posts().map((p) => p.op)).toEqual(['stop']);
  });

  it('shows the next queued action as pending the moment the first settles', async () => {
    const { clock, controller, snapshots } = await setup({ state: 'recording', applyDelayMs: 100 });
    const pause = controller.press('pause');
    void controller.press('stop');
    await settle(clock, pause);
    const afterPause = snapshots.find((s) => s.pending?.action === 'stop');
    expect(afterPause?.queued).toEqual([]);
  });
});

describe('RecordingController — refusals send nothing', () => {
  const cases: Array<{ state: FakeState; press: PressAction; reason: string }> = [
    { state: 'not_recording', press: 'pause', reason: 'Not recording — nothing to pause' },
    { state: 'paused', press: 'pause', reason: 'Already paused' },
    { state: 'recording', press: 'resume', reason: 'Not paused — nothing to resume' },
    { state: 'not_recording', press: 'resume', reason: 'Not paused — nothing to resume' },
    { state: 'not_recording', press: 'stop', reason: 'Nothing is recording — nothing to stop' },
    { state: 'not_recording', press: 'toggle-pause', reason: 'Not recording — nothing to pause' },
    { state: 'ended', press: 'pause', reason: 'The bot has left the call' },
    { state: 'ended', press: 'start', reason: 'The bot has left the call' },
    { state: 'ended', press: 'leave', reason: 'The bot has left the call' },
    { state: 'joining', press: 'pause', reason: 'The bot has not joined the call yet' },
    { state: 'joining', press: 'start', reason: 'The bot has not joined the call yet' },
    { state: 'joining', press: 'toggle-pause', reason: 'The bot has not joined the call yet' },
  ];
  for (const c of cases) {
    it(`${c.press} while ${c.state}: "${c.reason}"`, async () => {
      const { fake, controller } = await setup({ state: c.state });
      const outcome = await controller.press(c.press);
      expect(outcome).toMatchObject({ status: 'refused', reason: c.reason });
      expect(fake.posts()).toHaveLength(0);
      expect(controller.getSnapshot().pending).toBeNull();
      expect(controller.actionLog().at(-1)).toMatchObject({ outcome: 'refused', message: c.reason, idempotencyKey: null });
    });
  }

  it('re-reads a stale state before refusing, and sends when the press is valid after all', async () => {
    const { clock, fake, controller } = await setup({ state: 'not_recording' });
    await clock.advance(5_000);
    fake.setState('recording');
    const press = controller.press('pause');
    expect(controller.getSnapshot().pending).toMatchObject({ action: 'pause', phase: 'checking' });
    expect(await settle(clock, press)).toMatchObject({ status: 'confirmed', action: 'pause' });
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
  });

  it('reads the bot first when it was never read', async () => {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'paused' });
    const controller = new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock });
    const press = controller.press('toggle-pause');
    expect(controller.getSnapshot().pending).toMatchObject({ action: 'toggle-pause', phase: 'checking' });
    expect(await settle(clock, press)).toMatchObject({ status: 'confirmed', action: 'resume' });
    expect(fake.gets()[0]?.at).toBe(T0);
  });
});

describe('RecordingController — start overwrites only when confirmed', () => {
  it('arms on the first press, sends on a second press within 3 s', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    const first = await controller.press('start');
    expect(first).toMatchObject({ status: 'armed', until: T0 + 3_000, message: 'Press again within 3 s to overwrite the current recording' });
    expect(controller.getSnapshot().armed).toMatchObject({ action: 'start', until: T0 + 3_000 });
    expect(fake.posts()).toHaveLength(0);
    await clock.advance(2_500);
    const second = await settle(clock, controller.press('start'));
    expect(second).toMatchObject({ status: 'confirmed', action: 'start', live: 'recording' });
    expect(fake.posts().map((p) => p.op)).toEqual(['start']);
    expect(controller.getSnapshot().armed).toBeNull();
    expect(controller.getSnapshot().bot?.recordings.map((r) => r.id)).toEqual(['rec-1', 'rec-2']);
  });

  it('expires the arming after 3 s; a later press arms again', async () => {
    const { clock, fake, controller } = await setup({ state: 'paused' });
    await controller.press('start');
    await clock.advance(2_999);
    expect(controller.getSnapshot().armed).not.toBeNull();
    await clock.advance(1);
    expect(controller.getSnapshot().armed).toBeNull();
    await clock.advance(500);
    expect(await controller.press('start')).toMatchObject({ status: 'armed', until: clock.now() + 3_000 });
    expect(fake.posts()).toHaveLength(0);
  });

  it('sends at once with an explicit confirm from the window', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    expect(await settle(clock, controller.press('start', { confirm: true }))).toMatchObject({ status: 'confirmed', action: 'start' });
    expect(fake.posts('start')).toHaveLength(1);
  });

  it('is confirmed only by a NEW recording, not by the old one still running', async () => {
    const { clock, controller } = await setup({ state: 'recording', applyDelayMs: 2_000 });
    const outcome = settle(clock, controller.press('start', { confirm: true }));
    await clock.advance(1_500);
    expect(controller.getSnapshot().pending).toMatchObject({ action: 'start', phase: 'confirming' });
    expect(await outcome).toMatchObject({ status: 'confirmed' });
    expect(controller.actionLog()[0]).toMatchObject({ recordingId: 'rec-2' });
  });

  it('disarms when the recording stops meanwhile (the warning would no longer be true)', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    await controller.press('start');
    fake.setState('not_recording');
    await controller.refresh();
    expect(controller.getSnapshot().armed).toBeNull();
    await clock.advance(100);
    expect(await settle(clock, controller.press('start'))).toMatchObject({ status: 'confirmed' });
  });
});

describe('RecordingController — errors', () => {
  it('reuses the idempotency key across the client retries after 429', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', retries: 4 });
    fake.script('pause', rateLimited(), rateLimited());
    expect(await settle(clock, controller.press('pause'))).toMatchObject({ status: 'confirmed' });
    const posts = fake.posts('pause');
    expect(posts.map((p) => p.result)).toEqual(['rate_limited', 'rate_limited', 'ok']);
    expect(new Set(posts.map((p) => p.idempotencyKey))).toEqual(new Set(['key-1']));
    expect(fake.applied).toHaveLength(1);
  });

  it('surfaces 429 as a rate_limited error with its message once the client gives up', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', retries: 1 });
    fake.script('pause', rateLimited(20_000), rateLimited(20_000));
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('rate_limited');
    expect(outcome.error.message).toBe("Recall's rate limit was reached (429) — try again in 20 s");
    expect(outcome.error.retryAfterMs).toBe(20_000);
    expect(fake.posts('pause').map((p) => p.idempotencyKey)).toEqual(['key-1', 'key-1']);
    expect(fake.applied).toHaveLength(0);
    expect(controller.getSnapshot()).toMatchObject({ live: 'recording', pending: null, lastError: { kind: 'rate_limited', action: 'pause' } });
  });

  it('surfaces a 5xx as a server error, and a later success clears it', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    fake.script('stop', serverError(503));
    const outcome = await settle(clock, controller.press('stop'));
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'server', message: 'Recall is temporarily unavailable (503) — try again shortly', status: 503 } });
    expect(controller.getSnapshot().lastError?.message).toContain('503');
    expect(controller.actionLog()[0]).toMatchObject({ outcome: 'failed', errorKind: 'server' });
    await settle(clock, controller.press('stop'));
    expect(controller.getSnapshot().lastError).toBeNull();
  });

  it("passes Recall's wrong_state through and shows the real state afterwards", async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    fake.setState('paused');
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'wrong_state' } });
    if (outcome.status === 'failed') expect(outcome.error.message).toContain('not recording');
    expect(controller.getSnapshot().live).toBe('paused');
  });

  it('times out after 10 s when the new state never shows, with the last state seen', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    fake.neverApply = true;
    const outcome = await settle(clock, controller.press('pause'), 20_000);
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('unconfirmed');
    expect(outcome.error.lastSeen).toBe('recording');
    expect(outcome.error.message).toBe('Pause was sent but not confirmed within 10 s — the bot still reports recording');
    expect(clock.now() - T0).toBeGreaterThanOrEqual(10_000);
    expect(clock.now() - T0).toBeLessThan(11_000);
    const gets = fake.gets();
    expect(gets.length).toBeGreaterThan(5);
    expect(gets.length).toBeLessThanOrEqual(15);
    expect(fake.posts()).toHaveLength(1);
  });

  it('says no new recording appeared when an overwriting Start never shows', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    fake.neverApply = true;
    const outcome = await settle(clock, controller.press('start', { confirm: true }), 20_000);
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'unconfirmed', message: 'Start was sent but not confirmed within 10 s — no new recording has appeared yet' } });
  });

  it('says why when confirmation reads keep failing', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' }, { confirmTimeoutMs: 3_000 });
    fake.neverApply = true;
    fake.script('get', ...Array.from({ length: 30 }, () => networkError()));
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'unconfirmed' } });
    if (outcome.status === 'failed') expect(outcome.error.message).toMatch(/^Pause was sent but could not be confirmed within 3 s: Connection to fake.recall was refused/);
    expect(controller.getSnapshot().refreshError?.kind).toBe('network');
  });

  it('fails fast when the bot leaves before the pause shows', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 5_000 });
    const outcome = settle(clock, controller.press('pause'));
    await clock.advance(400);
    fake.setState('ended');
    expect(await outcome).toMatchObject({ status: 'failed', error: { kind: 'bot_ended', lastSeen: 'ended', message: 'The bot left the call before the pause was confirmed' } });
    expect(clock.now() - T0).toBeLessThan(2_000);
  });

  it('fails a press whose state check cannot read the bot, with the read error', async () => {
    const { clock, fake, controller } = await setup({ state: 'not_recording' });
    await clock.advance(5_000);
    fake.script('get', networkError());
    const outcome = await settle(clock, controller.press('pause'));
    expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    expect(fake.posts()).toHaveLength(0);
  });
});

describe('RecordingController — reads, snapshots, clock', () => {
  it('shares one GET between concurrent refreshes', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', latencyMs: 200 });
    const a = controller.refresh();
    const b = controller.refresh();
    expect(b).toBe(a);
    await clock.advance(200);
    await Promise.all([a, b]);
    expect(fake.gets()).toHaveLength(1);
    void controller.refresh();
    await clock.advance(200);
    expect(fake.gets()).toHaveLength(2);
  });

  it('publishes deep-frozen snapshots', async () => {
    const { controller } = await setup({ state: 'recording' });
    const snapshot = controller.getSnapshot();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.bot)).toBe(true);
    expect(Object.isFrozen(snapshot.bot?.status_changes[0])).toBe(true);
    expect(() => {
      (snapshot.bot as { bot_name?: string }).bot_name = 'x';
    }).toThrow(TypeError);
  });

  it('stops notifying after unsubscribe', async () => {
    const { fake, controller } = await setup({ state: 'recording' });
    const seen: ControllerSnapshot[] = [];
    const off = controller.subscribe((s) => seen.push(s));
    await controller.refresh();
    off();
    await controller.refresh();
    expect(seen).toHaveLength(1);
    expect(fake.gets()).toHaveLength(2);
  });

  it('keeps going when a listener throws, and reports it', async () => {
    const errors: unknown[] = [];
    const { controller } = await setup({ state: 'recording' }, { onListenerError: (e) => errors.push(e) });
    controller.subscribe(() => {
      throw new Error('boom');
    });
    await controller.refresh();
    expect(errors).toHaveLength(1);
    expect(controller.getSnapshot().live).toBe('recording');
  });

  it('counts recorded time without the paused span and exposes a tickable clock', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording' });
    await clock.advance(60_000);
    await settle(clock, controller.press('pause'));
    // The fake applies a command when it receives it: Recall's timestamps are the request times.
    const pausedAt = controller.actionLog()[0]!.requestedAt!;
    await clock.advance(30_000);
    await controller.refresh();
    let snapshot = controller.getSnapshot();
    expect(snapshot.live).toBe('paused');
    expect(snapshot.recordedMs).toBe(pausedAt - T0);
    expect(snapshot.recordingClock?.runningSince).toBeNull();
    await settle(clock, controller.press('resume'));
    const resumedAt = controller.actionLog()[1]!.requestedAt!;
    await clock.advance(10_000);
    await controller.refresh();
    snapshot = controller.getSnapshot();
    const expected = pausedAt - T0 + (clock.now() - resumedAt);
    expect(snapshot.recordedMs).toBe(expected);
    expect(snapshot.recordingClock?.runningSince).toBe(clock.now());
    expect(readRecordingClock(snapshot.recordingClock, clock.now() + 5_000)).toBe(expected + 5_000);
    expect(controller.pauseSpans()).toEqual([{ pausedAt, resumedAt }]);
    expect(fake.posts().map((p) => p.op)).toEqual(['pause', 'resume']);
  });

  it('resolves waiting presses as aborted on dispose', async () => {
    const { clock, fake, controller } = await setup({ state: 'recording', applyDelayMs: 5_000 });
    const pause = controller.press('pause');
    const stop = controller.press('stop');
    await clock.advance(100);
    controller.dispose();
    expect(await pause).toMatchObject({ status: 'failed', error: { kind: 'aborted' } });
    expect(await stop).toMatchObject({ status: 'failed', error: { kind: 'aborted' } });
    expect(await controller.press('pause')).toMatchObject({ status: 'failed', error: { kind: 'aborted' } });
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
    await clock.advance(20_000);
    await flush();
  });

  it('shows a bot passed at construction without reading it', async () => {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'paused' });
    const controller = new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock, initialBot: fake.snapshotBot() });
    expect(controller.getSnapshot()).toMatchObject({ live: 'paused', lastRefreshAt: null });
    expect(fake.gets()).toHaveLength(0);
  });
});
