// A simulated Recall bot for the polling benchmark, on simulated time: each call answers after a
// network latency, a command is applied after Recall's asynchronous delay, and every request is
// counted. Payloads go through the client's own Bot schema, as real responses do.
import { BotSchema, RecallError, type Bot, type CallOptions } from '../../electron/core/recall';
import type { ControlClient } from '../../electron/core/control';
import type { VirtualTime } from './virtual-time';

export type SimState = 'joining' | 'recording' | 'paused' | 'not_recording' | 'ended';
export type SimOp = 'get' | 'pause' | 'resume' | 'start' | 'stop' | 'leave';

export interface SimOptions {
  botId: string;
  state: SimState;
  /** Round trip of every call, simulated ms. */
  latencyMs: number;
  /** From an accepted command to the state showing in a GET. */
  applyDelayMs: number;
}

const CODES: Record<SimState, string> = {
  joining: 'joining_call',
  recording: 'in_call_recording',
  paused: 'in_call_not_recording',
  not_recording: 'in_call_not_recording',
  ended: 'done',
};

/** The latest recording's status in each state; none before the call or after it. */
const RECORDING_STATUS: Partial<Record<SimState, string>> = { recording: 'processing', paused: 'paused', not_recording: 'done' };

export class SimRecall implements ControlClient {
  readonly requests: Array<{ op: SimOp; at: number }> = [];
  applyDelayMs: number;
  private state: SimState;
  private changes: Array<{ code: string; at: number }> = [];
  private readonly startedAt: number;

  constructor(
    private readonly time: VirtualTime,
    private readonly opts: SimOptions,
  ) {
    this.applyDelayMs = opts.applyDelayMs;
    this.startedAt = time.now() - 60_000;
    this.state = opts.state;
    this.changes = [{ code: CODES[opts.state], at: this.startedAt }];
  }

  count(op: SimOp | null, from: number, to: number): number {
    return this.requests.filter((r) => (op === null || r.op === op) && r.at >= from && r.at < to).length;
  }

  private bot(): Bot {
    const iso = (ms: number): string => new Date(ms).toISOString();
    const recordingStatus = RECORDING_STATUS[this.state] ?? null;
    return BotSchema.parse({
      id: this.opts.botId,
      bot_name: 'Simulated bot',
      status_changes: this.changes.map((c) => ({ code: c.code, message: null, sub_code: null, created_at: iso(c.at) })),
      recordings:
        recordingStatus === null ? [] : [{ id: 'rec-sim', created_at: iso(this.startedAt), started_at: iso(this.startedAt), status: { code: recordingStatus, sub_code: null } }],
    });
  }

  private async call(op: SimOp, signal: AbortSignal | undefined, apply?: () => void): Promise<Bot> {
    this.requests.push({ op, at: this.time.now() });
    await this.time.sleep(this.opts.latencyMs / 2);
    if (signal?.aborted) throw new RecallError({ kind: 'aborted', message: 'aborted' });
    if (apply) {
      void this.time.sleep(this.applyDelayMs).then(apply);
    }
    const bot = this.bot();
    await this.time.sleep(this.opts.latencyMs / 2);
    return bot;
  }

  private set(state: SimState): void {
    this.state = state;
    this.changes = [...this.changes, { code: CODES[state], at: this.time.now() }].slice(-6);
  }

  getBot(_botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.call('get', o.signal);
  }

  pauseRecording(_botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.call('pause', o.signal, () => this.set('paused'));
  }

  resumeRecording(_botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.call('resume', o.signal, () => this.set('recording'));
  }

  startRecording(_botId: string, _config?: unknown, o: CallOptions = {}): Promise<Bot> {
    return this.call('start', o.signal, () => this.set('recording'));
  }

  stopRecording(_botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.call('stop', o.signal, () => this.set('not_recording'));
  }

  leaveCall(_botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.call('leave', o.signal, () => this.set('ended'));
  }
}
