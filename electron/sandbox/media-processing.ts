// Post-recording processing: turns a finished recording's timeline (with its pause
// intervals) into real files via the media renderer, then marks recording and media `done`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Clock } from './clock';
import type { MediaRenderer, MediaTimeline, makeTranscript } from './media';
import type { Artifact, Recording, RecordingStore, StoredFile } from './recordings';

/** Processing never finishes faster than this (sandbox ms); Recall documents "usually < 10 s". */
export const MIN_PROCESSING_MS = 3_000;

export const TRANSCRIPT_PARTICIPANT = 'Sandbox Participant';

export interface MediaProcessorDeps {
  store: RecordingStore;
  clock: Clock;
  renderer: Pick<MediaRenderer, 'warm' | 'render'>;
  makeTranscript: typeof makeTranscript;
  mediaDir: string;
  log: (line: string) => void;
}

export function timelineOf(recording: Recording, end: number): MediaTimeline {
  const t0 = recording.startedAt;
  const durationMs = Math.max(0, Math.round(end - t0));
  const pauses = recording.pauses
    .map((p) => ({ startMs: Math.round(p.start - t0), endMs: Math.min(durationMs, Math.round((p.end ?? end) - t0)) }))
    .filter((p) => p.endMs > p.startMs);
  return { durationMs, pauses };
}

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0);
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export class MediaProcessor {
  private readonly controller = new AbortController();
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(private readonly deps: MediaProcessorDeps) {}

  /** Lets the renderer pre-render while a recording is being captured. */
  warm(): void {
    this.deps.renderer.warm();
  }

  /** Starts processing a completed recording; the returned promise settles when it is final. */
  process(recording: Recording): Promise<void> {
    const job = this.run(recording).catch((error: unknown) => {
      if (this.controller.signal.aborted) return;
      const { store, clock, log } = this.deps;
      const now = clock.now();
      for (const artifact of Object.values(recording.artifacts)) {
        if (artifact.status.code === 'processing') store.markArtifact(artifact, 'failed', now, 'sandbox_render_failed');
      }
      store.finish(recording, 'failed', now, 'sandbox_render_failed');
      log(`recording ${recording.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.jobs.set(recording.id, job);
    return job;
  }

  /** Settles when the recording's processing (if any was started) is final. */
  settled(recording: Recording): Promise<void> {
    return this.jobs.get(recording.id) ?? Promise.resolve();
  }

  filePath(recording: Recording, artifact: Artifact): string {
    return join(this.deps.mediaDir, recording.id, artifact.urlPath.split('/').at(-1) ?? artifact.id);
  }

  /** Removes a deleted recording's files from disk. */
  async removeFiles(recording: Recording): Promise<void> {
    for (const artifact of Object.values(recording.artifacts)) artifact.file = null;
    await rm(join(this.deps.mediaDir, recording.id), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled([...this.jobs.values()]);
  }

  private sleep(sandboxMs: number): Promise<void> {
    const signal = this.controller.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const handle = this.deps.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, sandboxMs);
      const onAbort = (): void => {
        this.deps.clock.clearTimeout(handle);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async run(recording: Recording): Promise<void> {
    const { store, clock } = this.deps;
    const end = recording.completedAt ?? clock.now();
    const timeline = timelineOf(recording, end);
    const minDelay = this.sleep(MIN_PROCESSING_MS);
    const files = new Map<Artifact, StoredFile>();
    if (recording.config.retention !== null) {
      const dir = join(this.deps.mediaDir, recording.id);
      await mkdir(dir, { recursive: true });
      const video = recording.artifacts.video_mixed;
      if (video !== undefined) files.set(video, await this.renderVideo(recording, video, timeline));
      const transcript = recording.artifacts.transcript;
      if (transcript !== undefined) files.set(transcript, await this.writeTranscript(recording, transcript, timeline));
    }
    await minDelay;
    if (this.controller.signal.aborted || recording.status.code === 'deleted') return;
    const now = clock.now();
    for (const artifact of Object.values(recording.artifacts)) {
      if (recording.config.retention === null && artifact.kind !== 'meeting_metadata') {
        store.markArtifact(artifact, 'deleted', now, 'zero_data_retention');
        continue;
      }
      const file = files.get(artifact);
      if (file !== undefined) artifact.file = { ...file, lastModified: now };
      store.markArtifact(artifact, 'done', now);
    }
    store.finish(recording, 'done', now);
  }

  private async renderVideo(recording: Recording, artifact: Artifact, timeline: MediaTimeline): Promise<StoredFile> {
    const finalPath = this.filePath(recording, artifact);
    const partPath = `${finalPath}.part`;
    await this.deps.renderer.render(timeline, partPath, this.controller.signal);
    await rename(partPath, finalPath);
    return this.describe(finalPath, 'video/mp4');
  }

  private async writeTranscript(recording: Recording, artifact: Artifact, timeline: MediaTimeline): Promise<StoredFile> {
    const path = this.filePath(recording, artifact);
    const transcript = this.deps.makeTranscript(timeline, {
      participantName: TRANSCRIPT_PARTICIPANT,
      seed: seedOf(recording.id),
      startedAtMs: recording.startedAt,
    });
    await writeFile(path, JSON.stringify(transcript));
    return this.describe(path, 'application/json');
  }

  private async describe(filePath: string, contentType: string): Promise<StoredFile> {
    const info = await stat(filePath);
    return { filePath, size: info.size, etag: `"${await md5Of(filePath)}"`, lastModified: this.deps.clock.now(), contentType };
  }
}
