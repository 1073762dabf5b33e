// The small state behind the segments table: every recording seen per bot (so an overwritten
// one stays listed), pause spans observed by polling (recording seen `paused` at t1, back to
// `processing` at t2, plus the bot's own status history), pause ranges detected in downloaded
// files; persisted via snapshot().
import { z } from 'zod';
import { BotRecordingSchema, type Bot, type BotRecording } from '../recall';
import type { LocalFileState } from '../downloads/local-state';
import type { MediaRange } from './media-pauses';
import type { PauseSpanInput } from './pause-spans';
import { buildSegmentRows, type PauseInputs, type SegmentRow } from './segment-rows';
import { pauseSpansFromStatusHistory, sortedStatusChanges } from './status-history';

/** Where local file states come from (the download manager implements it). */
export interface LocalFiles {
  localStates(recordingIds: readonly string[]): Promise<ReadonlyMap<string, LocalFileState>>;
}

const SpanSchema = z.object({ pausedAt: z.number(), resumedAt: z.number().nullable() });
const RangeSchema = z.object({ startMs: z.number(), endMs: z.number() });

const RecordingMemorySchema = z.object({
  botId: z.string(),
  recording: BotRecordingSchema,
  lastStatus: z.string().nullable(),
  polled: z.array(SpanSchema),
  media: z.array(RangeSchema).nullable(),
});

export const SegmentsSnapshotSchema = z.object({ version: z.literal(1), recordings: z.array(RecordingMemorySchema) });
export type SegmentsSnapshot = z.infer<typeof SegmentsSnapshotSchema>;
type RecordingMemory = z.infer<typeof RecordingMemorySchema>;

export interface SegmentsStoreOptions {
  now: () => number;
  local?: LocalFiles;
  /** A snapshot saved earlier; unreadable input starts empty. */
  initial?: unknown;
  /** Recordings remembered at most, oldest forgotten first. */
  limit?: number;
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export class SegmentsStore {
  private readonly memory = new Map<string, RecordingMemory>();
  private readonly now: () => number;
  private readonly local: LocalFiles | undefined;
  private readonly limit: number;

  constructor(opts: SegmentsStoreOptions) {
    this.now = opts.now;
    this.local = opts.local;
    this.limit = opts.limit ?? 2_000;
    const parsed = SegmentsSnapshotSchema.safeParse(opts.initial);
    if (parsed.success) for (const entry of parsed.data.recordings) this.memory.set(entry.recording.id, entry);
  }

  /** Records a fresh read of the bot: remembers its recordings and their status transitions. */
  observe(bot: Bot): void {
    const observedAt = this.now();
    for (const recording of bot.recordings) {
      const memory = this.memory.get(recording.id) ?? { botId: bot.id, recording, lastStatus: null, polled: [], media: null };
      this.track(memory, recording, observedAt);
      memory.recording = recording;
      this.memory.delete(recording.id);
      this.memory.set(recording.id, memory);
    }
    while (this.memory.size > this.limit) {
      const oldest = this.memory.keys().next().value;
      if (oldest === undefined) break;
      this.memory.delete(oldest);
    }
  }

  private track(memory: RecordingMemory, recording: BotRecording, observedAt: number): void {
    const code = recording.status?.code ?? null;
    const at = time(recording.status?.updated_at) ?? observedAt;
    const open = memory.polled.at(-1);
    const isOpen = open !== undefined && open.resumedAt === null;
    if (code === 'paused' && !isOpen && memory.lastStatus !== 'paused') {
      memory.polled.push({ pausedAt: at, resumedAt: null });
    } else if (code !== 'paused' && isOpen) {
      const completed = time(recording.completed_at);
      open.resumedAt = completed !== null ? Math.min(at, completed) : at;
    }
    memory.lastStatus = code;
  }

  /** Pause ranges found in the downloaded file (offsets into it). */
  setMediaPauses(recordingId: string, ranges: readonly MediaRange[]): void {
    const memory = this.memory.get(recordingId);
    if (memory) memory.media = ranges.map((r) => ({ ...r }));
  }

  polledSpans(recordingId: string): PauseSpanInput[] {
    return (this.memory.get(recordingId)?.polled ?? []).map((s) => ({ ...s }));
  }

  knownRecordings(botId: string): BotRecording[] {
    return [...this.memory.values()].filter((m) => m.botId === botId).map((m) => m.recording);
  }

  /**
   * The bot's segments table, newest first. `actionLog` holds the controller's pause spans per
   * recording id; local file states come from the LocalFiles port when one was given.
   */
  async rows(bot: Bot, actionLog: ReadonlyMap<string, readonly PauseSpanInput[]> = new Map()): Promise<SegmentRow[]> {
    this.observe(bot);
    const known = this.knownRecordings(bot.id);
    const ids = new Set([...bot.recordings.map((r) => r.id), ...known.map((r) => r.id)]);
    const pauses = new Map<string, PauseInputs>();
    const local = this.local ? await this.local.localStates([...ids]) : new Map<string, LocalFileState>();
    const byId = new Map(bot.recordings.map((r) => [r.id, r]));
    const changes = sortedStatusChanges(bot);
    for (const id of ids) {
      const memory = this.memory.get(id);
      const log = actionLog.get(id);
      const current = byId.get(id);
      const statusPoll = [...(memory?.polled ?? []), ...(current ? pauseSpansFromStatusHistory(bot, current, changes) : [])];
      pauses.set(id, {
        ...(log && { actionLog: log }),
        ...(statusPoll.length > 0 && { statusPoll }),
        ...(memory?.media && { media: memory.media }),
      });
    }
    return buildSegmentRows({ recordings: bot.recordings, known, pauses, local, nowMs: this.now() });
  }

  snapshot(): SegmentsSnapshot {
    return { version: 1, recordings: [...this.memory.values()].map((m) => structuredClone(m)) };
  }
}
