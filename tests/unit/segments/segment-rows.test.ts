import { describe, expect, it } from 'vitest';
import { BotRecordingSchema, type BotRecording } from '../../../electron/core/recall';
import type { LocalFileState } from '../../../electron/core/downloads';
import { buildSegmentRows } from '../../../electron/core/segments';

const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);
const iso = (sec: number): string => new Date(T0 + sec * 1000).toISOString();

function rec(id: string, opts: { start: number; end?: number | null; status?: string; sub?: string | null; video?: string | null }): BotRecording {
  return BotRecordingSchema.parse({
    id,
    created_at: iso(opts.start),
    started_at: iso(opts.start),
    completed_at: opts.end === undefined || opts.end === null ? null : iso(opts.end),
    status: { code: opts.status ?? 'done', sub_code: opts.sub ?? null, updated_at: iso(opts.end ?? opts.start) },
    media_shortcuts:
      opts.video === null
        ? null
        : { video_mixed: { id: `vm-${id}`, status: { code: opts.video ?? 'done', sub_code: null }, data: { download_url: null } } },
  });
}

describe('buildSegmentRows', () => {
  it('lists one row per recording, newest first, numbered in recording order', () => {
    const rows = buildSegmentRows({
      recordings: [rec('a', { start: 0, end: 600 }), rec('c', { start: 1200, end: null, status: 'processing', video: 'processing' }), rec('b', { start: 700, end: 1000 })],
      nowMs: T0 + 1500_000,
    });
    expect(rows.map((r) => [r.number, r.recordingId, r.state])).toEqual([
      [3, 'c', 'recording'],
      [2, 'b', 'done'],
      [1, 'a', 'done'],
    ]);
    expect(rows[0]).toMatchObject({ durationMs: 300_000, completedAt: null, downloadable: false, videoMixed: { id: 'vm-c', statusCode: 'processing' } });
    expect(rows[1]).toMatchObject({ durationMs: 300_000, recordedMs: 300_000, pausedMs: 0, downloadable: true });
  });

  it('splits recorded and paused time with the merged pause spans and their sources', () => {
    const rows = buildSegmentRows({
      recordings: [rec('a', { start: 0, end: 600 })],
      pauses: new Map([
        [
          'a',
          {
            actionLog: [{ pausedAt: T0 + 100_000, resumedAt: T0 + 160_000 }],
            statusPoll: [{ pausedAt: T0 + 101_000, resumedAt: T0 + 161_000 }],
            media: [{ startMs: 100_200, endMs: 160_100 }, { startMs: 400_000, endMs: 430_000 }],
          },
        ],
      ]),
      nowMs: T0 + 700_000,
    });
    const [row] = rows;
    expect(row!.pauses).toEqual([
      { startMs: T0 + 100_200, endMs: T0 + 160_100, source: 'media', sources: ['media', 'status_poll', 'action_log'] },
      { startMs: T0 + 400_000, endMs: T0 + 430_000, source: 'media', sources: ['media'] },
    ]);
    expect(row!.pausedMs).toBe(59_900 + 30_000);
    expect(row!.recordedMs).toBe(600_000 - 89_900);
  });

  it('shows a paused recording as paused with its open pause counted up to now', () => {
    const [row] = buildSegmentRows({
      recordings: [rec('a', { start: 0, end: null, status: 'paused', video: 'processing' })],
      pauses: new Map([['a', { statusPoll: [{ pausedAt: T0 + 50_000, resumedAt: null }] }]]),
      nowMs: T0 + 80_000,
    });
    expect(row).toMatchObject({ state: 'paused', durationMs: 80_000, pausedMs: 30_000, recordedMs: 50_000 });
    expect(row!.pauses[0]!.endMs).toBeNull();
  });

  it('keeps a recording overwritten by a Start: absent from the bot but known locally', () => {
    const old = rec('old', { start: 0, end: null, status: 'processing', video: 'processing' });
    const rows = buildSegmentRows({
      recordings: [rec('new', { start: 300, end: null, status: 'processing', video: 'processing' })],
      known: [old],
      local: new Map<string, LocalFileState>([['old', { kind: 'not_downloaded' }]]),
      nowMs: T0 + 400_000,
    });
    expect(rows.map((r) => [r.recordingId, r.state])).toEqual([
      ['new', 'recording'],
      ['old', 'overwritten'],
    ]);
    expect(rows[1]).toMatchObject({ completedAt: T0 + 300_000, durationMs: 300_000, downloadable: false, statusCode: null });
  });

  it('tells an overwritten deleted recording from one deleted by retention', () => {
    const rows = buildSegmentRows({
      recordings: [
        rec('replaced', { start: 0, end: 100, status: 'deleted', sub: 'replaced_by_new_recording' }),
        rec('expired', { start: 200, end: 300, status: 'deleted', sub: 'retention_expired' }),
        rec('cut', { start: 400, end: null, status: 'deleted', sub: null }),
        rec('last', { start: 500, end: 600 }),
      ],
      nowMs: T0 + 1_000_000,
    });
    expect(Object.fromEntries(rows.map((r) => [r.recordingId, r.state]))).toEqual({ replaced: 'overwritten', expired: 'deleted', cut: 'overwritten', last: 'done' });
    expect(rows.find((r) => r.recordingId === 'expired')!.downloadable).toBe(false);
  });

  it('passes each recording its local file state', () => {
    const states: LocalFileState[] = [
      { kind: 'not_downloaded' },
      { kind: 'downloading', bytes: 50, total: 200, percent: 25, rateBps: 10, etaMs: 15_000 },
      { kind: 'downloaded', fileName: 'x.mp4', path: '/d/x.mp4', size: 200, sha256: 'ab' },
      { kind: 'changed', fileName: 'y.mp4', path: '/d/y.mp4', reason: 'sha256', expectedSize: 200, actualSize: 200 },
      { kind: 'missing', fileName: 'z.mp4', path: '/d/z.mp4' },
    ];
    const recordings = states.map((_, i) => rec(`r${i}`, { start: i * 100, end: i * 100 + 50 }));
    const rows = buildSegmentRows({ recordings, local: new Map(states.map((s, i) => [`r${i}`, s])), nowMs: T0 + 10_000_000 });
    expect(rows.reverse().map((r) => r.local)).toEqual(states);
  });

  it('survives unknown status codes and recordings without media', () => {
    const [row] = buildSegmentRows({ recordings: [rec('a', { start: 0, end: 10, status: 'archived_somewhere', video: null })], nowMs: T0 });
    expect(row).toMatchObject({ state: 'unknown', statusCode: 'archived_somewhere', videoMixed: null, downloadable: false });
  });
});
