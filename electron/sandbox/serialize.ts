// JSON shapes of the Recall v1.11 objects (recall-api.md §3, §6): Bot, BotRecordingEmbed,
// Recording, VideoMixed and the media shortcuts. Download URLs are signed afresh on every call.
import { ECHO_FIELDS } from './bot-input';
import type { Bot } from './bots';
import type { Artifact, Recording, Status } from './recordings';
import { isoMicro } from './time-format';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
type JsonObj = { [key: string]: Json | undefined };

/** Signs a media path (`/_media/...`) into a full pre-signed URL. */
export type SignUrl = (urlPath: string) => string;

/** Every async transcription provider key appears in Recall's provider echo (null unless chosen). */
const ASYNC_PROVIDERS = ['assembly_ai_async', 'deepgram_async', 'gladia_v2_async', 'recallai_async', 'rev_async', 'speechmatics_async'];

function status(s: Status<string>): JsonObj {
  return { code: s.code, sub_code: s.subCode, updated_at: isoMicro(s.updatedAt) };
}

const iso = (t: number | null): string | null => (t === null ? null : isoMicro(t));

/** Plain JSON copy of caller-supplied configuration (so echoes stay JSON). */
function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value !== 'object') return null;
  const out: JsonObj = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
  return out;
}

export class Serializer {
  constructor(private readonly sign: SignUrl) {}

  private downloadUrl(artifact: Artifact): string | null {
    return artifact.status.code === 'done' && artifact.file !== null ? this.sign(artifact.urlPath) : null;
  }

  private artifactBase(artifact: Artifact): JsonObj {
    return { id: artifact.id, created_at: isoMicro(artifact.createdAt), status: status(artifact.status), metadata: artifact.metadata };
  }

  videoMixedShortcut(artifact: Artifact): JsonObj {
    return { ...this.artifactBase(artifact), data: { download_url: this.downloadUrl(artifact) }, format: 'mp4' };
  }

  private transcriptShortcut(recording: Recording, artifact: Artifact): JsonObj {
    const config = recording.config.transcript ?? {};
    const provider: JsonObj = Object.fromEntries(ASYNC_PROVIDERS.map((k) => [k, null]));
    const given = toJson(config['provider']);
    if (typeof given === 'object' && given !== null && !Array.isArray(given)) Object.assign(provider, given);
    const diarization = config['diarization'];
    const separate =
      typeof diarization === 'object' && diarization !== null && 'use_separate_streams_when_available' in diarization
        ? diarization.use_separate_streams_when_available === true
        : null;
    return {
      ...this.artifactBase(artifact),
      data: { download_url: this.downloadUrl(artifact), provider_data_download_url: null },
      diarization: separate === null ? null : { use_separate_streams_when_available: separate },
      provider,
    };
  }

  private meetingMetadataShortcut(artifact: Artifact, bot: Bot | undefined): JsonObj {
    const platform = bot?.input.meetingUrl.platform ?? null;
    return {
      ...this.artifactBase(artifact),
      data: {
        title: artifact.status.code === 'done' ? 'Sandbox meeting' : null,
        zoom: platform === 'zoom' ? { meeting_uuid: artifact.status.code === 'done' ? Buffer.from(artifact.id).toString('base64').slice(0, 24) : null } : null,
      },
    };
  }

  mediaShortcuts(recording: Recording, bot: Bot | undefined): JsonObj {
    const { video_mixed: video, transcript, meeting_metadata: meta } = recording.artifacts;
    return {
      video_mixed: video === undefined ? null : this.videoMixedShortcut(video),
      transcript: transcript === undefined ? null : this.transcriptShortcut(recording, transcript),
      participant_events: null,
      meeting_metadata: meta === undefined ? null : this.meetingMetadataShortcut(meta, bot),
      audio_mixed: null,
    };
  }

  /** Element of `bot.recordings` (BotRecordingEmbed). */
  embed(recording: Recording, bot: Bot): JsonObj {
    return {
      id: recording.id,
      created_at: isoMicro(recording.createdAt),
      started_at: iso(recording.startedAt),
      completed_at: iso(recording.completedAt),
      expires_at: iso(recording.expiresAt),
      status: status(recording.status),
      media_shortcuts: this.mediaShortcuts(recording, bot),
      metadata: recording.metadata,
    };
  }

  recording(recording: Recording, bot: Bot | undefined): JsonObj {
    return {
      id: recording.id,
      created_at: isoMicro(recording.createdAt),
      started_at: iso(recording.startedAt),
      completed_at: iso(recording.completedAt),
      status: status(recording.status),
      media_shortcuts: this.mediaShortcuts(recording, bot),
      realtime_endpoints: [],
      bot: { id: recording.botId, metadata: bot?.input.metadata ?? {} },
      desktop_sdk_upload: null,
      expires_at: iso(recording.expiresAt),
      metadata: recording.metadata,
    };
  }

  videoMixed(recording: Recording, artifact: Artifact): JsonObj {
    const { id, created_at, status: st, metadata, data, format } = this.videoMixedShortcut(artifact);
    return { id, recording: { id: recording.id, metadata: recording.metadata }, created_at, status: st, metadata, data, format };
  }

  bot(bot: Bot, recordings: readonly Recording[]): JsonObj {
    const { input } = bot;
    const out: JsonObj = {
      id: bot.id,
      meeting_url: input.meetingUrl,
      bot_name: input.botName,
      join_at: iso(bot.joinAt),
      recording_config: toJson(input.recordingConfig),
      status_changes: bot.statusChanges.map((s) => ({
        code: s.code,
        message: s.message,
        created_at: isoMicro(s.createdAt),
        sub_code: s.subCode,
      })),
      recordings: recordings.map((r) => this.embed(r, bot)),
    };
    for (const key of ECHO_FIELDS) out[key] = toJson(input.echo[key] ?? null);
    return { ...out, calendar_meetings: [], slack_team: null, metadata: input.metadata };
  }
}
