// The recording controller of ONE bot: live state read from Recall plus a pending overlay,
// serialized presses that end in a confirmed state or a specific error, the start-overwrite
// guard, the action log, and immutable snapshots for the tray, the window and notifications.
import { describeState, latestRecording, liveRecordingState } from '../recall';
import type { Bot, CallOptions, LiveRecordingState, RecordingConfigInput } from '../recall';
import { ACTION_DONE, ACTION_LABELS, OVERWRITE_WARNING, confirmationOf, decideAction, targetStateOf } from './actions';
import type { ControlAction, Decision, PressAction, RefusalCode } from './actions';
import { ActionLog, pauseSpansFromLog, recordingStatusTransition, statusTransitionsFromBot } from './action-log';
import type { ActionLogEntry, PauseSpan, StatusTransition } from './action-log';
import { systemClock, systemTimers, wait } from './clock';
import type { Clock, TimerHandle, Timers } from './clock';
import { ControlError, toControlError } from './control-error';
import type { ControlErrorKind } from './control-error';
import { recordingClockOf } from './recording-clock';
import type { RecordingClock } from './recording-clock';

/** The part of RecallClient the controller uses (tests pass an in-memory fake). */
export interface ControlClient {
  getBot(botId: string, options?: CallOptions): Promise<Bot>;
  pauseRecording(botId: string, options?: CallOptions): Promise<Bot>;
  resumeRecording(botId: string, options?: CallOptions): Promise<Bot>;
  startRecording(botId: string, config?: RecordingConfigInput, options?: CallOptions): Promise<Bot>;
  stopRecording(botId: string, options?: CallOptions): Promise<Bot>;
  leaveCall(botId: string, options?: CallOptions): Promise<Bot>;
}

/**
 * Start Recording's body is a FLAT config whose omitted fields take the endpoint's defaults, not
 * the bot's (recall-api.md §5.3): the app re-sends what it relies on, the mixed MP4 above all.
 */
export const DEFAULT_START_CONFIG: RecordingConfigInput = Object.freeze({
  video_mixed_mp4: {},
  participant_events: {},
  meeting_metadata: {},
});

/** Re-read delays after a sent action; the last one repeats until the confirmation timeout. */
export const DEFAULT_CONFIRM_DELAYS_MS: readonly number[] = [150, 300, 600, 1000];

export interface RecordingControllerOptions {
  botId: string;
  client: ControlClient;
  clock?: Clock;
  timers?: Timers;
  /** One key per press; default crypto.randomUUID. */
  newIdempotencyKey?: () => string;
  /** The config Start sends, read at each Start (so settings changes apply). */
  startConfig?: RecordingConfigInput | (() => RecordingConfigInput);
  /** How long a sent action may take to show in the bot's state. Default 10 000 ms. */
  confirmTimeoutMs?: number;
  confirmDelaysMs?: readonly number[];
  /** How long a first Start press (while recording) stays armed. Default 3000 ms. */
  armWindowMs?: number;
  /**
   * A press the known state would refuse is re-checked with a fresh read when that state is
   * older than this (default 2000 ms), so a slow poll never refuses a valid press.
   */
  staleAfterMs?: number;
  /** Entries kept in the action log. Default 500. */
  logLimit?: number;
  /** A bot already read (e.g. by the bot picker): the first snapshot shows it at once. */
  initialBot?: Bot;
  /** A listener threw: reported here (default console.error); the controller carries on. */
  onListenerError?: (error: unknown) => void;
}

export interface PressOptions {
  /** Explicit confirmation from the window: Start may overwrite the current recording. */
  confirm?: boolean;
}

export type PendingPhase = 'checking' | 'sending' | 'confirming';

export interface PendingState {
  /** The resolved action; the pressed one (maybe `toggle-pause`) while still `checking`. */
  readonly action: PressAction;
  readonly since: number;
  readonly phase: PendingPhase;
  /** The state a confirmation will show (null when not known yet). */
  readonly target: LiveRecordingState | null;
}

