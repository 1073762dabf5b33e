// The download manager: a persisted queue (the folder manifest) of recording downloads run
// with a concurrency limit, cancel (keeping the partial file unless discarded), "download all"
// for a bot, resume of unfinished downloads after a restart, and throttled progress events.
import { join } from 'node:path';
import { RecallError, realSleep, type Sleep } from '../recall';
import { DownloadError, cancelledError, diskError, isDownloadError } from './errors';
import { firstFreeName, recordingFileName } from './file-name';
import { nodeLocalFs, statOrNull, type LocalFs } from './local-fs';
import { HashCache, localStateOf, type LocalFileState } from './local-state';
import { DownloadManifest, type ManifestEntry } from './manifest';
import { downloadErrorFromRecall, isTransientRecallError, notDownloadableReason, type MediaClient } from './media-source';
import type { DownloadProgress } from './progress';
import { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './retry-policy';
import { PART_SUFFIX, Transfer, type DownloadResult, type RetryNotice, type TransferDeps } from './transfer';

export interface DownloadManagerOptions {
  client: MediaClient;
  /** The current download folder (from settings); asked again for every new download. */
  downloadDir: () => string | Promise<string>;
  fs?: LocalFs;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  /** Downloads running at once, default 2. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  idleTimeoutMs?: number;
  /** Minimum time between progress events of one download, default 250 ms (≤ 4/s). */
  progressIntervalMs?: number;
  /** Time zone of the meeting time in file names; default the machine's. */
  timeZone?: string;
}

export interface DownloadRequest {
  recordingId: string;
  /** For the file name; read from the recording's bot when omitted. */
  botName?: string | null;
}

export interface DownloadTicket {
  recordingId: string;
  /** Settles when the file is complete and verified, or with a DownloadError. */
  done: Promise<DownloadResult>;
}

export interface DownloadErrorSummary {
  kind: string;
  message: string;
  resumable: boolean;
}

export type DownloadEvent =
  | { type: 'queued'; recordingId: string }
  | { type: 'started'; recordingId: string; fileName: string; dir: string }
  | { type: 'progress'; recordingId: string; progress: DownloadProgress }
  | { type: 'retrying'; recordingId: string; failures: number; delayMs: number; reason: string }
  | { type: 'completed'; recordingId: string; result: DownloadResult; alreadyDownloaded: boolean }
  | { type: 'failed'; recordingId: string; error: DownloadErrorSummary }
  | { type: 'cancelled'; recordingId: string; discarded: boolean };

export interface ActiveDownload {
  recordingId: string;
  state: 'queued' | 'downloading';
  fileName: string | null;
  progress: DownloadProgress | null;
}

interface Job {
  recordingId: string;
  request: DownloadRequest;
  controller: AbortController;
  state: 'queued' | 'downloading';
  fileName: string | null;
  progress: DownloadProgress | null;
  discard: boolean;
  /** Set right after the job starts running. */
  ticket: DownloadTicket | null;
}

export function summarizeError(err: unknown): DownloadErrorSummary {
  if (isDownloadError(err)) return { kind: err.kind, message: err.message, resumable: err.resumable };
  return { kind: 'unknown', message: err instanceof Error ? err.message : String(err), resumable: true };
}

/** FIFO slots: at most `size` holders at once. */
class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw cancelledError();
    if (this.used < this.size) {
      this.used++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.used++;
        resolve();
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelledError());
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.used--;
    this.waiting.shift()?.();
  }
}

const RESUMABLE_KINDS = new Set<LocalFileState['kind']>(['not_downloaded', 'partial']);

export class DownloadManager {
  private readonly fs: LocalFs;
  private readonly deps: TransferDeps;
  private readonly slots: Slots;
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(event: DownloadEvent) => void>();
  private readonly hashes = new HashCache();
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  constructor(private readonly opts: DownloadManagerOptions) {
    this.fs = opts.fs ?? nodeLocalFs;
    this.deps = {
      client: opts.client,
      fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      fs: this.fs,
      now: opts.now ?? Date.now,
      sleep: opts.sleep ?? realSleep,
      random: opts.random ?? Math.random,
      retry: { ...DEFAULT_RETRY_POLICY, ...opts.retry },
      idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
      progressIntervalMs: opts.progressIntervalMs ?? 250,
    };
    this.slots = new Slots(Math.max(1, opts.concurrency ?? 2));
  }

