// Test doubles for the library handlers: a bot with recordings (one with a pause), a Recall
// client serving it and signing a new media URL per call, manual timers, an event recorder.
import { BotSchema, type Bot } from '../../../electron/core/recall';
import type { MediaClient } from '../../../electron/core/downloads';
import type { TimerHandle, Timers } from '../../../electron/core/control';
import type { EventMap, EventName } from '../../../electron/contract';
import { recordingPayload } from '../downloads/fake-media';

export const BOT = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const OTHER_BOT = '7b2f3c4d-5e6f-4071-9b8c-0d1e2f3a4b5c';
export const REC_1 = '1e0f4c2a-9b8d-4e7f-a6c5-b4d3e2f1a001';
export const REC_2 = '2c9d7e1b-8a6f-4d3c-b2a1-90f8e7d6c002';
export const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);

const iso = (ms: number) => new Date(ms).toISOString();

export interface RecordingSpec {
  id: string;
  startMs: number;
  endMs: number | null;
  status?: string;
  videoStatus?: string | null;
}

/** A bot in a call; pauses are told by its status history (recall-api.md §5.2). */
export function makeBot(opts: { id?: string; name?: string; recordings: RecordingSpec[]; pauses?: Array<[number, number]>; ended?: boolean }): Bot {
  const changes: Array<{ code: string; at: number }> = [{ code: 'in_call_not_recording', at: T0 - 5_000 }];
  for (const rec of opts.recordings) {
    changes.push({ code: 'in_call_recording', at: rec.startMs });
    if (rec.endMs !== null) changes.push({ code: 'in_call_not_recording', at: rec.endMs });
  }
  for (const [from, to] of opts.pauses ?? []) {
    changes.push({ code: 'in_call_not_recording', at: from }, { code: 'in_call_recording', at: to });
  }
  if (opts.ended) changes.push({ code: 'call_ended', at: T0 + 100_000 }, { code: 'done', at: T0 + 101_000 });
  changes.sort((a, b) => a.at - b.at);
  return BotSchema.parse({
    id: opts.id ?? BOT,
    bot_name: opts.name ?? 'Weekly sync',
    status_changes: changes.map((c) => ({ code: c.code, message: null, sub_code: null, created_at: iso(c.at) })),
    recordings: opts.recordings.map((rec) => {
      const base = recordingPayload(rec.id, { videoStatus: rec.videoStatus ?? 'done', recordingStatus: rec.status ?? 'done', botId: opts.id ?? BOT });
      return {
        ...base,
        created_at: iso(rec.startMs),
        started_at: iso(rec.startMs),
        completed_at: rec.endMs === null ? null : iso(rec.endMs),
        media_shortcuts: rec.videoStatus === null ? null : base.media_shortcuts,
      };
    }),
  });
}

export interface LibraryClient extends MediaClient {
  bots: Map<string, Bot>;
  botReads: number;
  urlsIssued: number;
}

export function libraryClient(bots: Bot[]): LibraryClient {
  const client: LibraryClient = {
    bots: new Map(bots.map((b) => [b.id, b])),
    botReads: 0,
    urlsIssued: 0,
    async getBot(id) {
      client.botReads += 1;
      const bot = client.bots.get(id);
      if (!bot) throw new Error(`no bot ${id}`);
      return structuredClone(bot);
    },
    async getRecording(id) {
      client.urlsIssued += 1;
      for (const bot of client.bots.values()) {
        const rec = bot.recordings.find((r) => r.id === id);
        if (!rec) continue;
        const video = rec.media_shortcuts?.video_mixed;
        const url = video?.status.code === 'done' ? `https://media.test/v.mp4?seq=${client.urlsIssued}&Expires=${Math.floor(T0 / 1000) + 21_600}` : null;
        return recordingPayload(id, {
          botId: bot.id,
          recordingStatus: rec.status?.code ?? 'done',
          videoStatus: video?.status.code ?? 'processing',
          url,
        });
      }
      throw new Error(`no recording ${id}`);
    },
    async getVideoMixed() {
      throw new Error('not used: recordings carry their URL');
    },
  };
  return client;
}

export interface ManualTimers extends Timers {
  pending(): number[];
  /** Runs every due callback (all of them when `ms` is omitted). */
  fire(): void;
}

export function manualTimers(): ManualTimers {
  let next = 1;
  const due = new Map<number, { callback: () => void; ms: number }>();
  return {
    setTimeout(callback, ms) {
      const id = next++;
      due.set(id, { callback, ms });
      return id;
    },
    clearTimeout(handle: TimerHandle) {
      due.delete(handle as number);
    },
    pending: () => [...due.values()].map((t) => t.ms),
    fire() {
      const all = [...due.entries()];
      due.clear();
      for (const [, t] of all) t.callback();
    },
  };
}

type Seen = { [E in EventName]: Array<EventMap[E]> };

/** An EventSink keeping a structured clone of every payload (what would cross IPC). */
export function eventRecorder(): { emit<E extends EventName>(event: E, payload: EventMap[E]): void; of<E extends EventName>(event: E): Array<EventMap[E]> } {
  const seen: Seen = { 'state:changed': [], 'tray:changed': [], 'hotkeys:changed': [], 'app:notice': [], 'library:changed': [], 'library:progress': [], 'export:progress': [], 'export:changed': [], 'automation:changed': [] };
  return {
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      const list: Array<EventMap[E]> = seen[event];
      list.push(structuredClone(payload));
    },
    of<E extends EventName>(event: E): Array<EventMap[E]> {
      return seen[event];
    },
  };
}
