// The bot state machine: lifecycle timers (dispatch → joining_call → [in_waiting_room] →
// in_call_not_recording → auto-record), the recording-control commands with their wrong-state
// errors, and the end of a call (call_ended → media finalized → done).
import { randomUUID } from 'node:crypto';
import { notFound, wrongState, ApiError } from './api-error';
import type { CreateBotInput } from './bot-input';
import type { Clock, TimerHandle } from './clock';
import type { MediaProcessor } from './media-processing';
import type { RecordingConfig, StartRecordingOn } from './recording-config';
import type { Recording, RecordingStore } from './recordings';

export interface StatusChange {
  code: string;
  subCode: string | null;
  message: string | null;
  createdAt: number;
}

export interface Bot {
  id: string;
  createdAt: number;
  input: CreateBotInput;
  /** Cleared once the bot is in the call (Recall clears `join_at` on join). */
  joinAt: number | null;
  statusChanges: StatusChange[];
  recordingIds: string[];
  activeRecordingId: string | null;
  timers: Set<TimerHandle>;
}

export type StartMode = 'replace' | 'keep';

/** Sandbox seconds from creation until an ad-hoc bot is dispatched (starts joining). */
export const DISPATCH_DELAY_MS = 1_000;
/** Sandbox time between the call ending and `done` when nothing is left to process. */
export const SHUTDOWN_DELAY_MS = 1_000;
/** Delay from entering the call to the automatic recording start, per `start_recording_on`. */
export const AUTO_START_DELAY_MS: Readonly<Record<Exclude<StartRecordingOn, 'manual'>, number>> = {
  call_join: 0,
  participant_join: 1_000,
  participant_speak: 2_000,
};

const TERMINAL = new Set(['call_ended', 'done', 'fatal']);
const IN_CALL = new Set(['in_call_not_recording', 'in_call_recording']);

export interface BotEngineDeps {
  clock: Clock;
  store: RecordingStore;
  processor: MediaProcessor;
  startMode: StartMode;
}

export class BotEngine {
  private readonly bots = new Map<string, Bot>();
  private closed = false;

  constructor(private readonly deps: BotEngineDeps) {}

  static currentCode(bot: Bot): string | null {
    return bot.statusChanges.at(-1)?.code ?? null;
  }

  create(input: CreateBotInput): Bot {
    const now = this.deps.clock.now();
    const bot: Bot = {
      id: randomUUID(),
      createdAt: now,
      input,
      joinAt: input.joinAt,
      statusChanges: [],
      recordingIds: [],
      activeRecordingId: null,
      timers: new Set(),
    };
    this.bots.set(bot.id, bot);
    this.after(bot, input.joinAt === null ? DISPATCH_DELAY_MS : input.joinAt - now, () => this.dispatch(bot));
    return bot;
  }

  get(id: string): Bot {
    const bot = this.bots.get(id);
    if (bot === undefined) throw notFound();
    return bot;
  }

  find(id: string): Bot | undefined {
    return this.bots.get(id);
  }

