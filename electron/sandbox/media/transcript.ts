// The sandbox recording's transcript artifact in Recall's download shape: seeded pseudo-random
// sentences spoken only while recording, timed on the media timeline (which includes pauses).
import { recordedSpans, type MediaTimeline } from './timeline';

export interface TranscriptTimestamp {
  /** Seconds on the media timeline. */
  relative: number;
  /** Epoch seconds. */
  absolute: number;
}

export interface TranscriptWord {
  text: string;
  start_timestamp: TranscriptTimestamp;
  end_timestamp: TranscriptTimestamp;
}

export interface TranscriptParticipant {
  id: number;
  name: string;
  is_host: boolean;
  platform: string;
  extra_data: Record<string, never>;
}

export interface TranscriptEntry {
  participant: TranscriptParticipant;
  words: TranscriptWord[];
}

export type TranscriptJson = TranscriptEntry[];

export interface TranscriptOptions {
  participantName: string;
  /** Same seed and timeline, same transcript. Default 1. */
  seed?: number;
  /** Wall-clock start of the recording, for `absolute`; default 0 (absolute equals relative). */
  startedAtMs?: number;
}

const VOCABULARY = [
  'we', 'should', 'ship', 'the', 'release', 'next', 'week', 'after', 'review', 'budget', 'numbers', 'look',
  'good', 'customer', 'feedback', 'roadmap', 'design', 'team', 'agree', 'on', 'timeline', 'risk', 'plan',
  'follow', 'up', 'with', 'sales', 'about', 'pricing', 'demo', 'is', 'ready', 'for', 'Friday', 'let', 'us',
  'schedule', 'a', 'call', 'notes', 'action', 'items', 'owner', 'deadline', 'quarter', 'goals', 'metrics',
  'launch', 'support', 'tickets', 'backlog', 'priority', 'sprint', 'blockers', 'update', 'everyone', 'thanks',
  'question', 'answer', 'decision', 'recording', 'summary', 'meeting', 'agenda', 'today', 'tomorrow', 'okay',
];

// Mulberry32: tiny, fast and good enough for reproducible filler text.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keeps a word this far from the start of a pause so that rounding never lets it touch one. */
const PAUSE_MARGIN_MS = 50;

export function makeTranscript(timeline: MediaTimeline, opts: TranscriptOptions): TranscriptJson {
  const random = seededRandom(opts.seed ?? 1);
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const base = (opts.startedAtMs ?? 0) / 1000;
  const stamp = (ms: number): TranscriptTimestamp => ({ relative: ms / 1000, absolute: Math.round((base + ms / 1000) * 1000) / 1000 });
  const participant: TranscriptParticipant = { id: 100, name: opts.participantName, is_host: true, platform: 'desktop', extra_data: {} };
  const entries: TranscriptJson = [];
  for (const span of recordedSpans(timeline)) {
    const limit = span.endMs - PAUSE_MARGIN_MS;
    let t = Math.ceil(span.startMs) + between(300, 1200);
    while (t < limit) {
      const words: TranscriptWord[] = [];
      const length = between(4, 14);
      for (let k = 0; k < length; k++) {
        const duration = between(180, 650);
        if (t + duration > limit) break;
        let text = VOCABULARY[between(0, VOCABULARY.length - 1)] ?? 'okay';
        if (k === 0) text = text.charAt(0).toUpperCase() + text.slice(1);
        words.push({ text, start_timestamp: stamp(t), end_timestamp: stamp(t + duration) });
        t += duration + between(40, 200);
      }
      const last = words.at(-1);
      if (last === undefined) break;
      last.text += '.';
      entries.push({ participant: { ...participant }, words });
      t += between(600, 2500);
    }
  }
  return entries;
}
