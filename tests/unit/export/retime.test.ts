import { describe, expect, it } from 'vitest';
import { mapTime, retimeTranscript, type TranscriptJson } from '../../../electron/core/export';

const word = (text: string, start: number, end: number, absoluteBase: number | null = 1_700_000_000) => ({
  text,
  start_timestamp: { relative: start, absolute: absoluteBase === null ? null : absoluteBase + start },
  end_timestamp: { relative: end, absolute: absoluteBase === null ? null : absoluteBase + end },
});

const participant = { id: 7, name: 'Ada Lovelace', is_host: true, platform: 'zoom', extra_data: {} };
const cuts = [
  { startSec: 10, endSec: 20 },
  { startSec: 30, endSec: 35.5 },
];

describe('mapTime', () => {
  it('shifts a time left by the cut time before it and collapses a cut onto its join', () => {
    expect(mapTime(5, cuts)).toBe(5);
    expect(mapTime(10, cuts)).toBe(10);
    expect(mapTime(15, cuts)).toBe(10);
    expect(mapTime(20, cuts)).toBe(10);
    expect(mapTime(25, cuts)).toBe(15);
    expect(mapTime(36.25, cuts)).toBe(20.75);
  });
});

describe('retimeTranscript', () => {
  it('moves every word left by the paused time before it, relative and nothing else', () => {
    const transcript: TranscriptJson = [
      { participant, words: [word('Hello', 1, 1.5), word('there', 1.6, 2)] },
      { participant, words: [word('after', 21, 21.4), word('second', 40.25, 40.75)] },
    ];
    const out = retimeTranscript(transcript, cuts);
    expect(out.map((e) => e.words.map((w) => [w.text, w.start_timestamp.relative, w.end_timestamp?.relative]))).toEqual([
      [
        ['Hello', 1, 1.5],
        ['there', 1.6, 2],
      ],
      [
        ['after', 11, 11.4],
        ['second', 24.75, 25.25],
      ],
    ]);
    // Wall-clock time is when the word was said: unchanged by the cut.
    expect(out[1]!.words[0]!.start_timestamp.absolute).toBe(1_700_000_021);
    expect(out[0]!.participant).toEqual(participant);
  });

  it('drops a word wholly inside a cut and an utterance left empty', () => {
    const out = retimeTranscript([{ participant, words: [word('ghost', 12, 13)] }, { participant, words: [word('kept', 5, 6), word('ghost', 31, 32)] }], cuts);
    expect(out).toHaveLength(1);
    expect(out[0]!.words.map((w) => w.text)).toEqual(['kept']);
  });

  it('clamps a word overlapping a cut edge to the kept side, absolute moved by the same amount', () => {
    const [entry] = retimeTranscript([{ participant, words: [word('into', 9.5, 10.5), word('out', 19.5, 20.4), word('across', 29, 36)] }], cuts);
    const times = entry!.words.map((w) => [w.text, w.start_timestamp.relative, w.end_timestamp?.relative, w.start_timestamp.absolute, w.end_timestamp?.absolute]);
    expect(times).toEqual([
      ['into', 9.5, 10, 1_700_000_009.5, 1_700_000_010],
      ['out', 10, 10.4, 1_700_000_020, 1_700_000_020.4],
      ['across', 19, 20.5, 1_700_000_029, 1_700_000_036],
    ]);
  });

  it('shifts ISO-string absolute timestamps by the clamp, leaves null and junk alone', () => {
    const transcript: TranscriptJson = [
      {
        participant,
        words: [
          { text: 'iso', start_timestamp: { relative: 19.5, absolute: '2025-06-01T10:00:19.500Z' }, end_timestamp: { relative: 20.5, absolute: 'soon' } },
          { text: 'bare', start_timestamp: { relative: 25 }, end_timestamp: null },
        ],
      },
    ];
    const [entry] = retimeTranscript(transcript, cuts);
    expect(entry!.words[0]!.start_timestamp).toEqual({ relative: 10, absolute: '2025-06-01T10:00:20.000Z' });
    expect(entry!.words[0]!.end_timestamp).toEqual({ relative: 10.5, absolute: 'soon' });
    expect(entry!.words[1]).toEqual({ text: 'bare', start_timestamp: { relative: 15 }, end_timestamp: null });
  });

  it('keeps unknown fields and does not touch its input', () => {
    const withExtras = [{ participant: { ...participant, extra: 'x' }, language: 'en', words: [{ ...word('w', 25, 26), confidence: 0.9 }] }];
    const transcript: TranscriptJson = withExtras;
    const before = structuredClone(transcript);
    const [entry] = retimeTranscript(transcript, cuts);
    expect(transcript).toEqual(before);
    expect(entry).toMatchObject({ language: 'en', participant: { extra: 'x' }, words: [{ confidence: 0.9, start_timestamp: { relative: 15 } }] });
  });

  it('with no cuts returns the same times', () => {
    const transcript: TranscriptJson = [{ participant, words: [word('a', 1.234567, 2)] }];
    expect(retimeTranscript(transcript, [])).toEqual(transcript);
  });
});