  /** All bots, newest first. */
  all(): Bot[] {
    return [...this.bots.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  recording(id: string): Recording | undefined {
    return this.deps.store.get(id);
  }

  /** Recordings shown on the bot (replaced recordings are gone from it). */
  recordingsOf(bot: Bot): Recording[] {
    return bot.recordingIds
      .map((id) => this.deps.store.get(id))
      .filter((r): r is Recording => r !== undefined && !r.replaced);
  }

  /** DELETE: only a bot that has not been dispatched yet. */
  delete(id: string): void {
    const bot = this.get(id);
    if (bot.statusChanges.length > 0) {
      throw new ApiError(405, { detail: 'Method "DELETE" not allowed. Only bots that have not been dispatched can be deleted.' }, { allow: 'GET, PATCH' });
    }
    this.clearTimers(bot);
    this.bots.delete(id);
  }

  leave(id: string): Bot {
    const bot = this.get(id);
    const code = BotEngine.currentCode(bot);
    if (code !== null && TERMINAL.has(code)) throw completed(code);
    if (code === null) throw unstarted();
    this.endCall(bot, 'bot_received_leave_call');
    return bot;
  }

  pause(id: string): Bot {
    const { bot, recording } = this.inCall(id);
    if (recording === null || recording.status.code !== 'processing') {
      throw wrongState('sandbox_not_recording', recording === null ? 'The bot is not recording, so there is nothing to pause.' : 'The recording is already paused.');
    }
    const now = this.deps.clock.now();
    this.deps.store.pause(recording, now);
    this.setStatus(bot, 'in_call_not_recording', null, now);
    return bot;
  }

  resume(id: string): Bot {
    const { bot, recording } = this.inCall(id);
    if (recording === null || recording.status.code !== 'paused') {
      throw wrongState('sandbox_not_paused', recording === null ? 'The bot is not recording, so there is nothing to resume.' : 'The recording is not paused.');
    }
    const now = this.deps.clock.now();
    this.deps.store.resume(recording, now);
    this.setStatus(bot, 'in_call_recording', null, now);
    return bot;
  }

  stop(id: string): Bot {
    const { bot, recording } = this.inCall(id);
    if (recording === null) throw wrongState('sandbox_no_active_recording', 'The bot has no active recording to stop.');
    const now = this.deps.clock.now();
    this.finalize(bot, recording, now);
    this.setStatus(bot, 'in_call_not_recording', null, now);
    return bot;
  }

  /** Start Recording with a (validated) flat config; replaces or keeps an active recording. */
  start(id: string, config: RecordingConfig): Bot {
    const { bot, recording } = this.inCall(id);
    const now = this.deps.clock.now();
    if (recording !== null) {
      if (this.deps.startMode === 'keep') this.finalize(bot, recording, now);
      else this.replace(bot, recording, now);
    }
    this.begin(bot, config, now);
    return bot;
  }

  /** Test hook and admin endpoint: the host ends the meeting. */
  hostEndsCall(id: string, subCode = 'call_ended_by_host'): Bot {
    const bot = this.get(id);
    const code = BotEngine.currentCode(bot);
    if (code === null || !TERMINAL.has(code)) this.endCall(bot, subCode);
    return bot;
  }

  dispose(): void {
    this.closed = true;
    for (const bot of this.bots.values()) this.clearTimers(bot);
  }

  private inCall(id: string): { bot: Bot; recording: Recording | null } {
    const bot = this.get(id);
    const code = BotEngine.currentCode(bot);
    if (code !== null && TERMINAL.has(code)) throw completed(code);
    if (code === null || !IN_CALL.has(code)) throw unstarted();
    const recording = bot.activeRecordingId === null ? null : (this.deps.store.get(bot.activeRecordingId) ?? null);
    return { bot, recording };
  }

  private after(bot: Bot, sandboxMs: number, fn: () => void): void {
    const handle = this.deps.clock.setTimeout(() => {
      bot.timers.delete(handle);
      if (!this.closed) fn();
    }, sandboxMs);
    bot.timers.add(handle);
  }

  private clearTimers(bot: Bot): void {
    for (const handle of bot.timers) this.deps.clock.clearTimeout(handle);
    bot.timers.clear();
  }

  private setStatus(bot: Bot, code: string, subCode: string | null, now: number): void {
    if (BotEngine.currentCode(bot) === code && subCode === null) return;
    bot.statusChanges.push({ code, subCode, message: null, createdAt: now });
  }

  private dispatch(bot: Bot): void {
    const { knobs } = bot.input;
    this.setStatus(bot, 'joining_call', null, this.deps.clock.now());
    const joinMs = knobs.joinSeconds * 1000;
    if (knobs.fatalSubCode !== null) {
      const subCode = knobs.fatalSubCode;
      this.after(bot, joinMs, () => this.setStatus(bot, 'fatal', subCode, this.deps.clock.now()));
      return;
    }
    const waiting = knobs.waitingRoomSeconds;
    if (waiting === null) {
      this.after(bot, joinMs, () => this.admit(bot));
      return;
    }
    this.after(bot, joinMs, () => {
      this.setStatus(bot, 'in_waiting_room', null, this.deps.clock.now());
      this.after(bot, waiting * 1000, () => this.admit(bot));
    });
  }

  private admit(bot: Bot): void {
    bot.joinAt = null;
    this.setStatus(bot, 'in_call_not_recording', null, this.deps.clock.now());
    const config = bot.input.recordingConfig;
    if (config === null || config.start_recording_on === 'manual') return;
    this.after(bot, AUTO_START_DELAY_MS[config.start_recording_on], () => {
      if (bot.recordingIds.length === 0 && BotEngine.currentCode(bot) === 'in_call_not_recording') {
        this.begin(bot, config, this.deps.clock.now());
      }
    });
  }

  private begin(bot: Bot, config: RecordingConfig, now: number): void {
    const recording = this.deps.store.create(bot.id, config, now);
    bot.recordingIds.push(recording.id);
    bot.activeRecordingId = recording.id;
    this.deps.processor.warm();
    this.setStatus(bot, 'in_call_recording', null, now);
  }

  private finalize(bot: Bot, recording: Recording, now: number): Promise<void> {
    this.deps.store.complete(recording, now);
    if (bot.activeRecordingId === recording.id) bot.activeRecordingId = null;
    return this.deps.processor.process(recording);
  }

  private replace(bot: Bot, recording: Recording, now: number): void {
    this.deps.store.complete(recording, now);
    recording.replaced = true;
    this.deps.store.delete(recording, now, 'replaced_by_new_recording');
    if (bot.activeRecordingId === recording.id) bot.activeRecordingId = null;
  }

  private endCall(bot: Bot, subCode: string): void {
    this.clearTimers(bot);
    const now = this.deps.clock.now();
    this.setStatus(bot, 'call_ended', subCode, now);
    const active = bot.activeRecordingId === null ? undefined : this.deps.store.get(bot.activeRecordingId);
    if (active !== undefined) void this.finalize(bot, active, now);
    const processing = this.recordingsOf(bot)
      .filter((r) => r.status.code === 'processing' || r.status.code === 'paused')
      .map((r) => this.deps.processor.settled(r));
    void Promise.all(processing).then(() => {
      if (this.closed) return;
      this.after(bot, SHUTDOWN_DELAY_MS, () => this.setStatus(bot, 'done', null, this.deps.clock.now()));
    });
  }
}

function completed(code: string): ApiError {
  return wrongState('cannot_command_completed_bot', `The bot has already ${code === 'fatal' ? 'failed' : 'left the call'} and cannot be commanded.`);
}

function unstarted(): ApiError {
  return wrongState('cannot_command_unstarted_bot', 'The bot has not joined the call yet and cannot be commanded.');
}
