// The per-bot action log (press → request → confirmation → outcome of every press) and the
// pause spans derived from it or from polled state transitions — the raw material for segment
// timelines and for the recorded-time clock.
import type { Bot, BotRecording } from '../recall';
import type { ControlAction, PressAction } from './actions';
import type { ControlErrorKind } from './control-error';

export type ActionLogOutcome = 'pending' | 'confirmed' | 'refused' | 'armed' | 'failed';

/** One press. Entries are immutable: a later phase replaces the entry with the same `seq`. */
export interface ActionLogEntry {
  readonly kind: 'action';
  readonly seq: number;
  /** What was pressed (`toggle-pause` stays visible here). */
  readonly pressed: PressAction;
  /** What it resolved to and was (or was to be) sent; null when nothing was decided. */
  readonly action: ControlAction | null;
  /** One key per press, reused by the client's retries; null when nothing was sent. */
  readonly idempotencyKey: string | null;
  readonly pressedAt: number;
  readonly requestedAt: number | null;
  readonly respondedAt: number | null;
  readonly confirmedAt: number | null;
  readonly finishedAt: number | null;
  readonly outcome: ActionLogOutcome;
  readonly errorKind: ControlErrorKind | null;
  /** Refusal reason, error message or confirmation message. */
  readonly message: string | null;
  /** The bot's latest recording when the entry finished (for Start: the new recording). */
  readonly recordingId: string | null;
}

/** A state change observed by polling, stamped with Recall's own time when it gives one. */
export interface StatusTransition {
  readonly kind: 'status';
  readonly at: number;
  readonly recordingId: string | null;
  readonly state: 'paused' | 'recording' | 'stopped';
}

export interface PauseSpan {
  readonly pausedAt: number;
  /** Null while still paused — or when the recording ended while paused (clip at its end). */
  readonly resumedAt: number | null;
}

type SpanEvent = { at: number; recordingId: string | null; type: 'pause' | 'resume' | 'end' };

function eventOf(item: ActionLogEntry | StatusTransition): SpanEvent | null {
  if (item.kind === 'status') {
    const type = item.state === 'paused' ? 'pause' : item.state === 'recording' ? 'resume' : 'end';
    return { at: item.at, recordingId: item.recordingId, type };
  }
  if (item.outcome !== 'confirmed' || item.confirmedAt === null || item.action === null) return null;
  const type = item.action === 'pause' ? 'pause' : item.action === 'resume' ? 'resume' : 'end';
  return { at: item.confirmedAt, recordingId: item.recordingId, type };
}

/**
 * Pause spans from confirmed pause/resume entries of an action log (at their confirmation
 * times) and/or polled status transitions — pass either source or both mixed: a pause already
 * open ignores further pause events, so the two sources of one pause count once (the earlier
 * time wins). With `recordingId`, only events of that recording count; Start/Stop/Leave (and a
 * transition to 'stopped') close an open span with `resumedAt: null`.
 */
export function pauseSpansFromLog(source: ReadonlyArray<ActionLogEntry | StatusTransition>, recordingId?: string): PauseSpan[] {
  const events = source
    .map(eventOf)
    .filter((e): e is SpanEvent => e !== null && (recordingId === undefined || e.recordingId === recordingId))
    .sort((a, b) => a.at - b.at);
  const spans: PauseSpan[] = [];
  let open: number | null = null;
  for (const event of events) {
    if (event.type === 'pause') {
      open ??= event.at;
    } else if (open !== null) {
      spans.push({ pausedAt: open, resumedAt: event.type === 'resume' ? event.at : null });
      open = null;
    }
  }
  if (open !== null) spans.push({ pausedAt: open, resumedAt: null });
  return spans;
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

/** A stop is reported as `in_call_not_recording` at about `completed_at`: not a pause. */
const STOP_TOLERANCE_MS = 1000;

function recordingAt(bot: Bot, at: number): BotRecording | null {
  for (const recording of bot.recordings) {
    const start = parseTime(recording.started_at ?? recording.created_at);
    const end = parseTime(recording.completed_at);
    if (start !== null && at > start && (end === null || at < end - STOP_TOLERANCE_MS)) return recording;
  }
  return null;
}

const ENDED_CODES = new Set(['call_ended', 'done', 'fatal']);

/**
 * Transitions from the bot's own `status_changes` history (Recall's clock): `in_call_recording`
 * resumes; `in_call_not_recording` inside a running recording's lifetime is a pause (Recall
 * reports a paused bot that way, recall-api.md §5.2); the call ending stops.
 */
export function statusTransitionsFromBot(bot: Bot): StatusTransition[] {
  const out: StatusTransition[] = [];
  for (const change of bot.status_changes) {
    const at = parseTime(change.created_at);
    if (at === null) continue;
    if (change.code === 'in_call_recording') {
      out.push({ kind: 'status', at, recordingId: recordingAt(bot, at)?.id ?? null, state: 'recording' });
    } else if (change.code === 'in_call_not_recording') {
      const recording = recordingAt(bot, at);
      if (recording) out.push({ kind: 'status', at, recordingId: recording.id, state: 'paused' });
    } else if (ENDED_CODES.has(change.code)) {
      out.push({ kind: 'status', at, recordingId: null, state: 'stopped' });
    }
  }
  return out;
}

/** The transition a recording's `status` stands for, stamped with its `updated_at` (else `observedAt`). */
export function recordingStatusTransition(recording: BotRecording, observedAt: number): StatusTransition | null {
  const code = recording.status?.code;
  if (!code) return null;
  const state = code === 'paused' ? 'paused' : code === 'processing' ? 'recording' : 'stopped';
  const at = parseTime(recording.status?.updated_at) ?? observedAt;
  return { kind: 'status', at, recordingId: recording.id, state };
}

/** A bounded, append/replace log; oldest entries fall off past `limit`. */
export class ActionLog {
  private entries: ActionLogEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly limit = 500) {}

  add(entry: Omit<ActionLogEntry, 'kind' | 'seq'>): ActionLogEntry {
    const full: ActionLogEntry = Object.freeze({ ...entry, kind: 'action', seq: this.nextSeq++ });
    this.entries = [...this.entries, full].slice(-this.limit);
    return full;
  }

  update(seq: number, patch: Partial<Omit<ActionLogEntry, 'kind' | 'seq'>>): ActionLogEntry | null {
    const index = this.entries.findIndex((e) => e.seq === seq);
    const current = this.entries[index];
    if (!current) return null;
    const next: ActionLogEntry = Object.freeze({ ...current, ...patch });
    this.entries = this.entries.map((e, i) => (i === index ? next : e));
    return next;
  }

  /** An immutable copy, oldest first. */
  list(): readonly ActionLogEntry[] {
    return Object.freeze([...this.entries]);
  }
}
