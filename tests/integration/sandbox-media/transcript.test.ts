// The sandbox transcript: Recall's download shape, words only while recording (never inside a
// pause), times on the media timeline within the recording, reproducible from a seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTranscript, type MediaTimeline, type TranscriptJson } from '../../../electron/sandbox/media';
import { TWO_PAUSES } from './helpers';

function words(transcript: TranscriptJson): Array<{ text: string; start: number; end: number; absStart: number }> {
  return transcript.flatMap((entry) =>
    entry.words.map((w) => ({ text: w.text, start: w.start_timestamp.relative, end: w.end_timestamp.relative, absStart: w.start_timestamp.absolute })),
  );
}

/** Problems with a transcript against its timeline; empty when it is right. */
function violations(timeline: MediaTimeline, transcript: TranscriptJson): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const w of words(transcript)) {
    if (!(w.start < w.end)) problems.push(`"${w.text}" ends before it starts`);
    if (w.start < previousEnd) problems.push(`"${w.text}" overlaps the word before`);
    if (w.start < 0 || w.end > timeline.durationMs / 1000) problems.push(`"${w.text}" (${w.start}..${w.end}) is outside the recording`);
    for (const p of timeline.pauses) {
      if (w.start < p.endMs / 1000 && w.end > p.startMs / 1000) problems.push(`"${w.text}" (${w.start}..${w.end}) is spoken during the pause ${p.startMs}..${p.endMs} ms`);
    }
    previousEnd = w.end;
  }
  return problems;
}

describe('makeTranscript', () => {
  it('has the Recall transcript shape and speaks in every recorded span, never in a pause', () => {
    const transcript = makeTranscript(TWO_PAUSES, { participantName: 'Ada Lovelace', seed: 7, startedAtMs: 1_750_000_000_000 });
    expect(transcript.length).toBeGreaterThan(0);
    for (const entry of transcript) {
      expect(entry.participant).toEqual({ id: expect.any(Number), name: 'Ada Lovelace', is_host: expect.any(Boolean), platform: expect.any(String), extra_data: {} });
      expect(entry.words.length).toBeGreaterThan(0);
    }
    expect(violations(TWO_PAUSES, transcript)).toEqual([]);
    const all = words(transcript);
    for (const w of all) expect(w.absStart).toBeCloseTo(1_750_000_000 + w.start, 3);
    // Speech before the first pause, between the pauses and after the last one.
    expect(all.some((w) => w.end <= 3)).toBe(true);
    expect(all.some((w) => w.start >= 7 && w.end <= 9.1)).toBe(true);
    expect(all.some((w) => w.start >= 10.6)).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = makeTranscript(TWO_PAUSES, { participantName: 'P', seed: 42 });
    expect(makeTranscript(TWO_PAUSES, { participantName: 'P', seed: 42 })).toEqual(a);
    expect(makeTranscript(TWO_PAUSES, { participantName: 'P', seed: 43 })).not.toEqual(a);
  });

  it('has no words for a recording that was paused throughout', () => {
    expect(makeTranscript({ durationMs: 8_000, pauses: [{ startMs: 0, endMs: 8_000 }] }, { participantName: 'P' })).toEqual([]);
  });

  it('never places a word inside a pause or outside the recording, for any timeline', () => {
    const timeline = fc
      .tuple(fc.integer({ min: 0, max: 600_000 }), fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 12 }))
      .map(([durationMs, cuts]): MediaTimeline => {
        const sorted = [...new Set(cuts.filter((c) => c <= durationMs))].sort((x, y) => x - y);
        const pauses = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) pauses.push({ startMs: sorted[i] ?? 0, endMs: sorted[i + 1] ?? 0 });
        return { durationMs, pauses };
      });
    fc.assert(
      fc.property(timeline, fc.integer(), (t, seed) => {
        expect(violations(t, makeTranscript(t, { participantName: 'P', seed }))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
