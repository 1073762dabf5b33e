// Zod schemas for the Recall payloads the product reads and writes (recall-api.md §3–§6).
// Responses are parsed tolerantly: unknown fields pass through, status codes are open strings,
// and fields the docs show as null (despite the spec) are accepted as null.
import { z } from 'zod';

const nullableString = z.string().nullable();
/** Required-by-spec but not needed by the product: missing parses as null instead of failing. */
const nullableStringDefault = nullableString.default(null);
const metadataMap = z.record(z.string(), z.string().nullable());

/** Element of `bot.status_changes`. `message`/`sub_code` are null in Recall's own examples. */
export const StatusChangeSchema = z.looseObject({
  code: z.string(),
  message: nullableStringDefault,
  sub_code: nullableStringDefault,
  created_at: z.string(),
});

/** `status` of a recording: processing | paused | done | failed | deleted (open set). */
export const RecordingStatusSchema = z.looseObject({
  code: z.string(),
  sub_code: nullableStringDefault,
  updated_at: z.string().optional(),
});

/** `status` of a media artifact: processing | done | failed | deleted (open set). */
export const ArtifactStatusSchema = RecordingStatusSchema;

export const VideoMixedShortcutSchema = z.looseObject({
  id: z.string(),
  created_at: z.string().optional(),
  status: ArtifactStatusSchema,
  data: z.looseObject({ download_url: nullableStringDefault }),
  format: z.string().optional(),
  metadata: metadataMap.nullable().optional(),
});

export const TranscriptShortcutSchema = z.looseObject({
  id: z.string(),
  created_at: z.string().optional(),
  status: ArtifactStatusSchema,
  data: z.looseObject({
    download_url: nullableStringDefault,
    provider_data_download_url: nullableStringDefault,
  }),
  metadata: metadataMap.nullable().optional(),
});

/** Only the shortcuts the product uses are typed; the others pass through untouched. */
export const MediaShortcutsSchema = z.looseObject({
  video_mixed: VideoMixedShortcutSchema.nullable().default(null),
  transcript: TranscriptShortcutSchema.nullable().default(null),
});

/** Element of `bot.recordings` (BotRecordingEmbed). */
export const BotRecordingSchema = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  started_at: nullableStringDefault,
  completed_at: nullableStringDefault,
  expires_at: nullableStringDefault,
  status: RecordingStatusSchema.nullable().default(null),
  media_shortcuts: MediaShortcutsSchema.nullable().default(null),
  metadata: metadataMap.nullable().optional(),
});

const MinimalRefSchema = z.looseObject({ id: z.string(), metadata: metadataMap.nullable().optional() });

/** `GET /api/v1/recording/{id}/`. `expires_at` is null with "forever" retention. */
export const RecordingSchema = BotRecordingSchema.extend({
  bot: MinimalRefSchema.nullable().default(null),
});

/** `GET /api/v1/video_mixed/{id}/`. */
export const VideoMixedSchema = VideoMixedShortcutSchema.extend({
  recording: MinimalRefSchema.nullable().default(null),
});

/** A string on input, a per-platform object in responses, null once Recall clears it. */
export const MeetingUrlSchema = z.union([
  z.string(),
  z.looseObject({ platform: z.string().optional(), meeting_id: nullableString.optional() }),
  z.null(),
]);

export const BotSchema = z.looseObject({
  id: z.string(),
  meeting_url: MeetingUrlSchema.default(null),
  bot_name: z.string().optional(),
  join_at: nullableStringDefault,
  recording_config: z.record(z.string(), z.unknown()).nullable().optional(),
  status_changes: z.array(StatusChangeSchema).default([]),
  recordings: z.array(BotRecordingSchema).default([]),
  metadata: metadataMap.nullable().optional(),
});

/** List Bots: page-number pagination; `next` is an absolute URL or null. */
export const PaginatedBotListSchema = z.looseObject({
  count: z.number().int().optional(),
  next: nullableStringDefault,
  previous: nullableStringDefault,
  results: z.array(BotSchema),
});

