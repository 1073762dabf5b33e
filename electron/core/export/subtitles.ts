// SubRip (.srt) and WebVTT (.vtt) renderings of a Recall transcript. Words are grouped into cues
// per utterance: a cue ends before it would last longer than `maxCueSec` (7 s), need more than
// `maxLines` (2) lines of `maxLineChars` (42) characters, or span a silence longer than
// `maxGapSec` (1.2 s). The participant's name prefixes each cue ("Ada: …"); WebVTT also wraps the
// cue in a voice span (<v Ada>). Text is normalized to single spaces; WebVTT escapes & < >, SRT
// (which has no escapes) gets "-->" defused so no text line reads as a timing line.
import { wordEnd, type TranscriptJson } from './transcript';

export interface SubtitleOptions {
  maxCueSec?: number;
  maxLines?: number;
  maxLineChars?: number;
  maxGapSec?: number;
}

export interface Cue {
  startSec: number;
  endSec: number;
  speaker: string | null;
  /** Display lines, the speaker prefix included in the first. */
  lines: string[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function clean(text: string): string {
  return text.replace(CONTROL, '').replace(/[\s\u2028\u2029]+/gu, ' ').trim();
}

/** Greedy word wrap; a word longer than a line gets a line of its own. */
export function wrap(tokens: ReadonlyArray<string>, maxLineChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line === '') line = token;
    else if (line.length + 1 + token.length <= maxLineChars) line += ` ${token}`;
    else {
      lines.push(line);
      line = token;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function buildCues(transcript: TranscriptJson, opts: SubtitleOptions = {}): Cue[] {
  const maxCueSec = opts.maxCueSec ?? 7;
  const maxLines = opts.maxLines ?? 2;
  const maxLineChars = opts.maxLineChars ?? 42;
  const maxGapSec = opts.maxGapSec ?? 1.2;
  const cues: Array<Cue & { order: number }> = [];
  transcript.forEach((entry, entryIndex) => {
    const speaker = clean(entry.participant?.name ?? '') || null;
    const prefix = speaker === null ? [] : [`${speaker}:`];
    const words = entry.words
      .map((w) => ({ text: clean(w.text), start: w.start_timestamp.relative, end: Math.max(wordEnd(w), w.start_timestamp.relative) }))
      .filter((w) => w.text !== '')
      .sort((a, b) => a.start - b.start);
    let current: { start: number; end: number; tokens: string[] } | null = null;
    const flush = (): void => {
      if (current === null) return;
      cues.push({ startSec: current.start, endSec: Math.max(current.end, current.start + 0.001), speaker, lines: wrap([...prefix, ...current.tokens], maxLineChars), order: entryIndex });
      current = null;
    };
    for (const word of words) {
      if (current !== null) {
        const fits =
          word.end - current.start <= maxCueSec &&
          word.start - current.end <= maxGapSec &&
          wrap([...prefix, ...current.tokens, word.text], maxLineChars).length <= maxLines;
        if (fits) {
          current.tokens.push(word.text);
          current.end = Math.max(current.end, word.end);
          continue;
        }
        flush();
      }
      current = { start: word.start, end: word.end, tokens: [word.text] };
    }
    flush();
  });
  return cues.sort((a, b) => a.startSec - b.startSec || a.order - b.order).map(({ order: _order, ...cue }) => cue);
}

function clockParts(sec: number): [string, string, string, string] {
  const totalMs = Math.max(0, Math.round(sec * 1000));
  const ms = totalMs % 1000;
  const s = Math.floor(totalMs / 1000) % 60;
  const m = Math.floor(totalMs / 60_000) % 60;
  const h = Math.floor(totalMs / 3_600_000);
  return [String(h).padStart(2, '0'), String(m).padStart(2, '0'), String(s).padStart(2, '0'), String(ms).padStart(3, '0')];
}

/** `HH:MM:SS,mmm` */
export function srtTime(sec: number): string {
  const [h, m, s, ms] = clockParts(sec);
  return `${h}:${m}:${s},${ms}`;
}

/** `HH:MM:SS.mmm` */
export function vttTime(sec: number): string {
  const [h, m, s, ms] = clockParts(sec);
  return `${h}:${m}:${s}.${ms}`;
}

function srtText(line: string): string {
  return line.replace(/-->/g, '->');
}

export function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cue end times are never before their start once rounded to the millisecond. */
function endAfter(startSec: number, endSec: number): number {
  return Math.max(endSec, Math.round(startSec * 1000) / 1000 + 0.001);
}

export function toSrt(transcript: TranscriptJson, opts: SubtitleOptions = {}): string {
  return buildCues(transcript, opts)
    .map((cue, i) => `${i + 1}\n${srtTime(cue.startSec)} --> ${srtTime(endAfter(cue.startSec, cue.endSec))}\n${cue.lines.map(srtText).join('\n')}\n`)
    .join('\n');
}

export function toVtt(transcript: TranscriptJson, opts: SubtitleOptions = {}): string {
  const cues = buildCues(transcript, opts).map((cue) => {
    const text = cue.lines.map(escapeVtt).join('\n');
    const body = cue.speaker === null ? text : `<v ${escapeVtt(cue.speaker)}>${text}</v>`;
    return `${vttTime(cue.startSec)} --> ${vttTime(endAfter(cue.startSec, cue.endSec))}\n${body}\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}
