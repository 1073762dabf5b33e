// Polls the selected bot's state on a budget: fast while an action is pending, every few seconds
// in a call, slowly while joining or ended, backing off on errors and honouring Retry-After.
// One read in flight at a time, shared with the controller's confirmation (single-flight refresh).
import type { LiveRecordingState } from '../recall';
import { systemClock, systemTimers } from './clock';
import type { Clock, TimerHandle, Timers } from './clock';

export interface PollIntervals {
  /** While an action waits for confirmation. */
  pendingMs: number;
  /** In a call (recording, paused, not recording, or a status this app does not know). */
  inCallMs: number;
  /** Joining or in the waiting room: nothing to control yet, but the user is waiting to see it join. */
  joiningMs: number;
  /** Call ended or bot failed: the state only changes through media processing. */
  endedMs: number;
  /** First delay after a failed read; doubles per consecutive failure. */
  errorBaseMs: number;
  /** Cap of the error backoff (a longer Retry-After is still honoured). */
  maxBackoffMs: number;
}

/**
 * Recall allows 300 Retrieve Bot calls per minute per workspace (recall-api.md §8.3) and calls
 * status polling a fallback (§9.5): in a call this is 20 reads/min, a joining bot 12/min, an ended bot 1/min.
 */
export const DEFAULT_POLL_INTERVALS: Readonly<PollIntervals> = Object.freeze({
  pendingMs: 1_000,
  inCallMs: 3_000,
  joiningMs: 5_000,
  endedMs: 60_000,
  errorBaseMs: 2_000,
  maxBackoffMs: 60_000,
});

export interface PollInputs {
  /** Null before the first successful read. */
  live: LiveRecordingState | null;
  pending: boolean;
  consecutiveErrors: number;
  /** From the last error (RecallError.retryAfterMs on 429/503). */
  retryAfterMs?: number | null;
}

/** Delay before the next read. Pure: the whole polling budget is decided here. */
export function pollIntervalMs(inputs: PollInputs, intervals: Readonly<PollIntervals> = DEFAULT_POLL_INTERVALS): number {
  let base: number;
  if (inputs.pending) base = intervals.pendingMs;
  else if (inputs.live === null) base = intervals.pendingMs;
  else if (inputs.live === 'joining') base = intervals.joiningMs;
  else if (inputs.live === 'ended' || inputs.live === 'fatal') base = intervals.endedMs;
  else base = intervals.inCallMs;
  if (inputs.consecutiveErrors <= 0) return base;
  const exponent = Math.min(inputs.consecutiveErrors - 1, 16);
  const backoff = Math.min(intervals.maxBackoffMs, Math.max(base, intervals.errorBaseMs * 2 ** exponent));
  return Math.max(backoff, inputs.retryAfterMs ?? 0);
}

/** What the poller needs from a bot: the controller satisfies it. */
export interface PollTarget {
  readonly botId: string;
  refresh(): Promise<unknown>;
  getSnapshot(): { readonly live: LiveRecordingState | null; readonly pending: unknown };
  subscribe(listener: () => void): () => void;
}

export interface PollerOptions {
  clock?: Clock;
  timers?: Timers;
  intervals?: Partial<PollIntervals>;
}

export interface PollerStatus {
  botId: string | null;
  inFlight: boolean;
  consecutiveErrors: number;
  /** When the next read is due (epoch ms); null when stopped or a read is in flight. */
  nextAt: number | null;
}

function retryAfterOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null || !('retryAfterMs' in err)) return null;
  const value = err.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Polls whichever bot is selected; stopped while none is. */
export class Poller {
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly intervals: Readonly<PollIntervals>;
  private target: PollTarget | null = null;
  private unsubscribe: (() => void) | null = null;
  private generation = 0;
  private timer: TimerHandle | null = null;
  private nextAt: number | null = null;
  private inFlight = false;
  private consecutiveErrors = 0;
  private retryAfterMs: number | null = null;
  private wasPending = false;

  constructor(opts: PollerOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
    this.intervals = Object.freeze({ ...DEFAULT_POLL_INTERVALS, ...opts.intervals });
  }

  /**
   * Selects the bot to poll, or stops with null. A read starts at once, unless `justRead` says
   * the caller has just read the bot itself: then the first read waits its regular interval.
   */
  select(target: PollTarget | null, options: { justRead?: boolean } = {}): void {
    if (target === this.target) return;
    this.detach();
    if (!target) return;
    this.target = target;
    const snapshot = target.getSnapshot();
    this.wasPending = snapshot.pending != null;
    this.unsubscribe = target.subscribe(() => this.onTargetChange());
    this.schedule(options.justRead ? pollIntervalMs({ live: snapshot.live, pending: this.wasPending, consecutiveErrors: 0 }, this.intervals) : 0);
  }

  stop(): void {
    this.select(null);
  }

  /** Reads as soon as possible (e.g. the window was opened); a read in flight counts. */
  pollNow(): void {
    if (this.target && !this.inFlight) this.schedule(0);
  }

  status(): PollerStatus {
    return {
      botId: this.target?.botId ?? null,
      inFlight: this.inFlight,
      consecutiveErrors: this.consecutiveErrors,
      nextAt: this.nextAt,
    };
  }

  private detach(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.target = null;
    this.clearTimer();
    this.inFlight = false;
    this.consecutiveErrors = 0;
    this.retryAfterMs = null;
  }

  /** An action just became pending: read within `pendingMs` instead of the in-call interval. */
  private onTargetChange(): void {
    const target = this.target;
    if (!target) return;
    const pending = target.getSnapshot().pending != null;
    const started = pending && !this.wasPending;
    this.wasPending = pending;
    if (!started || this.inFlight || this.consecutiveErrors > 0) return;
    const due = this.clock.now() + this.intervals.pendingMs;
    if (this.nextAt === null || due < this.nextAt) this.schedule(this.intervals.pendingMs);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    const generation = this.generation;
    this.nextAt = this.clock.now() + delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.nextAt = null;
      if (generation === this.generation) void this.tick(generation);
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  private async tick(generation: number): Promise<void> {
    const target = this.target;
    if (!target || this.inFlight) return;
    this.inFlight = true;
    try {
      await target.refresh();
      if (generation !== this.generation) return;
      this.consecutiveErrors = 0;
      this.retryAfterMs = null;
    } catch (err) {
      if (generation !== this.generation) return;
      this.consecutiveErrors++;
      this.retryAfterMs = retryAfterOf(err);
    }
    this.inFlight = false;
    const snapshot = target.getSnapshot();
    this.schedule(
      pollIntervalMs(
        { live: snapshot.live, pending: snapshot.pending != null, consecutiveErrors: this.consecutiveErrors, retryAfterMs: this.retryAfterMs },
        this.intervals,
      ),
    );
  }
}
