// Validation of the Create Bot body (recall-api.md §4.1) into a typed input, with DRF-style
// field errors, plus the sandbox knobs read from `metadata` (documented in index.ts).
import { parseMeetingUrl, type MeetingUrl } from './meeting-url';
import { normalizeRecordingConfig, type RecordingConfig } from './recording-config';
import { parseIsoDateTime } from './time-format';
import { expectedDict, isObject, metadataErrors, stringMap, type FieldErrors, type JsonObject } from './validation';

export const DEFAULT_BOT_NAME = 'Meeting Notetaker';
export const MAX_BOT_NAME = 100;

/** Configuration objects Recall echoes back on the bot unchanged (or null when not given). */
export const ECHO_FIELDS = [
  'output_media',
  'automatic_video_output',
  'automatic_audio_output',
  'chat',
  'automatic_leave',
  'variant',
  'zoom',
  'google_meet',
  'breakout_room',
] as const;
export type EchoField = (typeof ECHO_FIELDS)[number];

/** Per-bot sandbox behaviour, chosen by the caller through reserved metadata keys. */
export interface BotKnobs {
  /** `metadata.sandbox_join_seconds`: joining_call → in call (default 3 sandbox seconds). */
  joinSeconds: number;
  /** `metadata.sandbox_waiting_room_seconds`: time spent `in_waiting_room` (default: none). */
  waitingRoomSeconds: number | null;
  /** `metadata.sandbox_fatal`: the bot fails to join with this `fatal` sub_code. */
  fatalSubCode: string | null;
}

export interface CreateBotInput {
  meetingUrlInput: string;
  meetingUrl: MeetingUrl;
  botName: string;
  joinAt: number | null;
  /** null = manual control (`recording_config: null`). */
  recordingConfig: RecordingConfig | null;
  metadata: Record<string, string | null>;
  /** Configuration objects to echo; absent keys echo as null. */
  echo: Partial<Record<EchoField, JsonObject>>;
  knobs: BotKnobs;
}

export const DEFAULT_JOIN_SECONDS = 3;

function seconds(value: string | null | undefined, name: string, errors: string[]): number | null {
  if (value === undefined || value === null) return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    errors.push(`${name} must be a non-negative number of seconds.`);
    return null;
  }
  return n;
}

function knobs(metadata: Record<string, string | null>, errors: FieldErrors): BotKnobs {
  const problems: string[] = [];
  const result: BotKnobs = {
    joinSeconds: seconds(metadata['sandbox_join_seconds'], 'sandbox_join_seconds', problems) ?? DEFAULT_JOIN_SECONDS,
    waitingRoomSeconds: seconds(metadata['sandbox_waiting_room_seconds'], 'sandbox_waiting_room_seconds', problems),
    fatalSubCode: metadata['sandbox_fatal'] ?? null,
  };
  if (problems.length > 0) errors['metadata'] = problems;
  return result;
}

export type CreateBotResult = { ok: true; input: CreateBotInput } | { ok: false; errors: FieldErrors };

export function validateCreateBot(body: unknown, now: number): CreateBotResult {
  if (!isObject(body)) return { ok: false, errors: { non_field_errors: expectedDict(body) } };
  const errors: FieldErrors = {};

  const rawUrl = body['meeting_url'];
  let meetingUrl: MeetingUrl | null = null;
  if (rawUrl === undefined) errors['meeting_url'] = ['This field is required.'];
  else if (rawUrl === null) errors['meeting_url'] = ['This field may not be null.'];
  else if (typeof rawUrl !== 'string') errors['meeting_url'] = ['Not a valid string.'];
  else if (rawUrl.trim() === '') errors['meeting_url'] = ['This field may not be blank.'];
  else {
    meetingUrl = parseMeetingUrl(rawUrl);
    if (meetingUrl === null) errors['meeting_url'] = ['The meeting_url is malformed, or for an unsupported platform.'];
  }

  const rawName = body['bot_name'];
  let botName = DEFAULT_BOT_NAME;
  if (rawName !== undefined) {
    if (typeof rawName !== 'string') errors['bot_name'] = ['Not a valid string.'];
    else if (rawName.trim() === '') errors['bot_name'] = ['This field may not be blank.'];
    else if (rawName.length > MAX_BOT_NAME) errors['bot_name'] = [`Ensure this field has no more than ${MAX_BOT_NAME} characters.`];
    else botName = rawName;
  }

  const rawJoinAt = body['join_at'];
  let joinAt: number | null = null;
  if (rawJoinAt !== undefined && rawJoinAt !== null) {
    const parsed = typeof rawJoinAt === 'string' ? parseIsoDateTime(rawJoinAt) : Number.NaN;
    if (Number.isNaN(parsed)) {
      errors['join_at'] = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'];
    } else if (parsed > now) {
      joinAt = parsed;
    }
  }

  let recordingConfig: RecordingConfig | null = null;
  if (body['recording_config'] !== null) {
    const result = normalizeRecordingConfig(body['recording_config']);
    if (result.ok) recordingConfig = result.config;
    else errors['recording_config'] = result.errors;
  }

  let metadata: Record<string, string | null> = {};
  if (body['metadata'] !== undefined && body['metadata'] !== null) {
    const bad = metadataErrors(body['metadata']);
    if (bad !== null || !isObject(body['metadata'])) errors['metadata'] = bad ?? expectedDict(body['metadata']);
    else metadata = stringMap(body['metadata']);
  }
  const botKnobs = knobs(metadata, errors);

  const echo: Partial<Record<EchoField, JsonObject>> = {};
  for (const key of ECHO_FIELDS) {
    const value = body[key];
    if (isObject(value)) echo[key] = value;
    else if (value !== undefined && value !== null) errors[key] = { non_field_errors: expectedDict(value) };
  }

  if (Object.keys(errors).length > 0 || meetingUrl === null || typeof rawUrl !== 'string') return { ok: false, errors };
  return {
    ok: true,
    input: { meetingUrlInput: rawUrl, meetingUrl, botName, joinAt, recordingConfig, metadata, echo, knobs: botKnobs },
  };
}
