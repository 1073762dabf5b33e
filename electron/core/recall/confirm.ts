// Recording-control actions end in a CONFIRMED state: what each action should lead to, when
// an action is meaningless in the current state, and polling the bot until the new state is
// visible (Recall hands commands to the bot asynchronously, recall-api.md §5.1, §5.5).
import type { CallOptions, RecallClient } from './client';
import { latestRecording, liveRecordingState, type LiveRecordingState } from './derive';
import type { Bot, RecordingConfigInput } from './schemas';
import { realSleep, sleepUnlessAborted, type Sleep } from './timing';

export type ControlAction = 'pause' | 'resume' | 'start' | 'stop' | 'leave';

export const CONTROL_ACTIONS: readonly ControlAction[] = ['pause', 'resume', 'start', 'stop', 'leave'];

const EXPECTED: Record<ControlAction, LiveRecordingState> = {
  pause: 'paused',
  resume: 'recording',
  start: 'recording',
  stop: 'not_recording',
  leave: 'ended',
};

/** The live state that confirms `action` took effect. */
export function expectedState(action: ControlAction): LiveRecordingState {
  return EXPECTED[action];
}

function recordingStart(bot: Bot): { id: string; at: number } | null {
  const rec = latestRecording(bot);
  if (!rec) return null;
  const at = Date.parse(rec.started_at ?? rec.created_at);
  return { id: rec.id, at: Number.isNaN(at) ? -Infinity : at };
}

/**
 * Predicate on a re-read bot that confirms `action`. For start, being in 'recording' is not
 * enough when it was already recording (start --force): a NEW recording must have begun.
 */
export function confirmsAction(action: ControlAction, before: Bot | null): (bot: Bot) => boolean {
  const target = expectedState(action);
  if (action !== 'start' || before === null) return (bot) => liveRecordingState(bot) === target;
  const previous = recordingStart(before);
  return (bot) => {
    if (liveRecordingState(bot) !== target) return false;
    if (previous === null) return true;
    const current = recordingStart(bot);
    return current !== null && (current.id !== previous.id || current.at > previous.at);
  };
}

export interface Refusal {
  message: string;
  /** The current state already is the action's target (e.g. pause while paused). */
  alreadyInTarget?: boolean;
  /** Refused only because it is destructive; a confirmed user intent (--force) overrides it. */
  overridable?: boolean;
}

const NOT_JOINED = 'The bot has not joined the call yet';
const LEFT = 'The bot has left the call';
const FAILED = 'The bot has failed';

/**
 * Why `action` is meaningless or destructive in `state`, or null when it may be sent. An
 * 'unknown' state never refuses: Recall decides.
 */