export interface ArmedState {
  readonly action: 'start';
  readonly until: number;
  readonly message: string;
}

export interface ErrorInfo {
  readonly kind: ControlErrorKind;
  readonly message: string;
  readonly at: number;
  readonly action: ControlAction | null;
}

export interface ControllerSnapshot {
  readonly botId: string;
  /** The last bot read from Recall (deep-frozen); null before the first read. */
  readonly bot: Bot | null;
  /** Live state derived from `bot` (recall-api.md §9.6); null before the first read. */
  readonly live: LiveRecordingState | null;
  readonly pending: PendingState | null;
  /** Presses waiting behind `pending`, in order. */
  readonly queued: readonly PressAction[];
  readonly armed: ArmedState | null;
  /** The last failed action; cleared by the next confirmed one. */
  readonly lastError: ErrorInfo | null;
  /** Why the last read failed; cleared by the next successful read. */
  readonly refreshError: ErrorInfo | null;
  readonly lastConfirmedAt: number | null;
  readonly lastRefreshAt: number | null;
  /** Recorded time of the latest recording at `at`, paused spans excluded. */
  readonly recordedMs: number;
  /** Same, as a clock the UI ticks locally (readRecordingClock). */
  readonly recordingClock: RecordingClock | null;
  /** When this snapshot was taken. */
  readonly at: number;
}

export type ActionOutcome =
  | { readonly status: 'confirmed'; readonly pressed: PressAction; readonly action: ControlAction; readonly live: LiveRecordingState; readonly at: number; readonly message: string }
  /** Nothing was sent: the action makes no sense in the current state. */
  | { readonly status: 'refused'; readonly pressed: PressAction; readonly code: RefusalCode; readonly reason: string }
  /** Start while recording: nothing was sent; press again before `until` (or confirm) to overwrite. */
  | { readonly status: 'armed'; readonly pressed: PressAction; readonly action: 'start'; readonly until: number; readonly message: string }
  | { readonly status: 'failed'; readonly pressed: PressAction; readonly action: ControlAction | null; readonly error: ControlError };

type Listener = (snapshot: ControllerSnapshot) => void;

interface Job {
  readonly pressed: PressAction;
  confirm: boolean;
  readonly pressedAt: number;
  readonly logSeq: number;
  readonly promise: Promise<ActionOutcome>;
  readonly resolve: (outcome: ActionOutcome) => void;
  /** Resolved action once decided. */
  action: ControlAction | null;
}

/** Refresh errors after which re-reading cannot succeed: stop confirming at once. */
const HOPELESS_READ: ReadonlySet<ControlErrorKind> = new Set(['auth', 'payment', 'blocked', 'not_found', 'aborted']);
/** Failures of a sent action after which Recall may still have applied it. */
const MAYBE_APPLIED: ReadonlySet<ControlErrorKind> = new Set(['server', 'network', 'timeout', 'conflict', 'invalid_response']);
const OBSERVED_LIMIT = 200;
const DISPOSED = 'Cancelled: this bot is no longer being controlled';
/** The read at the deadline still gets this long to answer. */
const FINAL_READ_GRACE_MS = 1_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Policies (every press ends in exactly one ActionOutcome; `press` never rejects):
 * - A press shows as `pending` synchronously, before any await.
 * - One action at a time per bot. The same action pressed again while pending or queued returns
 *   the same promise (nothing is sent twice); toggle-pause coalesces with a pending pause/resume.
 * - A different action pressed meanwhile is queued and decided against the state confirmed when
 *   its turn comes (so "pause, then stop" works; "pause, then pause-toggle" does not undo it).
 * - A press the state makes meaningless sends nothing and says why; when the known state is
 *   stale it is re-read first. Start while recording/paused arms for `armWindowMs` instead;
 *   a second Start press in that window (or `confirm: true`) sends it.
 * - A sent action carries one Idempotency-Key, then the bot is re-read at once and after
 *   each confirm delay until its new state shows or `confirmTimeoutMs` passes.
 */
