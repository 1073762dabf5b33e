// Recording configuration (recall-api.md §4.2/§5.3): validation with DRF-style errors and the
// normalized echo with Recall's defaults filled in. Used by bot creation and Start Recording.
import { expectedDict, invalidChoice, isObject, metadataErrors, stringMap, type FieldErrors, type JsonObject } from './validation';

export type StartRecordingOn = 'call_join' | 'participant_join' | 'participant_speak' | 'manual';
export type Retention = { type: 'timed'; hours: number } | { type: 'forever' } | null;
export type ArtifactConfig = { metadata: Record<string, string | null> } | null;

export interface RecordingConfig {
  transcript: JsonObject | null;
  realtime_endpoints: unknown[];
  retention: Retention;
  video_mixed_layout: string;
  video_mixed_mp4: ArtifactConfig;
  participant_events: ArtifactConfig;
  meeting_metadata: ArtifactConfig;
  video_mixed_participant_video_when_screenshare: string;
  start_recording_on: StartRecordingOn;
  include_bot_in_recording: { audio: boolean };
  metadata: Record<string, string | null>;
  audio_mixed_raw: ArtifactConfig;
  audio_mixed_mp3: ArtifactConfig;
  video_separate_mp4: ArtifactConfig;
  audio_separate_raw: ArtifactConfig;
  audio_separate_mp3: ArtifactConfig;
  video_mixed_flv: ArtifactConfig;
  video_separate_png: ArtifactConfig;
}

/** Default retention: the spec's 168 hours (Recall's newer accounts default to forever). */
export const DEFAULT_RETENTION_HOURS = 168;

const LAYOUTS = ['speaker_view', 'gallery_view', 'gallery_view_v2', 'audio_only'];
const SCREENSHARE = ['hide', 'beside', 'overlap'];
const START_ON: readonly StartRecordingOn[] = ['call_join', 'participant_join', 'participant_speak', 'manual'];
const ON_BY_DEFAULT = ['video_mixed_mp4', 'participant_events', 'meeting_metadata'] as const;
const OFF_BY_DEFAULT = [
  'audio_mixed_raw',
  'audio_mixed_mp3',
  'video_separate_mp4',
  'audio_separate_raw',
  'audio_separate_mp3',
  'video_mixed_flv',
  'video_separate_png',
] as const;

export type ConfigResult = { ok: true; config: RecordingConfig } | { ok: false; errors: FieldErrors };

function artifact(value: unknown, fallback: ArtifactConfig, errors: FieldErrors, key: string): ArtifactConfig {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (!isObject(value)) {
    errors[key] = { non_field_errors: expectedDict(value) };
    return null;
  }
  if (value['metadata'] === undefined) return { metadata: {} };
  const bad = metadataErrors(value['metadata']);
  if (bad !== null || !isObject(value['metadata'])) {
    errors[key] = { metadata: bad ?? expectedDict(value['metadata']) };
    return null;
  }
  return { metadata: stringMap(value['metadata']) };
}

function retention(value: unknown, errors: FieldErrors): Retention {
  if (value === undefined) return { type: 'timed', hours: DEFAULT_RETENTION_HOURS };
  if (value === null) return null;
  if (!isObject(value)) {
    errors['retention'] = { non_field_errors: expectedDict(value) };
    return null;
  }
  const type = value['type'];
  if (type === 'forever') return { type: 'forever' };
  if (type !== 'timed') {
    errors['retention'] = { type: type === undefined ? ['This field is required.'] : invalidChoice(type) };
    return null;
  }
  const hours = value['hours'] ?? DEFAULT_RETENTION_HOURS;
  if (typeof hours !== 'number' || !Number.isInteger(hours)) {
    errors['retention'] = { hours: ['A valid integer is required.'] };
    return null;
  }
  if (hours < 1) {
    errors['retention'] = { hours: ['Ensure this value is greater than or equal to 1.'] };
    return null;
  }
  return { type: 'timed', hours };
}

function transcript(value: unknown, errors: FieldErrors): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    errors['transcript'] = { non_field_errors: expectedDict(value) };
    return null;
  }
  const provider = value['provider'];
  if (!isObject(provider)) {
    errors['transcript'] = { provider: provider === undefined ? ['This field is required.'] : expectedDict(provider) };
    return null;
  }
  if (value['metadata'] !== undefined) {
    const bad = metadataErrors(value['metadata']);
    if (bad !== null) {
      errors['transcript'] = { metadata: bad };
      return null;
    }
  }
  return value;
}

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T, errors: FieldErrors, key: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors[key] = invalidChoice(value);
  return fallback;
}

/** Validates a (flat) recording config and fills in the defaults Recall documents. */
export function normalizeRecordingConfig(input: unknown): ConfigResult {
  if (input === undefined) input = {};
  if (!isObject(input)) return { ok: false, errors: { non_field_errors: expectedDict(input) } };
  const errors: FieldErrors = {};
  const realtime = input['realtime_endpoints'];
  if (realtime !== undefined && !Array.isArray(realtime)) {
    errors['realtime_endpoints'] = [`Expected a list of items but got type "${typeof realtime}".`];
  }
  const include = input['include_bot_in_recording'];
  let includeAudio = false;
  if (include !== undefined) {
    if (!isObject(include) || (include['audio'] !== undefined && typeof include['audio'] !== 'boolean')) {
      errors['include_bot_in_recording'] = isObject(include) ? { audio: ['Must be a valid boolean.'] } : { non_field_errors: expectedDict(include) };
    } else {
      includeAudio = include['audio'] === true;
    }
  }
  let metadata: Record<string, string | null> = {};
  if (input['metadata'] !== undefined) {
    const bad = metadataErrors(input['metadata']);
    if (bad !== null || !isObject(input['metadata'])) errors['metadata'] = bad ?? expectedDict(input['metadata']);
    else metadata = stringMap(input['metadata']);
  }
  const config: RecordingConfig = {
    transcript: transcript(input['transcript'], errors),
    realtime_endpoints: Array.isArray(realtime) ? realtime : [],
    retention: retention(input['retention'], errors),
    video_mixed_layout: choice(input['video_mixed_layout'], LAYOUTS, 'speaker_view', errors, 'video_mixed_layout'),
    video_mixed_mp4: { metadata: {} },
    participant_events: { metadata: {} },
    meeting_metadata: { metadata: {} },
    video_mixed_participant_video_when_screenshare: choice(
      input['video_mixed_participant_video_when_screenshare'],
      SCREENSHARE,
      'overlap',
      errors,
      'video_mixed_participant_video_when_screenshare',
    ),
    start_recording_on: choice(input['start_recording_on'], START_ON, 'participant_join', errors, 'start_recording_on'),
    include_bot_in_recording: { audio: includeAudio },
    metadata,
    audio_mixed_raw: null,
    audio_mixed_mp3: null,
    video_separate_mp4: null,
    audio_separate_raw: null,
    audio_separate_mp3: null,
    video_mixed_flv: null,
    video_separate_png: null,
  };
  for (const key of ON_BY_DEFAULT) config[key] = artifact(input[key], { metadata: {} }, errors, key);
  for (const key of OFF_BY_DEFAULT) config[key] = artifact(input[key], null, errors, key);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, config };
}
