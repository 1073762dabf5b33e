import { describe, expect, it } from 'vitest';
import { mergePauseSpans, pausedTotal, type RecordingBounds } from '../../../electron/core/segments';

const T0 = 1_700_000_000_000;
const s = (sec: number): number => T0 + sec * 1000;
const closed: RecordingBounds = { startMs: s(0), endMs: s(600), nowMs: s(1000) };

describe('mergePauseSpans', () => {
  it('merges the same pause seen by several sources and names them all', () => {
    const spans = mergePauseSpans(
      {
        action_log: [{ pausedAt: s(60.4), resumedAt: s(120.3) }],
        status_poll: [{ pausedAt: s(61), resumedAt: s(121.5) }],
        media: [{ pausedAt: s(60.2), resumedAt: s(120.1) }],
      },
      closed,
    );
    expect(spans).toEqual([{ startMs: s(60.2), endMs: s(120.1), source: 'media', sources: ['media', 'status_poll', 'action_log'] }]);
  });

  it('takes the boundaries of the best source present: polled status beats the action log', () => {
    const spans = mergePauseSpans(
      { action_log: [{ pausedAt: s(10), resumedAt: s(20) }], status_poll: [{ pausedAt: s(11), resumedAt: s(21) }] },
      closed,
    );
    expect(spans).toEqual([{ startMs: s(11), endMs: s(21), source: 'status_poll', sources: ['status_poll', 'action_log'] }]);
  });

  it('keeps a pause only one source saw, and keeps distinct pauses apart', () => {
    const spans = mergePauseSpans(
      {
        action_log: [
          { pausedAt: s(10), resumedAt: s(20) },
          { pausedAt: s(21), resumedAt: s(30) },
          { pausedAt: s(300), resumedAt: s(310) },
        ],
        status_poll: [{ pausedAt: s(10.5), resumedAt: s(20.5) }],
      },
      closed,
    );
    expect(spans.map((p) => [p.startMs - T0, p.endMs! - T0, p.source, p.sources])).toEqual([
      [10_500, 20_500, 'status_poll', ['status_poll', 'action_log']],
      [21_000, 30_000, 'action_log', ['action_log']],
      [300_000, 310_000, 'action_log', ['action_log']],
    ]);
  });

  it('clips spans to the recording and closes one still open when the recording ended paused', () => {
    const spans = mergePauseSpans(
      { action_log: [{ pausedAt: s(-5), resumedAt: s(3) }, { pausedAt: s(590), resumedAt: null }, { pausedAt: s(700), resumedAt: s(710) }] },
      closed,
    );
    expect(spans.map((p) => [p.startMs - T0, p.endMs === null ? null : p.endMs - T0])).toEqual([
      [0, 3_000],
      [590_000, 600_000],
    ]);
  });

  it('leaves a span open while the recording is still paused, and counts it up to now', () => {
    const running: RecordingBounds = { startMs: s(0), endMs: null, nowMs: s(100) };
    const spans = mergePauseSpans({ status_poll: [{ pausedAt: s(40), resumedAt: null }] }, running);
    expect(spans).toEqual([{ startMs: s(40), endMs: null, source: 'status_poll', sources: ['status_poll'] }]);
    expect(pausedTotal(spans, running)).toBe(60_000);
  });

  it('treats overlapping reports of one source as one pause', () => {
    const spans = mergePauseSpans({ action_log: [{ pausedAt: s(10), resumedAt: s(20) }, { pausedAt: s(15), resumedAt: s(25) }] }, closed);
    expect(spans).toHaveLength(1);
    expect(pausedTotal(spans, closed)).toBe(15_000);
  });
});