export class RecordingController {
  readonly botId: string;
  private readonly client: ControlClient;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly newKey: () => string;
  private readonly startConfig: () => RecordingConfigInput;
  private readonly confirmTimeoutMs: number;
  private readonly confirmDelaysMs: readonly number[];
  private readonly armWindowMs: number;
  private readonly staleAfterMs: number;
  private readonly onListenerError: (error: unknown) => void;
  private readonly log: ActionLog;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<Listener>();

  private bot: Bot | null = null;
  private observed: StatusTransition[] = [];
  private current: Job | null = null;
  private queue: Job[] = [];
  private pending: PendingState | null = null;
  private armed: ArmedState | null = null;
  private armTimer: TimerHandle | null = null;
  private lastError: ErrorInfo | null = null;
  private refreshError: ErrorInfo | null = null;
  private lastConfirmedAt: number | null = null;
  private lastRefreshAt: number | null = null;
  private inflight: Promise<Bot> | null = null;
  private snapshot: ControllerSnapshot | null = null;
  private disposed = false;

  constructor(opts: RecordingControllerOptions) {
    this.botId = opts.botId;
    this.client = opts.client;
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
    this.newKey = opts.newIdempotencyKey ?? (() => globalThis.crypto.randomUUID());
    const config = opts.startConfig ?? DEFAULT_START_CONFIG;
    this.startConfig = typeof config === 'function' ? config : () => config;
    this.confirmTimeoutMs = opts.confirmTimeoutMs ?? 10_000;
    this.confirmDelaysMs = opts.confirmDelaysMs && opts.confirmDelaysMs.length > 0 ? opts.confirmDelaysMs : DEFAULT_CONFIRM_DELAYS_MS;
    this.armWindowMs = opts.armWindowMs ?? 3_000;
    this.staleAfterMs = opts.staleAfterMs ?? 2_000;
    this.onListenerError = opts.onListenerError ?? ((error) => console.error('recording controller listener failed:', error));
    this.log = new ActionLog(opts.logLimit ?? 500);
    if (opts.initialBot) this.acceptBot(opts.initialBot, null);
  }

  getSnapshot(): ControllerSnapshot {
    this.snapshot ??= this.buildSnapshot();
    return this.snapshot;
  }

  /** Calls `listener` with every new snapshot; returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The action log, oldest first (immutable). */
  actionLog(): readonly ActionLogEntry[] {
    return this.log.list();
  }

  /** Recording status changes seen by reads, stamped with Recall's `updated_at`. */
  observedTransitions(): readonly StatusTransition[] {
    return Object.freeze([...this.observed]);
  }

  /** Pause spans of a recording (default: the latest) from Recall's history and this log. */
  pauseSpans(recordingId?: string): PauseSpan[] {
    const id = recordingId ?? (this.bot ? latestRecording(this.bot)?.id : undefined);
    if (id === undefined) return [];
    return this.spansFor(id, this.clock.now());
  }

  /**
   * Reads the bot now. Single-flight: while a read is in flight every caller (poller,
   * confirmation, window) shares it, so at most one GET per bot is ever outstanding.
   * Rejects with the client's RecallError; the snapshot's `refreshError` says the same.
   */
  refresh(): Promise<Bot> {
    if (this.inflight) return this.inflight;
    if (this.disposed) return Promise.reject(new ControlError({ kind: 'aborted', message: DISPOSED, action: null }));
    const read = async (): Promise<Bot> => {
      try {
        const bot = await this.client.getBot(this.botId, { signal: this.abort.signal });
        if (!this.disposed) this.acceptBot(bot, this.clock.now());
        return bot;
      } catch (err) {
        if (!this.disposed) this.noteRefreshError(err);
        throw err;
      }
    };
    const flight: Promise<Bot> = read().finally(() => {
      if (this.inflight === flight) this.inflight = null;
    });
    this.inflight = flight;
    return flight;
  }

