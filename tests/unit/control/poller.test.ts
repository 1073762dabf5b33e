import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVALS, Poller, pollIntervalMs } from '../../../electron/core/control/poller';
import type { PollTarget } from '../../../electron/core/control/poller';
import { RecordingController } from '../../../electron/core/control/controller';
import type { ActionOutcome } from '../../../electron/core/control/controller';
import type { LiveRecordingState } from '../../../electron/core/recall';
import { FakeClock, FakeRecall, T0, rateLimited, serverError } from './fakes';

describe('pollIntervalMs', () => {
  const table: Array<[LiveRecordingState | null, boolean, number]> = [
    ['recording', true, 1_000],
    ['paused', true, 1_000],
    ['recording', false, 3_000],
    ['paused', false, 3_000],
    ['not_recording', false, 3_000],
    ['unknown', false, 3_000],
    ['joining', false, 5_000],
    ['ended', false, 60_000],
    ['fatal', false, 60_000],
    [null, false, 1_000],
  ];
  for (const [live, pending, expected] of table) {
    it(`${String(live)}${pending ? ' with an action pending' : ''}: ${expected} ms`, () => {
      expect(pollIntervalMs({ live, pending, consecutiveErrors: 0 })).toBe(expected);
    });
  }

  it('keeps a bot in a call within 30 reads per minute, far below Recall’s 300', () => {
    for (const live of ['recording', 'paused', 'not_recording', 'unknown'] as const) {
      expect(60_000 / pollIntervalMs({ live, pending: false, consecutiveErrors: 0 })).toBeLessThanOrEqual(30);
    }
    expect(60_000 / pollIntervalMs({ live: 'joining', pending: false, consecutiveErrors: 0 })).toBeLessThanOrEqual(12);
    expect(60_000 / pollIntervalMs({ live: 'ended', pending: false, consecutiveErrors: 0 })).toBeLessThanOrEqual(1);
  });

  it('backs off exponentially on errors, capped at 60 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => pollIntervalMs({ live: 'recording', pending: false, consecutiveErrors: n }));
    expect(delays).toEqual([3_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('honours Retry-After, even beyond the backoff cap', () => {
    expect(pollIntervalMs({ live: 'recording', pending: false, consecutiveErrors: 1, retryAfterMs: 12_000 })).toBe(12_000);
    expect(pollIntervalMs({ live: 'recording', pending: false, consecutiveErrors: 1, retryAfterMs: 90_000 })).toBe(90_000);
    expect(pollIntervalMs({ live: 'recording', pending: false, consecutiveErrors: 4, retryAfterMs: 1_000 })).toBe(16_000);
  });

  it('accepts custom intervals', () => {
    expect(pollIntervalMs({ live: 'recording', pending: false, consecutiveErrors: 0 }, { ...DEFAULT_POLL_INTERVALS, inCallMs: 2_000 })).toBe(2_000);
  });
});

/** A target whose reads are answered by the test. */
class ScriptedTarget implements PollTarget {
  readonly botId = 'bot-1';
  readonly calls: number[] = [];
  live: LiveRecordingState | null = 'recording';
  pending: { action: string } | null = null;
  private listeners = new Set<() => void>();
  private answers: Array<() => Promise<unknown>> = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly clock: FakeClock) {}

  answerNext(...answers: Array<() => Promise<unknown>>): void {
    this.answers.push(...answers);
  }

  async refresh(): Promise<unknown> {
    this.calls.push(this.clock.now() - T0);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const answer = this.answers.shift();
      return answer ? await answer() : undefined;
    } finally {
      this.inFlight--;
    }
  }

  getSnapshot() {
    return { live: this.live, pending: this.pending };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const l of this.listeners) l();
  }

  listenerCount(): number {
    return this.listeners.size;
  }
}

function setup() {
  const clock = new FakeClock();
  const target = new ScriptedTarget(clock);
  const poller = new Poller({ clock, timers: clock });
  return { clock, target, poller };
}

