import { describe, expect, it } from 'vitest';
import { BotSchema, type Bot } from '../../../electron/core/recall';
import type { LocalFileState } from '../../../electron/core/downloads';
import { SegmentsStore, pauseSpansFromStatusHistory } from '../../../electron/core/segments';

const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);
const iso = (sec: number): string => new Date(T0 + sec * 1000).toISOString();

interface RecSpec {
  id: string;
  start: number;
  end?: number;
  status: string;
  updated?: number;
}

function bot(recs: RecSpec[]): Bot {
  return BotSchema.parse({
    id: 'bot-1',
    bot_name: 'Sync',
    status_changes: [],
    recordings: recs.map((r) => ({
      id: r.id,
      created_at: iso(r.start),
      started_at: iso(r.start),
      completed_at: r.end === undefined ? null : iso(r.end),
      status: { code: r.status, sub_code: null, ...(r.updated !== undefined && { updated_at: iso(r.updated) }) },
      media_shortcuts: { video_mixed: { id: `vm-${r.id}`, status: { code: r.status === 'done' ? 'done' : 'processing', sub_code: null }, data: { download_url: null } } },
    })),
  });
}

describe('SegmentsStore', () => {
  it('turns polled paused → processing transitions into pause spans (Recall times when given)', async () => {
    let now = T0;
    const store = new SegmentsStore({ now: () => now });
    store.observe(bot([{ id: 'a', start: 0, status: 'processing', updated: 0 }]));
    now = T0 + 65_000;
    store.observe(bot([{ id: 'a', start: 0, status: 'paused', updated: 61 }]));
    now = T0 + 70_000;
    store.observe(bot([{ id: 'a', start: 0, status: 'paused', updated: 61 }]));
    now = T0 + 125_000;
    const rows = await store.rows(bot([{ id: 'a', start: 0, status: 'processing', updated: 121 }]));
    expect(store.polledSpans('a')).toEqual([{ pausedAt: T0 + 61_000, resumedAt: T0 + 121_000 }]);
    expect(rows[0]).toMatchObject({ state: 'recording', pausedMs: 60_000, recordedMs: 65_000 });
    expect(rows[0]!.pauses[0]).toMatchObject({ source: 'status_poll', sources: ['status_poll'] });
  });

  it('uses the observation time when Recall gives no updated_at, and closes at completion', async () => {
    let now = T0 + 30_000;
    const store = new SegmentsStore({ now: () => now });
    store.observe(bot([{ id: 'a', start: 0, status: 'paused' }]));
    now = T0 + 90_000;
    store.observe(bot([{ id: 'a', start: 0, end: 80, status: 'processing', updated: 85 }]));
    expect(store.polledSpans('a')).toEqual([{ pausedAt: T0 + 30_000, resumedAt: T0 + 80_000 }]);
  });

  it('merges the action-log spans it is given with what it polled', async () => {
    let now = T0;
    const store = new SegmentsStore({ now: () => now });
    store.observe(bot([{ id: 'a', start: 0, status: 'paused', updated: 10 }]));
    now = T0 + 25_000;
    store.observe(bot([{ id: 'a', start: 0, status: 'processing', updated: 20 }]));
    now = T0 + 100_000;
    const rows = await store.rows(bot([{ id: 'a', start: 0, end: 100, status: 'done', updated: 100 }]), new Map([
      ['a', [{ pausedAt: T0 + 9_500, resumedAt: T0 + 20_000 }, { pausedAt: T0 + 50_000, resumedAt: T0 + 55_000 }]],
    ]));
    expect(rows[0]!.pauses.map((p) => [p.startMs - T0, p.endMs! - T0, p.sources])).toEqual([
      [10_000, 20_000, ['status_poll', 'action_log']],
      [50_000, 55_000, ['action_log']],
    ]);
    expect(rows[0]).toMatchObject({ pausedMs: 15_000, recordedMs: 85_000 });
  });

  it('keeps showing a recording overwritten by a Start, also after a restart from its snapshot', async () => {
    const now = T0 + 200_000;
    const store = new SegmentsStore({ now: () => now });
    store.observe(bot([{ id: 'old', start: 0, status: 'processing' }]));
    const after = bot([{ id: 'new', start: 120, status: 'processing' }]);
    const rows = await store.rows(after);
    expect(rows.map((r) => [r.recordingId, r.state])).toEqual([
      ['new', 'recording'],
      ['old', 'overwritten'],
    ]);
    const restored = new SegmentsStore({ now: () => now, initial: JSON.parse(JSON.stringify(store.snapshot())) });
    expect((await restored.rows(after)).map((r) => r.state)).toEqual(['recording', 'overwritten']);
    expect(new SegmentsStore({ now: () => now, initial: { version: 9 } }).knownRecordings('bot-1')).toEqual([]);
  });

  it('asks the local-files port for each row and merges pause ranges found in the file', async () => {
    const states: Record<string, LocalFileState> = {
      a: { kind: 'downloaded', fileName: 'a.mp4', path: '/v/a.mp4', size: 10, sha256: 'x' },
    };
    const store = new SegmentsStore({ now: () => T0 + 500_000, local: { localStates: async (ids) => new Map(ids.map((id) => [id, states[id] ?? { kind: 'not_downloaded' as const }])) } });
    const b = bot([{ id: 'a', start: 0, end: 300, status: 'done' }, { id: 'b', start: 400, end: 450, status: 'done' }]);
    store.observe(b);
    store.setMediaPauses('a', [{ startMs: 30_000, endMs: 90_000 }]);
    const rows = await store.rows(b);
    expect(rows.map((r) => r.local.kind)).toEqual(['not_downloaded', 'downloaded']);
    expect(rows[1]!.pauses).toEqual([{ startMs: T0 + 30_000, endMs: T0 + 90_000, source: 'media', sources: ['media'] }]);
    expect(rows[1]!.recordedMs).toBe(240_000);
  });
});

describe('pause spans from the bot status history', () => {
  it('reads pauses from in_call_not_recording inside the recording, not the stop at its end', async () => {
    const b = BotSchema.parse({
      id: 'bot-1',
      status_changes: [
        { code: 'in_call_not_recording', created_at: iso(-5) },
        { code: 'in_call_recording', created_at: iso(0) },
        { code: 'in_call_not_recording', created_at: iso(30) },
        { code: 'in_call_recording', created_at: iso(50) },
        { code: 'in_call_not_recording', created_at: iso(100) },
      ],
      recordings: [
        {
          id: 'a',
          created_at: iso(0),
          started_at: iso(0),
          completed_at: iso(100),
          status: { code: 'done', sub_code: null },
          media_shortcuts: null,
        },
      ],
    });
    expect(pauseSpansFromStatusHistory(b, b.recordings[0]!)).toEqual([{ pausedAt: T0 + 30_000, resumedAt: T0 + 50_000 }]);
    const rows = await new SegmentsStore({ now: () => T0 + 200_000 }).rows(b);
    expect(rows[0]).toMatchObject({ pausedMs: 20_000, recordedMs: 80_000 });
  });
});
