// Moves a transcript onto the clean export's timeline. Every `relative` time t becomes
// t − (cut time before t). Words are never moved into a cut:
//   - a word wholly inside a cut is dropped (none should exist: nothing is transcribed while
//     paused, so one would be a detection or clock mismatch);
//   - a word overlapping a cut edge is clamped to the kept side — its start moves to the end of
//     the cut, its end to the start of the cut — because part of it is still heard in the export;
//     its `absolute` time moves by the same clamp so both clocks keep agreeing;
//   - an utterance left without words is dropped.
import { cutContaining, mapTime, normalizeSpans, roundMicro, type TimeSpan } from './spans';
import { wordEnd, type TranscriptJson, type TranscriptTimestamp, type TranscriptWord } from './transcript';

function shiftAbsolute(absolute: TranscriptTimestamp['absolute'], bySec: number): TranscriptTimestamp['absolute'] {
  if (bySec === 0 || absolute === null || absolute === undefined) return absolute;
  if (typeof absolute === 'number') return roundMicro(absolute + bySec);
  const ms = Date.parse(absolute);
  return Number.isNaN(ms) ? absolute : new Date(ms + Math.round(bySec * 1000)).toISOString();
}

/** Where a word's edge lands when it sits inside a cut: clamped out of it, toward the word. */
function clampOut(t: number, cuts: ReadonlyArray<TimeSpan>, side: 'start' | 'end'): number {
  const cut = cuts.find((c) => t > c.startSec && t < c.endSec);
  if (cut === undefined) return t;
  return side === 'start' ? cut.endSec : cut.startSec;
}

function retimeStamp(stamp: TranscriptTimestamp, clamped: number, cuts: ReadonlyArray<TimeSpan>): TranscriptTimestamp {
  return { ...stamp, relative: mapTime(clamped, cuts), absolute: shiftAbsolute(stamp.absolute, clamped - stamp.relative) };
}

function retimeWord(word: TranscriptWord, cuts: ReadonlyArray<TimeSpan>): TranscriptWord | null {
  const start = word.start_timestamp.relative;
  const end = wordEnd(word);
  if (cutContaining(start, end, cuts) !== undefined) return null;
  const startIn = clampOut(start, cuts, 'start');
  const endIn = clampOut(end, cuts, 'end');
  const out: TranscriptWord = { ...word, start_timestamp: retimeStamp(word.start_timestamp, startIn, cuts) };
  if (word.end_timestamp) out.end_timestamp = retimeStamp(word.end_timestamp, Math.max(endIn, startIn), cuts);
  return out;
}

/** The transcript with every time on the clean export's timeline (pure; input untouched). */
export function retimeTranscript(transcript: TranscriptJson, cuts: ReadonlyArray<TimeSpan>): TranscriptJson {
  const normalized = normalizeSpans(cuts);
  const out: TranscriptJson = [];
  for (const entry of transcript) {
    const words = entry.words.map((w) => retimeWord(w, normalized)).filter((w): w is TranscriptWord => w !== null);
    if (words.length > 0) out.push({ ...entry, words });
  }
  return out;
}
