// Recall's transcript download shape (recall-api.md §10): an array of utterances, each a
// participant and their words with `relative` (media-timeline seconds) and `absolute` (wall
// clock, a number or an ISO string depending on the schema version) timestamps. Parsed
// tolerantly: unknown fields pass through, so a re-timed transcript keeps everything else.
import { z } from 'zod';
import { ExportError } from './errors';

const TimestampSchema = z.looseObject({
  relative: z.number().finite(),
  absolute: z.union([z.number(), z.string()]).nullable().optional(),
});

const WordSchema = z.looseObject({
  text: z.string(),
  start_timestamp: TimestampSchema,
  end_timestamp: TimestampSchema.nullable().optional(),
});

const ParticipantSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).nullable().optional(),
  name: z.string().nullable().optional(),
});

const EntrySchema = z.looseObject({
  participant: ParticipantSchema.nullable().optional(),
  words: z.array(WordSchema),
});

export const TranscriptJsonSchema = z.array(EntrySchema);

// Declared as plain interfaces (no index signatures) so that any caller's transcript type with
// these fields fits; fields beyond them are kept at run time all the same.
export interface TranscriptTimestamp {
  /** Seconds on the recording's media timeline. */
  relative: number;
  absolute?: number | string | null;
}

export interface TranscriptWord {
  text: string;
  start_timestamp: TranscriptTimestamp;
  end_timestamp?: TranscriptTimestamp | null;
}

export interface TranscriptParticipant {
  id?: number | string | null;
  name?: string | null;
}

export interface TranscriptEntry {
  participant?: TranscriptParticipant | null;
  words: TranscriptWord[];
}

export type TranscriptJson = TranscriptEntry[];

export function parseTranscript(value: unknown): TranscriptJson {
  const parsed = TranscriptJsonSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'the top level'}: ${issue.message}`;
  throw new ExportError({ kind: 'transcript_invalid', message: `The transcript is not in Recall's transcript format${where}`, cause: parsed.error });
}

/** A word's end, or its start when it has none. */
export function wordEnd(word: TranscriptWord): number {
  return word.end_timestamp?.relative ?? word.start_timestamp.relative;
}