  /** Press an action. Never rejects: the outcome says confirmed, refused, armed or failed. */
  press(pressed: PressAction, options: PressOptions = {}): Promise<ActionOutcome> {
    const confirm = options.confirm ?? false;
    if (this.disposed) {
      const error = new ControlError({ kind: 'aborted', message: DISPOSED, action: null });
      return Promise.resolve({ status: 'failed', pressed, action: null, error });
    }
    const current = this.current;
    if (current && this.coalesces(current, pressed)) {
      // Still being checked: an explicit confirmation can still count.
      current.confirm ||= confirm;
      return current.promise;
    }
    const queued = this.queue.find((job) => job.pressed === pressed);
    if (queued) {
      queued.confirm ||= confirm;
      return queued.promise;
    }
    const job = this.newJob(pressed, confirm);
    if (this.current) {
      this.queue.push(job);
      this.changed();
    } else {
      this.begin(job);
    }
    return job.promise;
  }

  /** Cancels an armed Start (e.g. the user dismissed the warning). */
  disarm(): void {
    if (this.clearArm()) this.changed();
  }

  /** Stops everything: in-flight requests are aborted, waiting presses fail as 'aborted'. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    this.clearArm();
    const error = new ControlError({ kind: 'aborted', message: DISPOSED, action: null });
    for (const job of [...this.queue, ...(this.current ? [this.current] : [])]) {
      this.log.update(job.logSeq, { outcome: 'failed', errorKind: 'aborted', message: error.message, finishedAt: this.clock.now() });
      job.resolve({ status: 'failed', pressed: job.pressed, action: job.action, error });
    }
    this.queue = [];
    this.current = null;
    this.pending = null;
    this.changed();
    this.listeners.clear();
  }

  private coalesces(current: Job, pressed: PressAction): boolean {
    if (current.pressed === pressed || current.action === pressed) return true;
    return pressed === 'toggle-pause' && (current.action === 'pause' || current.action === 'resume');
  }

  private newJob(pressed: PressAction, confirm: boolean): Job {
    let resolve!: (outcome: ActionOutcome) => void;
    const promise = new Promise<ActionOutcome>((r) => {
      resolve = r;
    });
    const pressedAt = this.clock.now();
    const entry = this.log.add({
      pressed,
      action: null,
      idempotencyKey: null,
      pressedAt,
      requestedAt: null,
      respondedAt: null,
      confirmedAt: null,
      finishedAt: null,
      outcome: 'pending',
      errorKind: null,
      message: null,
      recordingId: null,
    });
    return { pressed, confirm, pressedAt, logSeq: entry.seq, promise, resolve, action: null };
  }

  /** Synchronous start of a job: decide, or show it as checking while the state is re-read. */
  private begin(job: Job): void {
    this.current = job;
    const decision = this.bot ? decideAction(liveRecordingState(this.bot), job.pressed) : null;
    const stale = this.lastRefreshAt === null || this.clock.now() - this.lastRefreshAt > this.staleAfterMs;
    // A refusal, or the direction of a toggle, must not rest on an old reading.
    if (decision === null || (stale && (decision.kind === 'refuse' || job.pressed === 'toggle-pause'))) {
      this.setPending({ action: job.pressed, since: job.pressedAt, phase: 'checking', target: targetStateOf(job.pressed, this.live()) });
      void this.checkThenAct(job);
      return;
    }
    this.act(job, decision);
  }

