// Test doubles for recording control: a manual clock with one-shot timers, and an in-memory
// Recall bot that behaves like the API (asynchronous state changes, wrong-state 400s,
// idempotency replay, client-style retries with one key) and records every request.
import { BotSchema, RecallError } from '../../../electron/core/recall';
import type { Bot, CallOptions, RecordingConfigInput } from '../../../electron/core/recall';
import type { Clock, Timers } from '../../../electron/core/control/clock';
import type { ControlClient } from '../../../electron/core/control/controller';

export const T0 = Date.parse('2025-06-01T10:00:00.000Z');

/** Let every promise chain settle (no fake timer runs). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock, Timers {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; seq: number; callback: () => void }>();

  constructor(start = T0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers in order and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    for (;;) {
      let next: [number, { at: number; seq: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at > target) continue;
        if (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq)) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
      await flush();
    }
    this.time = target;
    await flush();
  }
}

export type FakeState = 'joining' | 'not_recording' | 'recording' | 'paused' | 'ended';
export type Op = 'get' | 'pause' | 'resume' | 'start' | 'stop' | 'leave';

export interface RequestRecord {
  op: Op;
  at: number;
  attempt: number;
  idempotencyKey?: string;
  /** The start body. */
  config?: RecordingConfigInput;
  /** 'ok', 'replayed' (idempotent duplicate) or the error kind. */
  result: string;
}

interface FakeRecording {
  id: string;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  status: { code: string; sub_code: null; updated_at: string };
}

export interface FakeRecallOptions {
  botId?: string;
  name?: string;
  state?: FakeState;
  /** Delay between an accepted command and the state showing (Recall is asynchronous). */
  applyDelayMs?: number;
  /** Latency of every call. */
  latencyMs?: number;
  /** Retries a client would make on 429/5xx/409/network, with the same idempotency key. */
  retries?: number;
}

const RETRYABLE = new Set(['rate_limited', 'server', 'conflict', 'network', 'timeout']);

export function rateLimited(retryAfterMs = 1000): RecallError {
  return new RecallError({ kind: 'rate_limited', status: 429, retryAfterMs, message: `Recall's rate limit was reached (429) — try again in ${Math.ceil(retryAfterMs / 1000)} s` });
}

export function serverError(status = 503): RecallError {
  return new RecallError({ kind: 'server', status, message: `Recall is temporarily unavailable (${status}) — try again shortly` });
}

export function networkError(): RecallError {
  return new RecallError({ kind: 'network', message: 'Connection to fake.recall was refused — nothing is listening there; check the API base URL' });
}

/** An in-memory Recall bot. Commands are judged against the applied state, like the API. */
export class FakeRecall implements ControlClient {
  readonly botId: string;
  readonly requests: RequestRecord[] = [];
  /** Applied commands (idempotent replays excluded). */
  readonly applied: Array<{ op: Op; key: string | undefined; at: number }> = [];
  applyDelayMs: number;
  latencyMs: number;
  retries: number;
  /** Accept commands but never change state (a confirmation that never arrives). */
  neverApply = false;
  private name: string;
  private statusChanges: Array<{ code: string; message: null; sub_code: string | null; created_at: string }> = [];
  private recordings: FakeRecording[] = [];
  private recSeq = 0;
  private readonly scripted = new Map<Op, RecallError[]>();
  private readonly seenKeys = new Map<string, Bot>();
  private hold: { promise: Promise<void>; release: () => void } | null = null;
  private getsInFlight = 0;
  maxConcurrentGets = 0;

  constructor(
    private readonly clock: FakeClock,
    opts: FakeRecallOptions = {},
  ) {
    this.botId = opts.botId ?? 'bot-1';
    this.name = opts.name ?? 'Weekly sync';
    this.applyDelayMs = opts.applyDelayMs ?? 0;
    this.latencyMs = opts.latencyMs ?? 0;
    this.retries = opts.retries ?? 0;
    this.setState(opts.state ?? 'recording');
  }

  private iso(at = this.clock.now()): string {
    return new Date(at).toISOString();
  }

  private status(code: string, subCode: string | null = null): void {
    this.statusChanges.push({ code, message: null, sub_code: subCode, created_at: this.iso() });
  }

  private active(): FakeRecording | undefined {
    return this.recordings.find((r) => r.completed_at === null);
  }

  private newRecording(): void {
    const id = `rec-${++this.recSeq}`;
    const now = this.iso();
    this.recordings.push({ id, created_at: now, started_at: now, completed_at: null, status: { code: 'processing', sub_code: null, updated_at: now } });
  }

  private finishActive(): void {
    const active = this.active();
    if (!active) return;
    active.completed_at = this.iso();
    active.status = { code: 'done', sub_code: null, updated_at: this.iso() };
  }

  /** Puts the bot in `state` now (history written at the current clock time). */
  setState(state: FakeState): void {
    const current = this.currentState();
    if (state === current) return;
    switch (state) {
      case 'joining':
        this.status('joining_call');
        break;
      case 'not_recording':
        this.finishActive();
        this.status('in_call_not_recording');
        break;
      case 'recording': {
        const active = this.active();
        if (active && active.status.code === 'paused') active.status = { code: 'processing', sub_code: null, updated_at: this.iso() };
        else if (!active) this.newRecording();
        this.status('in_call_recording');
        break;
      }
      case 'paused':
        if (!this.active()) {
          this.newRecording();
          this.status('in_call_recording');
        }
        this.active()!.status = { code: 'paused', sub_code: null, updated_at: this.iso() };
        this.status('in_call_not_recording');
        break;
      case 'ended':
        this.finishActive();
        this.status('call_ended', 'bot_received_leave_call');
        this.status('done');
        break;
    }
  }