  subscribe(listener: (event: DownloadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a download (or returns the one already queued for that recording). */
  enqueue(request: DownloadRequest): DownloadTicket {
    if (this.closing) {
      const done = Promise.reject(cancelledError());
      done.catch(() => undefined);
      return { recordingId: request.recordingId, done };
    }
    const existing = this.jobs.get(request.recordingId)?.ticket;
    if (existing) return existing;
    const controller = new AbortController();
    const job: Job = {
      recordingId: request.recordingId,
      request,
      controller,
      state: 'queued',
      fileName: null,
      progress: null,
      discard: false,
      ticket: null,
    };
    this.jobs.set(request.recordingId, job);
    const done = this.run(job);
    done.catch(() => undefined);
    const ticket = { recordingId: request.recordingId, done };
    job.ticket = ticket;
    this.track(done);
    this.emit({ type: 'queued', recordingId: request.recordingId });
    return ticket;
  }

  download(request: DownloadRequest): Promise<DownloadResult> {
    return this.enqueue(request).done;
  }

  /** Queues every finished recording of the bot whose video is not on this computer yet. */
  async downloadAll(botId: string, signal?: AbortSignal): Promise<DownloadTicket[]> {
    const bot = await this.opts.client.getBot(botId, signal ? { signal } : {});
    const ready = bot.recordings
      .filter((r) => r.status?.code === 'done' && r.media_shortcuts?.video_mixed?.status.code === 'done')
      .sort((a, b) => Date.parse(a.started_at ?? a.created_at) - Date.parse(b.started_at ?? b.created_at));
    const states = await this.localStates(ready.map((r) => r.id));
    const tickets: DownloadTicket[] = [];
    for (const recording of ready) {
      const kind = states.get(recording.id)?.kind ?? 'not_downloaded';
      if (!RESUMABLE_KINDS.has(kind) && !this.jobs.has(recording.id)) continue;
      tickets.push(this.enqueue({ recordingId: recording.id, botName: bot.bot_name ?? null }));
    }
    return tickets;
  }

  /** Resumes every download the manifest of the current folder still lists as unfinished. */
  async resumePending(): Promise<DownloadTicket[]> {
    const dir = await this.opts.downloadDir();
    const entries = await new DownloadManifest(this.fs, dir, this.deps.now).entries();
    return entries.filter((e) => e.state === 'pending').map((e) => this.enqueue({ recordingId: e.recordingId, botName: e.botName }));
  }

  /**
   * Stops a queued or running download. The partial file stays for a later resume unless
   * `discard`, which also forgets it. Returns false when there was nothing to cancel.
   */
  async cancel(recordingId: string, opts: { discard?: boolean } = {}): Promise<boolean> {
    const job = this.jobs.get(recordingId);
    if (job) {
      job.discard = opts.discard === true;
      job.controller.abort();
      await job.ticket?.done.catch(() => undefined);
      return true;
    }
    if (!opts.discard) return false;
    const manifest = new DownloadManifest(this.fs, await this.opts.downloadDir(), this.deps.now);
    const entry = await manifest.get(recordingId);
    if (!entry || entry.state === 'complete') return false;
    await this.discardPart(manifest, entry);
    this.emit({ type: 'cancelled', recordingId, discarded: true });
    return true;
  }

  active(): ActiveDownload[] {
    return [...this.jobs.values()].map((j) => ({ recordingId: j.recordingId, state: j.state, fileName: j.fileName, progress: j.progress }));
  }

  async localState(recordingId: string): Promise<LocalFileState> {
    return (await this.localStates([recordingId])).get(recordingId) ?? { kind: 'not_downloaded' };
  }

  /** Local file states of many recordings, reading the manifest once. */
  async localStates(recordingIds: readonly string[]): Promise<Map<string, LocalFileState>> {
    const out = new Map<string, LocalFileState>();
    const rest: string[] = [];
    for (const id of recordingIds) {
      const job = this.jobs.get(id);
      if (job?.state === 'queued') out.set(id, { kind: 'queued' });
      else if (job?.state === 'downloading') {
        out.set(id, { kind: 'downloading', ...(job.progress ?? { bytes: 0, total: null, percent: null, rateBps: null, etaMs: null }) });
      } else rest.push(id);
    }
    if (rest.length === 0) return out;
    const dir = await this.opts.downloadDir();
    const entries = new Map((await new DownloadManifest(this.fs, dir, this.deps.now).entries()).map((e) => [e.recordingId, e]));
    for (const id of rest) out.set(id, await localStateOf(this.fs, dir, entries.get(id), this.hashes));
    return out;
  }

  /** The download folder's manifest entries (for listings of recordings known locally). */
  async manifestEntries(): Promise<ManifestEntry[]> {
    return new DownloadManifest(this.fs, await this.opts.downloadDir(), this.deps.now).entries();
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops everything for shutdown; unfinished downloads stay pending for resumePending(). */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.jobs.values()) job.controller.abort();
    await this.idle();
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  private emit(event: DownloadEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private async run(job: Job): Promise<DownloadResult> {
    const signal = job.controller.signal;
    let manifest: DownloadManifest | null = null;
    let acquired = false;
    // The place in line is taken now, before any await, so downloads start in the order queued.
    const slot = this.slots.acquire(signal);
    slot.catch(() => undefined);
    try {
      const dir = await this.opts.downloadDir();
      manifest = new DownloadManifest(this.fs, dir, this.deps.now);
      const prepared = await this.prepare(job, dir, manifest);
      if ('result' in prepared) {
        this.emit({ type: 'completed', recordingId: job.recordingId, result: prepared.result, alreadyDownloaded: true });
        return prepared.result;
      }
      await slot;
      acquired = true;
      job.state = 'downloading';
      this.emit({ type: 'started', recordingId: job.recordingId, fileName: prepared.entry.fileName, dir });
      const transfer = new Transfer(
        this.deps,
        {
          recordingId: job.recordingId,
          dir,
          manifest,
          signal,
          onProgress: (progress) => {
            job.progress = progress;
            this.emit({ type: 'progress', recordingId: job.recordingId, progress });
          },
          onRetry: (notice: RetryNotice) => this.emit({ type: 'retrying', ...notice }),
        },
        prepared.entry,
      );
      const result = await transfer.run();
      this.emit({ type: 'completed', recordingId: job.recordingId, result, alreadyDownloaded: false });
      return result;
    } catch (caught) {
      const err = signal.aborted ? cancelledError() : caught instanceof RecallError ? downloadErrorFromRecall(caught) : caught;
      await this.afterFailure(job, manifest, err);
      throw err;
    } finally {
      if (acquired) this.slots.release();
      else void slot.then(() => this.slots.release(), () => undefined);
      this.jobs.delete(job.recordingId);
    }
  }

  private async afterFailure(job: Job, manifest: DownloadManifest | null, err: unknown): Promise<void> {
    const entry = manifest ? await manifest.get(job.recordingId).catch(() => undefined) : undefined;
    if (isDownloadError(err) && err.kind === 'cancelled') {
      if (manifest && entry && entry.state !== 'complete' && !this.closing) {
        // Nothing downloaded yet means nothing worth keeping: forget it like a discard.
        const kept = await statOrNull(this.fs, join(manifest.dir, entry.fileName + PART_SUFFIX)).catch(() => null);
        if (job.discard || kept === null) await this.discardPart(manifest, entry).catch(() => undefined);
        else await manifest.update(job.recordingId, (e) => e && { ...e, state: 'paused', error: null }).catch(() => undefined);
      }
      this.emit({ type: 'cancelled', recordingId: job.recordingId, discarded: job.discard });
      return;
    }
    const summary = summarizeError(err);
    if (manifest && entry && entry.state !== 'complete') {
      await manifest
        .update(job.recordingId, (e) => e && { ...e, state: 'failed', error: { kind: summary.kind, message: summary.message } })
        .catch(() => undefined);
    }
    this.emit({ type: 'failed', recordingId: job.recordingId, error: summary });
  }

  private async discardPart(manifest: DownloadManifest, entry: ManifestEntry): Promise<void> {
    await this.fs.rm(join(manifest.dir, entry.fileName + PART_SUFFIX), { force: true });
    await manifest.update(entry.recordingId, () => undefined);
  }

  /** The manifest entry to download into, or the existing verified file when there is one. */
  private async prepare(job: Job, dir: string, manifest: DownloadManifest): Promise<{ entry: ManifestEntry } | { result: DownloadResult }> {
    try {
      await this.fs.mkdir(dir, { recursive: true });
    } catch (err) {
      throw diskError(err, dir, null);
    }
    const existing = await manifest.get(job.recordingId);
    if (existing?.state === 'complete') {
      const state = await localStateOf(this.fs, dir, existing, this.hashes);
      if (state.kind === 'downloaded') {
        job.fileName = state.fileName;
        return {
          result: { recordingId: job.recordingId, fileName: state.fileName, path: state.path, size: state.size, sha256: state.sha256, resumedFromBytes: state.size },
        };
      }
    }
    if (existing && existing.state !== 'complete') {
      const entry = await manifest.update(job.recordingId, (e) => e && { ...e, state: 'pending', error: null });
      if (!entry) throw new DownloadError({ kind: 'disk', message: `The download list in ${dir} could not be updated` });
      job.fileName = entry.fileName;
      return { entry };
    }
    const fresh = await this.newEntry(job, dir, manifest, existing);
    job.fileName = fresh.fileName;
    return { entry: fresh };
  }

  /** Retries Recall's transient failures with the download retry policy. */
  private async retrying<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (let failures = 1; ; failures++) {
      try {
        return await call();
      } catch (err) {
        if (!isTransientRecallError(err) || failures >= this.deps.retry.maxAttempts || signal.aborted) throw err;
        await this.deps.sleep(err.retryAfterMs ?? backoffDelay(this.deps.retry, failures, this.deps.random), signal);
        if (signal.aborted) throw cancelledError();
      }
    }
  }

  private async newEntry(job: Job, dir: string, manifest: DownloadManifest, previous: ManifestEntry | undefined): Promise<ManifestEntry> {
    const signal = job.controller.signal;
    const recording = await this.retrying(() => this.opts.client.getRecording(job.recordingId, { signal }), signal);
    const refusal = notDownloadableReason(recording);
    if (refusal) throw refusal;
    let botName = job.request.botName ?? null;
    if (botName === null && recording.bot) {
      botName = (await this.opts.client.getBot(recording.bot.id, { signal }).catch(() => null))?.bot_name ?? null;
    }
    const startedAt = Date.parse(recording.started_at ?? recording.created_at);
    const base = recordingFileName({
      botName,
      startedAt: Number.isNaN(startedAt) ? null : startedAt,
      recordingId: job.recordingId,
      ...(this.opts.timeZone !== undefined && { timeZone: this.opts.timeZone }),
    });
    // Two downloads whose names collide must not both pick the same free name: choosing a name
    // and recording it in the manifest is one critical section.
    return this.withNameLock(() => this.claimName(job, dir, manifest, previous, recording, botName, base));
  }

  private nameLock: Promise<unknown> = Promise.resolve();

  private withNameLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.nameLock.then(fn, fn);
    this.nameLock = run.catch(() => undefined);
    return run;
  }

  private async claimName(
    job: Job,
    dir: string,
    manifest: DownloadManifest,
    previous: ManifestEntry | undefined,
    recording: Awaited<ReturnType<DownloadManagerOptions['client']['getRecording']>>,
    botName: string | null,
    base: string,
  ): Promise<ManifestEntry> {
    const others = new Set((await manifest.entries()).filter((e) => e.recordingId !== job.recordingId).map((e) => e.fileName));
    const taken = async (name: string): Promise<boolean> =>
      others.has(name) || (await statOrNull(this.fs, join(dir, name))) !== null || (await statOrNull(this.fs, join(dir, name + PART_SUFFIX))) !== null;
    // A missing file is downloaded again under its old name; a changed one is kept, never overwritten.
    const fileName = previous && !(await taken(previous.fileName)) ? previous.fileName : await firstFreeName(base, taken);
    const entry: ManifestEntry = {
      recordingId: job.recordingId,
      botId: recording.bot?.id ?? null,
      botName,
      videoMixedId: recording.media_shortcuts?.video_mixed?.id ?? null,
      fileName,
      state: 'pending',
      total: null,
      etag: null,
      lastModified: null,
      size: null,
      sha256: null,
      mtimeMs: null,
      queuedAt: this.deps.now(),
      completedAt: null,
      error: null,
    };
    await manifest.update(job.recordingId, () => entry);
    return entry;
  }
}