/** Cursor pagination used by the recording and media lists. */
export function cursorListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    next: nullableStringDefault,
    previous: nullableStringDefault,
    results: z.array(item),
  });
}

export const RecordingListSchema = cursorListSchema(RecordingSchema);
export const VideoMixedListSchema = cursorListSchema(VideoMixedSchema);

const artifactToggle = z.record(z.string(), z.unknown()).nullable();

/**
 * A recording config: the `recording_config` of Create Bot, and the FLAT body of Start
 * Recording (recall-api.md §4.2, §5.3). Unlisted fields pass through to Recall.
 */
export const RecordingConfigInputSchema = z.looseObject({
  transcript: artifactToggle.optional(),
  realtime_endpoints: z.array(z.record(z.string(), z.unknown())).optional(),
  retention: z
    .union([
      z.looseObject({ type: z.literal('timed'), hours: z.number().int().min(1) }),
      z.looseObject({ type: z.literal('forever') }),
    ])
    .nullable()
    .optional(),
  video_mixed_layout: z.string().optional(),
  video_mixed_mp4: artifactToggle.optional(),
  video_mixed_participant_video_when_screenshare: z.string().optional(),
  participant_events: artifactToggle.optional(),
  meeting_metadata: artifactToggle.optional(),
  start_recording_on: z.string().optional(),
  include_bot_in_recording: z.looseObject({ audio: z.boolean().optional() }).optional(),
  audio_mixed_raw: artifactToggle.optional(),
  audio_mixed_mp3: artifactToggle.optional(),
  audio_separate_raw: artifactToggle.optional(),
  audio_separate_mp3: artifactToggle.optional(),
  video_separate_mp4: artifactToggle.optional(),
  video_separate_png: artifactToggle.optional(),
  video_mixed_flv: artifactToggle.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/** Create Bot body. `recording_config: null` = manual control (sent as JSON null). */
export const CreateBotInputSchema = z.object({
  meeting_url: z.string().trim().min(1, 'meeting_url is required'),
  bot_name: z.string().min(1).max(100).optional(),
  join_at: z.iso.datetime({ offset: true }).optional(),
  recording_config: RecordingConfigInputSchema.nullable().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  automatic_leave: z.record(z.string(), z.unknown()).optional(),
});

/** Filters of List Bots (recall-api.md §4.4); arrays repeat the query parameter. */
export const ListBotsQuerySchema = z.object({
  page: z.number().int().min(1).optional(),
  status: z.array(z.string()).optional(),
  platform: z.array(z.string()).optional(),
  join_at_after: z.string().optional(),
  join_at_before: z.string().optional(),
  meeting_url: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

export type StatusChange = z.infer<typeof StatusChangeSchema>;
export type RecordingStatus = z.infer<typeof RecordingStatusSchema>;
export type ArtifactStatus = z.infer<typeof ArtifactStatusSchema>;
export type VideoMixedShortcut = z.infer<typeof VideoMixedShortcutSchema>;
export type TranscriptShortcut = z.infer<typeof TranscriptShortcutSchema>;
export type MediaShortcuts = z.infer<typeof MediaShortcutsSchema>;
export type BotRecording = z.infer<typeof BotRecordingSchema>;
export type Recording = z.infer<typeof RecordingSchema>;
export type VideoMixed = z.infer<typeof VideoMixedSchema>;
export type MeetingUrl = z.infer<typeof MeetingUrlSchema>;
export type Bot = z.infer<typeof BotSchema>;
export type PaginatedBotList = z.infer<typeof PaginatedBotListSchema>;
export type CursorList<T> = { next: string | null; previous: string | null; results: T[] };
export type RecordingList = z.infer<typeof RecordingListSchema>;
export type VideoMixedList = z.infer<typeof VideoMixedListSchema>;
export type RecordingConfigInput = z.input<typeof RecordingConfigInputSchema>;
export type CreateBotInput = z.input<typeof CreateBotInputSchema>;
export type ListBotsQuery = z.input<typeof ListBotsQuerySchema>;