  private async checkThenAct(job: Job): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.fail(job, toControlError(err, null, this.live()));
      return;
    }
    if (this.current !== job || !this.bot) return;
    this.act(job, decideAction(liveRecordingState(this.bot), job.pressed));
  }

  private act(job: Job, decision: Decision): void {
    if (decision.kind === 'refuse') {
      this.log.update(job.logSeq, { outcome: 'refused', message: decision.reason, finishedAt: this.clock.now() });
      this.finish(job, { status: 'refused', pressed: job.pressed, code: decision.code, reason: decision.reason });
      return;
    }
    if (decision.kind === 'needs_confirmation') {
      const armedNow = this.armed !== null && this.clock.now() < this.armed.until;
      if (!job.confirm && !armedNow) {
        const until = this.arm();
        this.log.update(job.logSeq, { action: 'start', outcome: 'armed', message: OVERWRITE_WARNING, finishedAt: this.clock.now() });
        this.finish(job, { status: 'armed', pressed: job.pressed, action: 'start', until, message: OVERWRITE_WARNING });
        return;
      }
      this.send(job, 'start');
      return;
    }
    this.send(job, decision.action);
  }

  /** Synchronous part of sending: the pending overlay shows before the request goes out. */
  private send(job: Job, action: ControlAction): void {
    job.action = action;
    this.clearArm();
    const key = this.newKey();
    this.log.update(job.logSeq, { action, idempotencyKey: key });
    this.setPending({ action, since: job.pressedAt, phase: 'sending', target: targetStateOf(action, this.live()) });
    void this.run(job, action, key);
  }

  private async run(job: Job, action: ControlAction, key: string): Promise<void> {
    const before = this.bot;
    this.log.update(job.logSeq, { requestedAt: this.clock.now() });
    try {
      await this.post(action, key);
    } catch (err) {
      const error = toControlError(err, action, this.live());
      if (this.disposed) return;
      this.log.update(job.logSeq, { respondedAt: this.clock.now() });
      // Recall said no: show the state it is really in before the next queued press is decided.
      if (error.kind === 'wrong_state') await this.refresh().catch(() => undefined);
      if (MAYBE_APPLIED.has(error.kind)) {
        const settled = await this.appliedAnyway(job, action, before, error);
        if (this.disposed) return;
        if (!(settled instanceof ControlError)) {
          this.confirmed(job, action, settled);
          return;
        }
        this.fail(job, settled);
        return;
      }
      this.fail(job, error);
      return;
    }
    if (this.disposed) return;
    this.log.update(job.logSeq, { respondedAt: this.clock.now() });
    this.setPending({ ...(this.pending ?? { action, since: job.pressedAt, target: targetStateOf(action, this.live()) }), phase: 'confirming' });
    const result = await this.confirm(action, before);
    if (this.disposed) return;
    if (result instanceof ControlError) {
      this.fail(job, result);
      return;
    }
    this.confirmed(job, action, result);
  }

  /**
   * The answer was lost, not necessarily the action: a 5xx or a dropped connection after Recall
   * applied it, a timeout, or our own earlier attempt still running (409). The bot's state
   * decides — one read, or the whole confirmation while the request is known to be in progress.
   */
  private async appliedAnyway(job: Job, action: ControlAction, before: Bot | null, error: ControlError): Promise<Bot | ControlError> {
    this.setPending({ ...(this.pending ?? { action, since: job.pressedAt, target: targetStateOf(action, this.live()) }), phase: 'confirming' });
    if (error.kind === 'conflict') return this.confirm(action, before);
    const read = await this.refresh().catch(() => null);
    return read !== null && confirmationOf(action, before, read) === 'confirmed' ? read : error;
  }

  private confirmed(job: Job, action: ControlAction, result: Bot): void {
    const at = this.clock.now();
    const live = liveRecordingState(result);
    const recordingId = latestRecording(result)?.id ?? null;
    this.log.update(job.logSeq, { outcome: 'confirmed', confirmedAt: at, finishedAt: at, message: ACTION_DONE[action], recordingId });
    this.lastConfirmedAt = at;
    this.lastError = null;
    this.finish(job, { status: 'confirmed', pressed: job.pressed, action, live, at, message: ACTION_DONE[action] });
  }

  private post(action: ControlAction, key: string): Promise<Bot> {
    const options: CallOptions = { idempotencyKey: key, signal: this.abort.signal };
    switch (action) {
      case 'pause':
        return this.client.pauseRecording(this.botId, options);
      case 'resume':
        return this.client.resumeRecording(this.botId, options);
      case 'start':
        return this.client.startRecording(this.botId, this.startConfig(), options);
      case 'stop':
        return this.client.stopRecording(this.botId, options);
      case 'leave':
        return this.client.leaveCall(this.botId, options);
    }
  }

  /** Re-reads at once, then after each confirm delay, until confirmed, hopeless or timed out. */
  private async confirm(action: ControlAction, before: Bot | null): Promise<Bot | ControlError> {
    const started = this.clock.now();
    const deadline = started + this.confirmTimeoutMs;
    let lastReadError: ControlError | null = null;
    for (let attempt = 0; ; attempt++) {
      const read = await this.readWithin(Math.max(deadline - this.clock.now(), FINAL_READ_GRACE_MS));
      if (this.disposed) return new ControlError({ kind: 'aborted', message: DISPOSED, action });
      if (read instanceof ControlError) {
        if (HOPELESS_READ.has(read.kind)) return read;
        lastReadError = read;
      } else if (read !== null) {
        lastReadError = null;
        const state = confirmationOf(action, before, read);
        if (state === 'confirmed') return read;
        if (state === 'bot_left') {
          return new ControlError({
            kind: 'bot_ended',
            message: `The bot left the call before the ${ACTION_LABELS[action].toLowerCase()} was confirmed`,
            action,
            lastSeen: liveRecordingState(read),
          });
        }
      }
      const left = deadline - this.clock.now();
      if (left <= 0) return this.unconfirmed(action, lastReadError);
      const delay = this.confirmDelaysMs[Math.min(attempt, this.confirmDelaysMs.length - 1)] ?? 1000;
      await wait(this.timers, Math.min(delay, left), this.abort.signal);
    }
  }

  private unconfirmed(action: ControlAction, lastReadError: ControlError | null): ControlError {
    const label = ACTION_LABELS[action];
    const lastSeen = this.live();
    const within = `${label} was sent but not confirmed within ${seconds(this.confirmTimeoutMs)}`;
    let message: string;
    if (lastReadError) message = `${label} was sent but could not be confirmed within ${seconds(this.confirmTimeoutMs)}: ${lastReadError.message}`;
    else if (action === 'start' && lastSeen === 'recording') message = `${within} — no new recording has appeared yet`;
    else message = `${within} — the bot still reports ${lastSeen ? describeState(lastSeen) : 'no state'}`;
    return new ControlError({ kind: 'unconfirmed', message, action, lastSeen });
  }

  /** One shared read, given up on (not aborted: others may share it) after `limitMs`. */
  private async readWithin(limitMs: number): Promise<Bot | ControlError | null> {
    let timer: TimerHandle | null = null;
    const timeout = new Promise<null>((resolve) => {
      timer = this.timers.setTimeout(() => resolve(null), limitMs);
    });
    const read = this.refresh().then(
      (bot) => bot,
      (err: unknown) => toControlError(err, null, this.live()),
    );
    try {
      return await Promise.race([read, timeout]);
    } finally {
      if (timer !== null) this.timers.clearTimeout(timer);
    }
  }

  private fail(job: Job, error: ControlError): void {
    if (this.disposed) return;
    const at = this.clock.now();
    this.lastError = { kind: error.kind, message: error.message, at, action: error.action ?? job.action };
    this.log.update(job.logSeq, { outcome: 'failed', errorKind: error.kind, message: error.message, finishedAt: at, recordingId: this.currentRecordingId() });
    this.finish(job, { status: 'failed', pressed: job.pressed, action: job.action, error });
  }

  /** Settles the job, then starts the next queued one (synchronously: its pending shows at once). */
  private finish(job: Job, outcome: ActionOutcome): void {
    if (this.current !== job) return;
    this.current = null;
    this.pending = null;
    job.resolve(outcome);
    const next = this.queue.shift();
    if (next) {
      this.begin(next);
    } else {
      this.changed();
    }
  }

  private arm(): number {
    this.clearArm();
    const until = this.clock.now() + this.armWindowMs;
    this.armed = { action: 'start', until, message: OVERWRITE_WARNING };
    this.armTimer = this.timers.setTimeout(() => {
      this.armTimer = null;
      if (this.armed?.until === until) {
        this.armed = null;
        this.changed();
      }
    }, this.armWindowMs);
    return until;
  }

  private clearArm(): boolean {
    if (this.armTimer !== null) this.timers.clearTimeout(this.armTimer);
    this.armTimer = null;
    const was = this.armed !== null;
    this.armed = null;
    return was;
  }

  private setPending(pending: PendingState): void {
    this.pending = pending;
    this.changed();
  }

  private live(): LiveRecordingState | null {
    return this.bot ? liveRecordingState(this.bot) : null;
  }

  private currentRecordingId(): string | null {
    return this.bot ? (latestRecording(this.bot)?.id ?? null) : null;
  }

  private acceptBot(bot: Bot, readAt: number | null): void {
    const frozen = deepFreeze(structuredClone(bot));
    this.bot = frozen;
    const now = this.clock.now();
    if (readAt !== null) {
      this.lastRefreshAt = readAt;
      this.refreshError = null;
    }
    const recording = latestRecording(frozen);
    const transition = recording ? recordingStatusTransition(recording, now) : null;
    if (transition) {
      const last = [...this.observed].reverse().find((t) => t.recordingId === transition.recordingId);
      if (!last || last.state !== transition.state) this.observed = [...this.observed, Object.freeze(transition)].slice(-OBSERVED_LIMIT);
    }
    const live = liveRecordingState(frozen);
    // Start no longer overwrites anything once the recording is gone: the warning would lie.
    if (this.armed && live !== 'recording' && live !== 'paused') this.clearArm();
    this.changed();
  }

  private noteRefreshError(err: unknown): void {
    const error = toControlError(err, null, this.live());
    if (error.kind === 'aborted') return;
    this.refreshError = { kind: error.kind, message: error.message, at: this.clock.now(), action: null };
    this.changed();
  }

  /**
   * Spans from Recall's own timestamps (status history, recording status) — one clock, the same
   * as `started_at`. The local log only fills in a pause Recall's history does not show yet.
   */
  private spansFor(recordingId: string, now: number): PauseSpan[] {
    const server = this.bot ? [...statusTransitionsFromBot(this.bot), ...this.observed] : [...this.observed];
    const spans = pauseSpansFromLog(server, recordingId);
    const latest = this.bot ? latestRecording(this.bot) : null;
    const paused = this.live() === 'paused' && latest?.id === recordingId;
    if (!paused || spans.some((s) => s.resumedAt === null)) return spans;
    const local = pauseSpansFromLog(this.log.list(), recordingId).filter((s) => s.resumedAt === null);
    return [...spans, local.at(-1) ?? { pausedAt: now, resumedAt: null }];
  }

  private buildSnapshot(): ControllerSnapshot {
    const at = this.clock.now();
    const bot = this.bot;
    const live = this.live();
    const recording = bot ? latestRecording(bot) : null;
    const recordingClock = recording ? recordingClockOf(recording, this.spansFor(recording.id, at), live === 'recording', at) : null;
    return Object.freeze({
      botId: this.botId,
      bot,
      live,
      pending: this.pending && Object.freeze({ ...this.pending }),
      queued: Object.freeze(this.queue.map((job) => job.pressed)),
      armed: this.armed && Object.freeze({ ...this.armed }),
      lastError: this.lastError && Object.freeze({ ...this.lastError }),
      refreshError: this.refreshError && Object.freeze({ ...this.refreshError }),
      lastConfirmedAt: this.lastConfirmedAt,
      lastRefreshAt: this.lastRefreshAt,
      recordedMs: recordingClock ? recordingClock.baseMs : 0,
      recordingClock,
      at,
    });
  }

  private changed(): void {
    this.snapshot = null;
    if (this.listeners.size === 0) return;
    const snapshot = this.getSnapshot();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