describe('Poller', () => {
  it('reads at once on selection, then every 3 s in a call', async () => {
    const { clock, target, poller } = setup();
    poller.select(target);
    await clock.advance(9_500);
    expect(target.calls).toEqual([0, 3_000, 6_000, 9_000]);
  });

  it('reads every 5 s while joining and slows down to 60 s once ended', async () => {
    const { clock, target, poller } = setup();
    target.live = 'joining';
    poller.select(target);
    await clock.advance(16_000);
    expect(target.calls).toEqual([0, 5_000, 10_000, 15_000]);
    target.live = 'ended';
    await clock.advance(150_000);
    expect(target.calls).toEqual([0, 5_000, 10_000, 15_000, 20_000, 80_000, 140_000]);
  });

  it('reads within 1 s once an action becomes pending', async () => {
    const { clock, target, poller } = setup();
    poller.select(target);
    await clock.advance(500);
    target.pending = { action: 'pause' };
    target.emit();
    await clock.advance(2_100);
    expect(target.calls).toEqual([0, 1_500, 2_500]);
  });

  it('never has two reads in flight', async () => {
    const { clock, target, poller } = setup();
    let release!: () => void;
    target.answerNext(() => new Promise<void>((r) => (release = r)));
    poller.select(target);
    target.pending = { action: 'pause' };
    target.emit();
    await clock.advance(30_000);
    poller.pollNow();
    await clock.advance(30_000);
    expect(target.calls).toEqual([0]);
    release();
    await clock.advance(1_000);
    expect(target.calls).toEqual([0, 61_000]);
    expect(target.maxInFlight).toBe(1);
  });

  it('backs off on consecutive errors and recovers after a success', async () => {
    const { clock, target, poller } = setup();
    const fail = () => Promise.reject(serverError(502));
    target.answerNext(fail, fail, fail);
    poller.select(target);
    await clock.advance(30_000);
    expect(target.calls).toEqual([0, 3_000, 7_000, 15_000, 18_000, 21_000, 24_000, 27_000, 30_000]);
    expect(poller.status().consecutiveErrors).toBe(0);
  });

  it('waits the Retry-After of a 429 before reading again', async () => {
    const { clock, target, poller } = setup();
    target.answerNext(() => Promise.reject(rateLimited(45_000)));
    poller.select(target);
    await clock.advance(44_999);
    expect(target.calls).toEqual([0]);
    await clock.advance(1);
    expect(target.calls).toEqual([0, 45_000]);
  });

  it('stops when no bot is selected, even with a read in flight', async () => {
    const { clock, target, poller } = setup();
    let release!: () => void;
    target.answerNext(() => new Promise<void>((r) => (release = r)));
    poller.select(target);
    await clock.advance(100);
    poller.select(null);
    release();
    await clock.advance(120_000);
    expect(target.calls).toEqual([0]);
    expect(target.listenerCount()).toBe(0);
    expect(poller.status()).toEqual({ botId: null, inFlight: false, consecutiveErrors: 0, nextAt: null });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('switches to the newly selected bot', async () => {
    const { clock, target, poller } = setup();
    const other = new ScriptedTarget(clock);
    poller.select(target);
    await clock.advance(3_500);
    poller.select(other);
    await clock.advance(3_500);
    expect(target.calls).toEqual([0, 3_000]);
    expect(other.calls).toEqual([3_500, 6_500]);
  });
});

describe('Poller with a controller', () => {
  it('shares reads with the confirmation loop: at most one GET in flight for the bot', async () => {
    const clock = new FakeClock();
    const fake = new FakeRecall(clock, { state: 'recording', latencyMs: 120, applyDelayMs: 2_500 });
    const controller = new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock });
    const poller = new Poller({ clock, timers: clock });
    poller.select(controller);
    await clock.advance(4_000);
    let outcome: ActionOutcome | undefined;
    void controller.press('pause').then((o) => (outcome = o));
    await clock.advance(6_000);
    expect(outcome).toMatchObject({ status: 'confirmed', action: 'pause' });
    expect(fake.maxConcurrentGets).toBe(1);
    const gets = fake.gets().length;
    await clock.advance(60_000);
    expect(fake.gets().length - gets).toBeLessThanOrEqual(20);
    poller.stop();
  });
});
