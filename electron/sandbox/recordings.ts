// The recordings store: each recording's lifecycle (recording ↔ paused → processing → done /
// failed / deleted), its pause intervals, its media artifacts and retention expiry.
import { randomBytes, randomUUID } from 'node:crypto';
import type { RecordingConfig } from './recording-config';

export type RecordingStatusCode = 'processing' | 'paused' | 'done' | 'failed' | 'deleted';
export type ArtifactStatusCode = 'processing' | 'done' | 'failed' | 'deleted';

export interface Status<C extends string> {
  code: C;
  subCode: string | null;
  updatedAt: number;
}

export type ArtifactKind = 'video_mixed' | 'transcript' | 'meeting_metadata';

/** A finished file served by the media server. */
export interface StoredFile {
  filePath: string;
  size: number;
  etag: string;
  lastModified: number;
  contentType: string;
}

export interface Artifact {
  kind: ArtifactKind;
  id: string;
  createdAt: number;
  status: Status<ArtifactStatusCode>;
  metadata: Record<string, string | null>;
  /** Unguessable media path (`/_media/<opaque>/<file>`), fixed at creation. */
  urlPath: string;
  file: StoredFile | null;
}

export interface PauseInterval {
  start: number;
  end: number | null;
}

export interface Recording {
  id: string;
  botId: string;
  createdAt: number;
  startedAt: number;
  completedAt: number | null;
  status: Status<RecordingStatusCode>;
  config: RecordingConfig;
  pauses: PauseInterval[];
  expiresAt: number | null;
  metadata: Record<string, string | null>;
  artifacts: Partial<Record<ArtifactKind, Artifact>>;
  /** Overwritten by a later Start Recording (replace mode): gone from the bot's `recordings`. */
  replaced: boolean;
}

const FILE_NAMES: Record<ArtifactKind, string | null> = {
  video_mixed: 'video.mp4',
  transcript: 'transcript.json',
  meeting_metadata: null,
};

export class RecordingStore {
  private readonly byId = new Map<string, Recording>();
  private readonly byUrlPath = new Map<string, { recording: Recording; artifact: Artifact }>();

  constructor(private readonly onDeleted: (recording: Recording) => void = () => {}) {}

  create(botId: string, config: RecordingConfig, now: number): Recording {
    const recording: Recording = {
      id: randomUUID(),
      botId,
      createdAt: now,
      startedAt: now,
      completedAt: null,
      status: { code: 'processing', subCode: null, updatedAt: now },
      config,
      pauses: [],
      expiresAt: null,
      metadata: { ...config.metadata },
      artifacts: {},
      replaced: false,
    };
    const wanted: Array<[ArtifactKind, Record<string, string | null> | null]> = [
      ['video_mixed', config.video_mixed_mp4?.metadata ?? null],
      ['transcript', config.transcript === null ? null : transcriptMetadata(config.transcript)],
      ['meeting_metadata', config.meeting_metadata?.metadata ?? null],
    ];
    for (const [kind, metadata] of wanted) {
      if (metadata === null) continue;
      const artifact: Artifact = {
        kind,
        id: randomUUID(),
        createdAt: now,
        status: { code: 'processing', subCode: null, updatedAt: now },
        metadata: { ...metadata },
        urlPath: `/_media/${randomBytes(16).toString('hex')}/${FILE_NAMES[kind] ?? 'data'}`,
        file: null,
      };
      recording.artifacts[kind] = artifact;
      this.byUrlPath.set(artifact.urlPath, { recording, artifact });
    }
    this.byId.set(recording.id, recording);
    return recording;
  }

  get(id: string): Recording | undefined {
    return this.byId.get(id);
  }

  /** All recordings, newest first. */
  all(): Recording[] {
    return [...this.byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  byMediaPath(urlPath: string): { recording: Recording; artifact: Artifact } | undefined {
    return this.byUrlPath.get(urlPath);
  }

  pause(recording: Recording, now: number): void {
    recording.pauses.push({ start: now, end: null });
    recording.status = { code: 'paused', subCode: null, updatedAt: now };
  }

  resume(recording: Recording, now: number): void {
    const open = recording.pauses.at(-1);
    if (open !== undefined && open.end === null) open.end = now;
    recording.status = { code: 'processing', subCode: null, updatedAt: now };
  }

  /** Ends capture; the recording stays `processing` until its media is ready. */
  complete(recording: Recording, now: number): void {
    const open = recording.pauses.at(-1);
    if (open !== undefined && open.end === null) open.end = now;
    recording.completedAt = now;
    recording.status = { code: 'processing', subCode: null, updatedAt: now };
  }

  markArtifact(artifact: Artifact, code: ArtifactStatusCode, now: number, subCode: string | null = null): void {
    artifact.status = { code, subCode, updatedAt: now };
  }

  /** Media is ready (or failed): sets the final status and starts the retention clock then, so
   *  media is always available for the whole retention period even if processing was slow. */
  finish(recording: Recording, code: 'done' | 'failed', now: number, subCode: string | null = null): void {
    recording.status = { code, subCode, updatedAt: now };
    const retention = recording.config.retention;
    if (retention === null) recording.expiresAt = now;
    else if (retention.type === 'timed') recording.expiresAt = now + retention.hours * 3_600_000;
    else recording.expiresAt = null;
  }

  /** Deletes a recording's media (retention expiry, replacement). */
  delete(recording: Recording, now: number, subCode: string | null): void {
    recording.status = { code: 'deleted', subCode, updatedAt: now };
    for (const artifact of Object.values(recording.artifacts)) {
      artifact.status = { code: 'deleted', subCode, updatedAt: now };
    }
    this.onDeleted(recording);
  }

  /** Applies retention: every finished recording past `expires_at` becomes `deleted`. */
  expireDue(now: number): void {
    for (const recording of this.byId.values()) {
      const finished = recording.status.code === 'done' || recording.status.code === 'failed';
      if (finished && recording.expiresAt !== null && now >= recording.expiresAt && recording.config.retention !== null) {
        this.delete(recording, now, 'retention_expired');
      }
    }
  }
}

function transcriptMetadata(transcript: Record<string, unknown>): Record<string, string | null> {
  const metadata = transcript['metadata'];
  if (typeof metadata !== 'object' || metadata === null) return {};
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(metadata)) out[k] = typeof v === 'string' ? v : null;
  return out;
}
