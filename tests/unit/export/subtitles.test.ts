import { describe, expect, it } from 'vitest';
import { buildCues, toSrt, toVtt, type TranscriptJson } from '../../../electron/core/export';
import { srtTime, vttTime } from '../../../electron/core/export/subtitles';

const w = (text: string, start: number, end: number) => ({ text, start_timestamp: { relative: start }, end_timestamp: { relative: end } });
const ada = { id: 1, name: 'Ada' };
const bob = { id: 2, name: 'Bob' };

describe('timestamps', () => {
  it('SRT uses a comma, WebVTT a dot, both HH:MM:SS and rounded milliseconds', () => {
    expect(srtTime(0)).toBe('00:00:00,000');
    expect(srtTime(3723.4567)).toBe('01:02:03,457');
    expect(vttTime(59.9996)).toBe('00:01:00.000');
    expect(vttTime(360_000.5)).toBe('100:00:00.500');
    expect(vttTime(-1)).toBe('00:00:00.000');
  });
});

describe('cues', () => {
  it('one utterance becomes one cue, prefixed with the speaker', () => {
    const transcript: TranscriptJson = [{ participant: ada, words: [w('Hello', 1, 1.4), w('world.', 1.5, 2)] }];
    expect(toSrt(transcript)).toBe('1\n00:00:01,000 --> 00:00:02,000\nAda: Hello world.\n');
    expect(toVtt(transcript)).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ada>Ada: Hello world.</v>\n');
  });

  it('never makes a cue longer than 7 s or wider than 2 lines of 42 characters', () => {
    const words = Array.from({ length: 60 }, (_, i) => w(`word${i}`, i * 0.4, i * 0.4 + 0.3));
    const cues = buildCues([{ participant: ada, words }]);
    expect(cues.length).toBeGreaterThan(3);
    for (const cue of cues) {
      expect(cue.endSec - cue.startSec).toBeLessThanOrEqual(7);
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
    }
    expect(cues.flatMap((c) => c.lines.join(' ').replace(/^Ada: /, '').split(' '))).toEqual(words.map((x) => x.text));
  });

  it('breaks at a long silence and at a change of speaker; overlapping speakers are ordered by time', () => {
    const transcript: TranscriptJson = [
      { participant: ada, words: [w('one', 0, 0.5), w('two', 3, 3.5)] },
      { participant: bob, words: [w('hi', 0.2, 0.6)] },
    ];
    expect(buildCues(transcript).map((c) => [c.speaker, c.startSec, c.lines.join('|')])).toEqual([
      ['Ada', 0, 'Ada: one'],
      ['Bob', 0.2, 'Bob: hi'],
      ['Ada', 3, 'Ada: two'],
    ]);
  });

  it('escapes WebVTT markup and keeps SRT text from reading as a timing line', () => {
    const transcript: TranscriptJson = [{ participant: { name: 'R&D <Team>' }, words: [w('a<b>', 0, 1), w('-->', 1, 2), w('x&y\nz', 2, 3)] }];
    expect(toVtt(transcript)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n<v R&amp;D &lt;Team&gt;>R&amp;D &lt;Team&gt;: a&lt;b&gt; --&gt; x&amp;y z</v>\n');
    expect(toSrt(transcript)).toBe('1\n00:00:00,000 --> 00:00:03,000\nR&D <Team>: a<b> -> x&y z\n');
  });

  it('a participant without a name gets no prefix; empty words are skipped; numbering is continuous', () => {
    const transcript: TranscriptJson = [
      { participant: null, words: [w('  ', 0, 1), w('alone', 1, 2)] },
      { participant: { name: '' }, words: [w('again', 10, 11)] },
    ];
    expect(toSrt(transcript)).toBe('1\n00:00:01,000 --> 00:00:02,000\nalone\n\n2\n00:00:10,000 --> 00:00:11,000\nagain\n');
    expect(toVtt(transcript)).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nalone\n\n00:00:10.000 --> 00:00:11.000\nagain\n');
  });

  it('an empty transcript is a valid empty file', () => {
    expect(toSrt([])).toBe('');
    expect(toVtt([])).toBe('WEBVTT\n');
  });

  it('a zero-length word still gets a cue that ends after it starts', () => {
    expect(toSrt([{ participant: ada, words: [w('uh', 5, 5)] }])).toBe('1\n00:00:05,000 --> 00:00:05,001\nAda: uh\n');
  });
});
