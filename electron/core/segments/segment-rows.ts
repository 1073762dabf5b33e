// The segments table of a bot, as a pure function: one row per recording (each start→stop cycle),
// newest first, with times, recorded vs paused time, merged pause spans, the mixed video's
// status and the local file state; recordings overwritten by a Start stay visible as such.
import type { BotRecording } from '../recall';
import type { LocalFileState } from '../downloads/local-state';
import { mergePauseSpans, mediaRangesToSpans, pausedTotal, type MergedPauseSpan, type PauseSpanInput, type RecordingBounds } from './pause-spans';
import type { MediaRange } from './media-pauses';

export type SegmentRowState = 'recording' | 'paused' | 'processing' | 'done' | 'failed' | 'deleted' | 'overwritten' | 'unknown';

export interface SegmentRow {
  /** Position in recording order: 1 = the bot's first recording. */
  number: number;
  recordingId: string;
  state: SegmentRowState;
  /** `recordings[].status.code` as Recall reports it (open set); null when absent or unknown. */
  statusCode: string | null;
  subCode: string | null;
  startedAt: number | null;
  completedAt: number | null;
  /** started → completed, or → now while recording; null when unknown. */
  durationMs: number | null;
  recordedMs: number | null;
  pausedMs: number | null;
  pauses: MergedPauseSpan[];
  videoMixed: { id: string; statusCode: string; subCode: string | null } | null;
  /** The mixed video can be fetched from Recall now. */
  downloadable: boolean;
  expiresAt: number | null;
  local: LocalFileState;
}

export interface PauseInputs {
  actionLog?: readonly PauseSpanInput[];
  statusPoll?: readonly PauseSpanInput[];
  /** Black+silent ranges detected in the downloaded file (offsets into the file). */
  media?: readonly MediaRange[];
}

export interface SegmentRowsInput {
  /** What Recall reports now (`bot.recordings`). */
  recordings: readonly BotRecording[];
  /** Recordings of this bot seen before; those Recall no longer lists were overwritten. */
  known?: readonly BotRecording[];
  pauses?: ReadonlyMap<string, PauseInputs>;
  local?: ReadonlyMap<string, LocalFileState>;
  nowMs: number;
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

function startOf(recording: BotRecording): number | null {
  return time(recording.started_at) ?? time(recording.created_at);
}

const OVERWRITE_HINT = /replac|overwr|restart/i;
const EXPIRY_HINT = /retention|expir/i;

/**
 * Recall marks both overwritten and expired recordings `deleted`. The sub_code tells them
 * apart when it is given; otherwise a recording that never completed, or that a later
 * recording started before it completed, was overwritten.
 */
function deletedState(recording: BotRecording, nextStart: number | null): SegmentRowState {
  const sub = recording.status?.sub_code ?? '';
  if (OVERWRITE_HINT.test(sub)) return 'overwritten';
  if (EXPIRY_HINT.test(sub)) return 'deleted';
  const completed = time(recording.completed_at);
  if (completed === null) return 'overwritten';
  return nextStart !== null && nextStart <= completed ? 'overwritten' : 'deleted';
}

function liveState(recording: BotRecording): SegmentRowState {
  const code = recording.status?.code;
  switch (code) {
    case 'processing':
      return recording.completed_at === null ? 'recording' : 'processing';
    case 'paused':
      return 'paused';
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    default:
      return 'unknown';
  }
}

export function buildSegmentRows(input: SegmentRowsInput): SegmentRow[] {
  const current = new Map(input.recordings.map((r) => [r.id, r]));
  const gone = (input.known ?? []).filter((r) => !current.has(r.id));
  const all = [...input.recordings, ...gone].sort((a, b) => (startOf(a) ?? 0) - (startOf(b) ?? 0) || a.created_at.localeCompare(b.created_at));

  // The start of the next recording that has one, per index: one backward pass, not a rescan per row.
  const nextStarts: (number | null)[] = new Array<number | null>(all.length).fill(null);
  for (let i = all.length - 2, next: number | null = null; i >= 0; i--) {
    const following = all[i + 1];
    next = (following ? startOf(following) : null) ?? next;
    nextStarts[i] = next;
  }

  const rows = all.map((recording, index): SegmentRow => {
    const startedAt = startOf(recording);
    const nextStart = nextStarts[index] ?? null;
    const isGone = !current.has(recording.id);
    let state: SegmentRowState;
    if (isGone) state = 'overwritten';
    else if (recording.status?.code === 'deleted') state = deletedState(recording, nextStart);
    else state = liveState(recording);

    // An overwritten recording ended when the one replacing it started.
    const completedAt = time(recording.completed_at) ?? (state === 'overwritten' ? nextStart : null);
    const running = state === 'recording' || state === 'paused';
    const endForDuration = completedAt ?? (running ? input.nowMs : null);
    const durationMs = startedAt !== null && endForDuration !== null ? Math.max(0, endForDuration - startedAt) : null;

    let pauses: MergedPauseSpan[] = [];
    let pausedMs: number | null = null;
    if (startedAt !== null && durationMs !== null) {
      const bounds: RecordingBounds = { startMs: startedAt, endMs: running ? null : completedAt, nowMs: input.nowMs };
      const given = input.pauses?.get(recording.id);
      pauses = mergePauseSpans(
        {
          ...(given?.actionLog && { action_log: given.actionLog }),
          ...(given?.statusPoll && { status_poll: given.statusPoll }),
          ...(given?.media && { media: mediaRangesToSpans(given.media, startedAt) }),
        },
        bounds,
      );
      pausedMs = pausedTotal(pauses, bounds);
    }

    const video = recording.media_shortcuts?.video_mixed ?? null;
    const videoMixed = video ? { id: video.id, statusCode: video.status.code, subCode: video.status.sub_code } : null;
    const downloadable = !isGone && state !== 'overwritten' && state !== 'deleted' && video?.status.code === 'done';
    return {
      number: index + 1,
      recordingId: recording.id,
      state,
      statusCode: isGone ? null : (recording.status?.code ?? null),
      subCode: isGone ? null : (recording.status?.sub_code ?? null),
      startedAt,
      completedAt,
      durationMs,
      recordedMs: durationMs !== null && pausedMs !== null ? Math.max(0, durationMs - pausedMs) : null,
      pausedMs,
      pauses,
      videoMixed,
      downloadable,
      expiresAt: time(recording.expires_at),
      local: input.local?.get(recording.id) ?? { kind: 'not_downloaded' },
    };
  });
  return rows.reverse();
}