  currentState(): FakeState | null {
    const last = this.statusChanges.at(-1)?.code;
    if (last === undefined) return null;
    if (last === 'joining_call') return 'joining';
    if (last === 'in_call_recording') return 'recording';
    if (last === 'in_call_not_recording') return this.active()?.status.code === 'paused' ? 'paused' : 'not_recording';
    return 'ended';
  }

  renameBot(name: string): void {
    this.name = name;
  }

  /** The next calls of `op` fail with these errors, one per attempt. */
  script(op: Op, ...errors: RecallError[]): void {
    this.scripted.set(op, [...(this.scripted.get(op) ?? []), ...errors]);
  }

  /** GETs wait until release() is called. */
  holdGets(): () => void {
    let release!: () => void;
    const promise = new Promise<void>((r) => {
      release = r;
    });
    this.hold = {
      promise,
      release: () => {
        this.hold = null;
        release();
      },
    };
    return this.hold.release;
  }

  snapshotBot(): Bot {
    return BotSchema.parse({
      id: this.botId,
      bot_name: this.name,
      meeting_url: { platform: 'zoom', meeting_id: '123' },
      status_changes: structuredClone(this.statusChanges),
      recordings: structuredClone(this.recordings).map((r) => ({ ...r, expires_at: null, media_shortcuts: null })),
    });
  }

  posts(op?: Op): RequestRecord[] {
    return this.requests.filter((r) => r.op !== 'get' && (op === undefined || r.op === op));
  }

  gets(): RequestRecord[] {
    return this.requests.filter((r) => r.op === 'get');
  }

  private async latency(): Promise<void> {
    if (this.latencyMs > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.latencyMs));
  }

  async getBot(botId: string, _o?: CallOptions): Promise<Bot> {
    this.getsInFlight++;
    this.maxConcurrentGets = Math.max(this.maxConcurrentGets, this.getsInFlight);
    try {
      const at = this.clock.now();
      if (this.hold) await this.hold.promise;
      await this.latency();
      const error = this.scripted.get('get')?.shift();
      if (error) {
        this.requests.push({ op: 'get', at, attempt: 1, result: error.kind });
        throw error;
      }
      if (botId !== this.botId) throw new RecallError({ kind: 'not_found', status: 404, message: `Bot ${botId} was not found (404)` });
      this.requests.push({ op: 'get', at, attempt: 1, result: 'ok' });
      return this.snapshotBot();
    } finally {
      this.getsInFlight--;
    }
  }

  private refusal(op: Exclude<Op, 'get'>): RecallError | null {
    const state = this.currentState();
    const wrong = (detail: string, code = 'invalid_state'): RecallError =>
      new RecallError({ kind: 'wrong_state', status: 400, code, detail, message: `Not possible in the bot's current state: ${detail} (${code})` });
    if (state === 'ended') return wrong('bot is done', 'cannot_command_completed_bot');
    if (op === 'leave') return null;
    if (state === 'joining' || state === null) return wrong('bot not in call', 'cannot_command_unstarted_bot');
    if (op === 'pause' && state !== 'recording') return wrong('not recording');
    if (op === 'resume' && state !== 'paused') return wrong('not paused');
    if (op === 'stop' && state !== 'recording' && state !== 'paused') return wrong('nothing to stop');
    return null;
  }

  private apply(op: Exclude<Op, 'get'>): void {
    const run = (): void => {
      if (this.neverApply) return;
      switch (op) {
        case 'pause':
          this.setState('paused');
          break;
        case 'resume':
          this.setState('recording');
          break;
        case 'start':
          this.finishActive();
          this.newRecording();
          this.status('in_call_recording');
          break;
        case 'stop':
          this.setState('not_recording');
          break;
        case 'leave':
          this.setState('ended');
          break;
      }
    };
    if (this.applyDelayMs > 0) this.clock.setTimeout(run, this.applyDelayMs);
    else run();
  }

  private async command(op: Exclude<Op, 'get'>, o: CallOptions | undefined, config?: RecordingConfigInput): Promise<Bot> {
    const key = o?.idempotencyKey;
    for (let attempt = 1; ; attempt++) {
      const at = this.clock.now();
      await this.latency();
      if (o?.signal?.aborted) throw new RecallError({ kind: 'aborted', message: 'Cancelled before the action finished' });
      const record: RequestRecord = { op, at, attempt, result: 'ok', ...(key !== undefined && { idempotencyKey: key }), ...(config !== undefined && { config }) };
      this.requests.push(record);
      const scripted = this.scripted.get(op)?.shift();
      if (scripted) {
        record.result = scripted.kind;
        if (RETRYABLE.has(scripted.kind) && attempt <= this.retries) continue;
        throw scripted;
      }
      if (key !== undefined) {
        const replay = this.seenKeys.get(key);
        if (replay) {
          record.result = 'replayed';
          return replay;
        }
      }
      const refusal = this.refusal(op);
      if (refusal) {
        record.result = refusal.kind;
        throw refusal;
      }
      this.applied.push({ op, key, at });
      const before = this.snapshotBot();
      this.apply(op);
      if (key !== undefined) this.seenKeys.set(key, before);
      return before;
    }
  }

  pauseRecording(_botId: string, o?: CallOptions): Promise<Bot> {
    return this.command('pause', o);
  }

  resumeRecording(_botId: string, o?: CallOptions): Promise<Bot> {
    return this.command('resume', o);
  }

  startRecording(_botId: string, config?: RecordingConfigInput, o?: CallOptions): Promise<Bot> {
    return this.command('start', o, config);
  }

  stopRecording(_botId: string, o?: CallOptions): Promise<Bot> {
    return this.command('stop', o);
  }

  leaveCall(_botId: string, o?: CallOptions): Promise<Bot> {
    return this.command('leave', o);
  }
}