export function refusal(action: ControlAction, state: LiveRecordingState, opts: { force?: boolean } = {}): Refusal | null {
  if (state === 'unknown') return null;
  const gone = (what: string): Refusal | null =>
    state === 'joining' ? { message: `${NOT_JOINED} — ${what}` } : state === 'ended' ? { message: `${LEFT} — ${what}` } : state === 'fatal' ? { message: `${FAILED} — ${what}` } : null;
  switch (action) {
    case 'pause':
      if (state === 'recording') return null;
      if (state === 'paused') return { message: 'Already paused — nothing to do', alreadyInTarget: true };
      if (state === 'not_recording') return { message: 'Not recording — nothing to pause' };
      return gone('nothing to pause');
    case 'resume':
      if (state === 'paused') return null;
      if (state === 'recording') return { message: 'Already recording — nothing to resume', alreadyInTarget: true };
      if (state === 'not_recording') return { message: 'Nothing is paused — use start to begin a new recording' };
      return gone('nothing to resume');
    case 'start':
      if (state === 'not_recording') return null;
      if (state === 'recording' || state === 'paused') {
        if (opts.force) return null;
        return { message: `Start would overwrite the current ${state === 'paused' ? '(paused) ' : ''}recording`, overridable: true };
      }
      return gone('it cannot start recording');
    case 'stop':
      if (state === 'recording' || state === 'paused') return null;
      if (state === 'not_recording') return { message: 'Not recording — nothing to stop' };
      return gone('nothing to stop');
    case 'leave':
      if (state === 'ended') return { message: 'The bot has already left the call', alreadyInTarget: true };
      if (state === 'fatal') return { message: `${FAILED} and is no longer in the call` };
      return null;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  /** First poll delay; doubles up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Stop early (unconfirmed) when the bot reaches a state from which the target is unreachable. */
  giveUp?: (bot: Bot) => boolean;
}

export type WaitResult = { confirmed: true; bot: Bot } | { confirmed: false; bot: Bot };

/**
 * Re-reads the bot (at least once) with a short growing backoff until `predicate` holds or
 * `timeoutMs` has passed. API errors propagate; a state never reached is `confirmed: false`.
 */
export async function waitForState(
  client: Pick<RecallClient, 'getBot'>,
  botId: string,
  predicate: (bot: Bot) => boolean,
  opts: WaitOptions,
): Promise<WaitResult> {
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.timeoutMs;
  const maxInterval = opts.maxIntervalMs ?? 1_000;
  let interval = opts.intervalMs ?? 200;
  const call: CallOptions = opts.signal ? { signal: opts.signal } : {};
  for (;;) {
    const bot = await client.getBot(botId, call);
    if (predicate(bot)) return { confirmed: true, bot };
    const left = deadline - now();
    if (left <= 0 || opts.giveUp?.(bot)) return { confirmed: false, bot };
    await sleepUnlessAborted(sleep, Math.min(interval, left), opts.signal);
    interval = Math.min(maxInterval, interval * 2);
  }
}

export interface ControlOptions {
  /** How long to wait for the new state to be confirmed. */
  timeoutMs: number;
  /** Allows start while recording/paused (it overwrites the current recording). */
  force?: boolean;
  /** Flat recording config for start (recall-api.md §5.3). */
  config?: RecordingConfigInput;
  idempotencyKey?: string;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
}

export type ControlOutcome =
  | { status: 'confirmed'; action: ControlAction; before: LiveRecordingState; state: LiveRecordingState; bot: Bot; message: string }
  | { status: 'refused'; action: ControlAction; before: LiveRecordingState; state: LiveRecordingState; bot: Bot; message: string; refusal: Refusal }
  | { status: 'unconfirmed'; action: ControlAction; before: LiveRecordingState; state: LiveRecordingState; bot: Bot; message: string };

const DONE: Record<ControlAction, string> = {
  pause: 'Paused',
  resume: 'Recording resumed',
  start: 'Recording started',
  stop: 'Recording stopped',
  leave: 'The bot left the call',
};

const STATE_WORDS: Record<LiveRecordingState, string> = {
  recording: 'recording',
  paused: 'paused',
  not_recording: 'in the call, not recording',
  joining: 'joining',
  ended: 'ended',
  fatal: 'failed',
  unknown: 'in an unknown state',
};

export function describeState(state: LiveRecordingState): string {
  return STATE_WORDS[state];
}

type Controllable = Pick<RecallClient, 'getBot' | 'pauseRecording' | 'resumeRecording' | 'startRecording' | 'stopRecording' | 'leaveCall'>;

function send(client: Controllable, botId: string, action: ControlAction, opts: ControlOptions): Promise<Bot> {
  const call: CallOptions = {
    ...(opts.signal && { signal: opts.signal }),
    ...(opts.idempotencyKey !== undefined && { idempotencyKey: opts.idempotencyKey }),
  };
  switch (action) {
    case 'pause':
      return client.pauseRecording(botId, call);
    case 'resume':
      return client.resumeRecording(botId, call);
    case 'start':
      return client.startRecording(botId, opts.config, call);
    case 'stop':
      return client.stopRecording(botId, call);
    case 'leave':
      return client.leaveCall(botId, call);
  }
}

/**
 * Reads the bot, refuses a meaningless or (unforced) destructive action, sends it, then waits
 * until a re-read confirms the new state. API errors (wrong state, not found, network) throw
 * RecallError; the caller maps them to its own surface.
 */
export async function performControl(client: Controllable, botId: string, action: ControlAction, opts: ControlOptions): Promise<ControlOutcome> {
  const before = await client.getBot(botId, opts.signal ? { signal: opts.signal } : {});
  const beforeState = liveRecordingState(before);
  const refused = refusal(action, beforeState, { force: opts.force ?? false });
  if (refused) {
    return { status: 'refused', action, before: beforeState, state: beforeState, bot: before, message: refused.message, refusal: refused };
  }
  await send(client, botId, action, opts);
  const target = expectedState(action);
  const result = await waitForState(client, botId, confirmsAction(action, before), {
    timeoutMs: opts.timeoutMs,
    ...(opts.signal && { signal: opts.signal }),
    ...(opts.sleep && { sleep: opts.sleep }),
    ...(opts.now && { now: opts.now }),
    giveUp: (bot) => {
      const state = liveRecordingState(bot);
      return state !== target && (state === 'ended' || state === 'fatal');
    },
  });
  const state = liveRecordingState(result.bot);
  if (result.confirmed) return { status: 'confirmed', action, before: beforeState, state, bot: result.bot, message: DONE[action] };
  const seconds = Math.round(opts.timeoutMs / 100) / 10;
  const message =
    state === 'ended' || state === 'fatal'
      ? `${capitalize(action)} was sent but the bot is now ${describeState(state)}`
      : `${capitalize(action)} was sent but not confirmed within ${seconds} s — the bot still reports ${describeState(state)}`;
  return { status: 'unconfirmed', action, before: beforeState, state, bot: result.bot, message };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
