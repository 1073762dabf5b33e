// Test doubles for the app core: Bot payloads built through the client's own schema (so they
// have the exact parsed shape), a scripted BotReader, a manual clock and manual timers.
import { BotSchema, RecallError } from '../../../electron/core/recall';
import type { Bot } from '../../../electron/core/recall';
import type { BotReader, Clock, Timers } from '../../../electron/core/app';

export const BOT_A = '0b7c1d2e-3f4a-4b6c-8d8e-9f0a1b2c3d4e';
export const BOT_B = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

export const T0 = Date.parse('2025-06-01T10:00:00.000Z');
export const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

export interface BotSpec {
  id?: string;
  name?: string;
  platform?: string;
  /** [code, offset ms from T0, sub_code?] */
  changes?: Array<[string, number, string?]>;
  recording?: { startedAt: number; completedAt?: number; status?: string };
}

export function makeBot(spec: BotSpec = {}): Bot {
  return BotSchema.parse({
    id: spec.id ?? BOT_A,
    bot_name: spec.name ?? 'Weekly sync',
    meeting_url: { platform: spec.platform ?? 'zoom', meeting_id: '123' },
    status_changes: (spec.changes ?? []).map(([code, at, sub]) => ({
      code,
      created_at: iso(at),
      sub_code: sub ?? null,
      message: null,
    })),
    recordings: spec.recording
      ? [
          {
            id: 'rec-1',
            created_at: iso(spec.recording.startedAt),
            started_at: iso(spec.recording.startedAt),
            completed_at: spec.recording.completedAt === undefined ? null : iso(spec.recording.completedAt),
            status: { code: spec.recording.status ?? 'processing', sub_code: null, updated_at: iso(spec.recording.startedAt) },
          },
        ]
      : [],
  });
}

export function notFound(botId: string): RecallError {
  return new RecallError({ kind: 'not_found', status: 404, message: `Bot ${botId} was not found (404)` });
}

/** A BotReader whose answers the test sets per bot id; records every call. */
export class FakeBots implements BotReader {
  readonly answers = new Map<string, Bot | Error>();
  readonly calls: string[] = [];
  /** While set for a bot id, its answer waits for this promise. */
  readonly gates = new Map<string, Promise<void>>();
  list: Bot[] = [];
  listed = 0;

  set(botId: string, answer: Bot | Error): void {
    this.answers.set(botId, answer);
  }

  async getBot(botId: string): Promise<Bot> {
    this.calls.push(botId);
    await this.gates.get(botId);
    const answer = this.answers.get(botId) ?? notFound(botId);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  async *listBots(): AsyncGenerator<Bot> {
    for (const bot of this.list) {
      this.listed += 1;
      yield bot;
    }
  }
}

export class ManualClock implements Clock {
  constructor(public ms = T0) {}
  now(): number {
    return this.ms;
  }
}

/** Timers that only fire when the test says so. */
export class ManualTimers implements Timers {
  private pending: Array<{ ms: number; callback: () => void; cancelled: boolean }> = [];

  after(ms: number, callback: () => void): () => void {
    const entry = { ms, callback, cancelled: false };
    this.pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Delays of the timers still armed. */
  armed(): number[] {
    return this.pending.filter((t) => !t.cancelled).map((t) => t.ms);
  }

  /** Fires every armed timer once, then lets the resulting promises settle. */
  async fire(): Promise<void> {
    const due = this.pending.filter((t) => !t.cancelled);
    this.pending = [];
    for (const timer of due) timer.callback();
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
