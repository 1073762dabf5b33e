// One recording's download, start to verified file: a fresh URL per attempt, streaming into
// `<name>.part` with constant memory, resume with Range + If-Range after any interruption,
// retries (backoff, Retry-After, URL refresh on 403), then size/checksum verification, fsync
// and an atomic rename to a name that never overwrites another file.
import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RecallError, parseRetryAfter, type Sleep } from '../recall';
import { DownloadError, cancelledError, diskError, errorCodeOf, formatBytes, isDiskErrorCode } from './errors';
import { firstFreeName } from './file-name';
import { statOrNull, type LocalFs } from './local-fs';
import type { DownloadManifest, ManifestEntry } from './manifest';
import { downloadErrorFromRecall, freshMediaSource, isTransientRecallError, shortId, type MediaClient } from './media-source';
import { ProgressMeter, type DownloadProgress } from './progress';
import { backoffDelay, type RetryPolicy } from './retry-policy';

export interface TransferDeps {
  client: MediaClient;
  fetch: typeof fetch;
  fs: LocalFs;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  retry: RetryPolicy;
  /** An attempt that receives no byte for this long is abandoned and retried. */
  idleTimeoutMs: number;
  progressIntervalMs: number;
}

export interface RetryNotice {
  recordingId: string;
  /** Consecutive failed attempts so far. */
  failures: number;
  delayMs: number;
  reason: string;
}

export interface TransferJob {
  recordingId: string;
  dir: string;
  manifest: DownloadManifest;
  signal: AbortSignal;
  onProgress(progress: DownloadProgress): void;
  onRetry(notice: RetryNotice): void;
}

export interface DownloadResult {
  recordingId: string;
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  /** Bytes that were already on disk when this run started (0 for a fresh download). */
  resumedFromBytes: number;
}

export const PART_SUFFIX = '.part';

/** Running digests of the bytes in the .part file. node's Hash cannot be persisted, so a
 * resume re-reads the part from disk once instead of refetching it. The MD5 is only kept while
 * the server's ETag is one (S3 single-part uploads): it is wasted work on every byte otherwise. */
class PartDigest {
  sha256: Hash = createHash('sha256');
  md5: Hash | null;
  bytes = 0;

  constructor(withMd5: boolean) {
    this.md5 = withMd5 ? createHash('md5') : null;
  }

  update(chunk: Buffer): void {
    this.sha256.update(chunk);
    this.md5?.update(chunk);
    this.bytes += chunk.length;
  }

  /** Before the first byte: the server's ETag says whether an MD5 can be checked at the end. */
  expectMd5(withMd5: boolean): void {
    if (this.bytes === 0) this.md5 = withMd5 ? (this.md5 ?? createHash('md5')) : null;
  }

  static async fromDisk(fs: LocalFs, path: string, length: number, withMd5: boolean, signal: AbortSignal): Promise<PartDigest> {
    const digest = new PartDigest(withMd5);
    if (length === 0) return digest;
    const sink = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        digest.update(chunk);
        callback();
      },
    });
    await pipeline(fs.createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1 << 20 }), sink, { signal });
    return digest;
  }
}

/** A failed attempt that is worth another try, with the wait the server asked for. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly opts: { kind?: 'network' | 'server' | 'rate_limited'; retryAfterMs?: number; immediate?: boolean; progressed?: boolean } = {},
  ) {
    super(message);
  }
}

/** The part on disk no longer matches what the server sends: start over from byte 0. */
class Restart extends Error {}

function isStrongEtag(etag: string | null): etag is string {
  return etag !== null && etag.startsWith('"');
}

/** S3 ETags of single-part uploads are the MD5 of the body; multipart ones carry a "-N". */
function md5FromEtag(etag: string | null): string | null {
  const match = etag === null ? null : /^"([0-9a-f]{32})"$/i.exec(etag);
  return match?.[1]?.toLowerCase() ?? null;
}

function parseContentRange(value: string | null): { start: number; end: number; total: number | null } | null {
  const match = value === null ? null : /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value.trim());
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === '*' ? null : Number(match[3]) };
}

function unsatisfiedTotal(value: string | null): number | null {
  const match = value === null ? null : /^bytes\s+\*\/(\d+)$/i.exec(value.trim());
  return match ? Number(match[1]) : null;
}

function contentLength(res: Response): number | null {
  const raw = res.headers.get('content-length');
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : null;
}

async function discardBody(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // The body is being thrown away; a failure to cancel it changes nothing.
  }
}

export class Transfer {
  private digest: PartDigest | null = null;
  private failures = 0;
  private refreshesWithoutProgress = 0;
  private integrityFailures = 0;
  private readonly meter: ProgressMeter;
  private readonly partPath: string;
  private entry: ManifestEntry;
  private resumedFromBytes = -1;

  constructor(
    private readonly deps: TransferDeps,
    private readonly job: TransferJob,
    entry: ManifestEntry,
  ) {
    this.entry = entry;
    this.partPath = join(job.dir, entry.fileName + PART_SUFFIX);
    this.meter = new ProgressMeter({ now: deps.now, intervalMs: deps.progressIntervalMs });
  }

  async run(): Promise<DownloadResult> {
    for (;;) {
      this.throwIfCancelled();
      try {
        return await this.attempt();
      } catch (err) {
        if (err instanceof Restart) {
          await this.resetPart();
          continue;
        }
        if (!(err instanceof Retryable)) throw this.asFinal(err);
        await this.waitBeforeRetry(err);
      }
    }
  }

  private throwIfCancelled(): void {
    if (this.job.signal.aborted) throw cancelledError();
  }

  private asFinal(err: unknown): unknown {
    if (this.job.signal.aborted) return cancelledError();
    if (err instanceof DownloadError) return err;
    if (err instanceof RecallError) return downloadErrorFromRecall(err);
    return err;
  }

  private async waitBeforeRetry(err: Retryable): Promise<void> {
    if (err.opts.progressed) this.failures = 0;
    this.failures += 1;
    const { retry } = this.deps;
    if (this.failures >= retry.maxAttempts) {
      throw new DownloadError({
        kind: err.opts.kind ?? 'network',
        message: `Download of recording ${shortId(this.job.recordingId)} failed after ${this.failures} attempts: ${err.message}`,
        resumable: true,
      });
    }
    let delayMs: number;
    if (err.opts.retryAfterMs !== undefined) {
      if (err.opts.retryAfterMs > retry.maxRetryAfterMs) {
        throw new DownloadError({
          kind: 'rate_limited',
          message: `The download server asked to wait ${Math.ceil(err.opts.retryAfterMs / 1000)} s; try again later`,
          resumable: true,
        });
      }
      delayMs = err.opts.retryAfterMs;
    } else {
      delayMs = err.opts.immediate ? 0 : backoffDelay(retry, this.failures, this.deps.random);
    }
    this.job.onRetry({ recordingId: this.job.recordingId, failures: this.failures, delayMs, reason: err.message });
    if (delayMs > 0) await this.deps.sleep(delayMs, this.job.signal);
    this.throwIfCancelled();
  }

  private async saveEntry(patch: Partial<ManifestEntry>): Promise<void> {
    const updated = await this.job.manifest.update(this.job.recordingId, (current) => ({ ...(current ?? this.entry), ...patch }));
    if (updated) this.entry = updated;
  }

  private async resetPart(): Promise<void> {
    await this.deps.fs.rm(this.partPath, { force: true }).catch((err: unknown) => {
      throw diskError(err, this.job.dir, null);
    });
    this.digest = new PartDigest(true);
    await this.saveEntry({ total: null, etag: null, lastModified: null });
  }

  /** Digest of the part as it is on disk now (re-hashed only when it differs from memory). */
  private async partDigest(): Promise<PartDigest> {
    const size = (await statOrNull(this.deps.fs, this.partPath))?.size ?? 0;
    if (this.digest === null || this.digest.bytes !== size) {
      const withMd5 = size === 0 || md5FromEtag(this.entry.etag) !== null;
      this.digest = await PartDigest.fromDisk(this.deps.fs, this.partPath, size, withMd5, this.job.signal);
    }
    if (this.resumedFromBytes < 0) this.resumedFromBytes = size;
    return this.digest;
  }

  private async fetchSource(): Promise<string> {
    try {
      return (await freshMediaSource(this.deps.client, this.job.recordingId, this.job.signal)).url;
    } catch (err) {
      if (isTransientRecallError(err) && !this.job.signal.aborted) {
        const kind = err.kind === 'server' ? 'server' : err.kind === 'rate_limited' ? 'rate_limited' : 'network';
        throw new Retryable(err.message, err.retryAfterMs !== undefined ? { kind, retryAfterMs: err.retryAfterMs } : { kind });
      }
      throw err;
    }
  }

  private async attempt(): Promise<DownloadResult> {
    const url = await this.fetchSource();
    let digest = await this.partDigest();
    const validator = isStrongEtag(this.entry.etag) ? this.entry.etag : this.entry.lastModified;
    if (digest.bytes > 0 && validator === null) throw new Restart();

    const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
    if (digest.bytes > 0 && validator !== null) {
      headers['Range'] = `bytes=${digest.bytes}-`;
      headers['If-Range'] = validator;
    }
    const attempt = new AbortController();
    const signal = AbortSignal.any([this.job.signal, attempt.signal]);
    // A server that accepts the connection but never answers would otherwise stall the download
    // (fetch's own header timeout is minutes): waiting for the answer counts as idle time too.
    const unanswered = setTimeout(() => attempt.abort(), this.deps.idleTimeoutMs);
    let res: Response;
    try {
      res = await this.deps.fetch(url, { headers, signal });
    } catch (err) {
      if (this.job.signal.aborted) throw cancelledError();
      if (attempt.signal.aborted) throw new Retryable(`the download server did not answer for ${Math.round(this.deps.idleTimeoutMs / 1000)} s`);
      throw new Retryable(`the connection to the download server failed (${errorCodeOf(err) ?? (err instanceof Error ? err.message : String(err))})`);
    } finally {
      clearTimeout(unanswered);
    }

    let total: number | null;
    switch (res.status) {
      case 200:
        if (digest.bytes > 0) {
          // If-Range did not hold: the file changed on the server, so the part is worthless.
          await this.resetPart();
          digest = this.digest ?? new PartDigest(true);
        }
        total = contentLength(res);
        await this.saveEntry({ total, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') });
        digest.expectMd5(md5FromEtag(this.entry.etag) !== null);
        break;
      case 206: {
        const range = parseContentRange(res.headers.get('content-range'));
        const etag = res.headers.get('etag');
        if (range === null || range.start !== digest.bytes || (etag !== null && this.entry.etag !== null && etag !== this.entry.etag)) {
          await discardBody(res);
          throw new Restart();
        }
        total = range.total ?? this.entry.total;
        if (total !== this.entry.total) await this.saveEntry({ total });
        break;
      }
      case 416: {
        await discardBody(res);
        const serverTotal = unsatisfiedTotal(res.headers.get('content-range'));
        if (serverTotal !== null && serverTotal === digest.bytes && digest.bytes === this.entry.total) return this.finish(digest);
        throw new Restart();
      }
      default:
        await discardBody(res);
        throw this.refusal(res);
    }

    await this.ensureSpace(total === null ? null : total - digest.bytes);
    const pending = this.meter.start(digest.bytes, total);
    this.job.onProgress(pending);
    const before = digest.bytes;
    try {
      await this.stream(res, digest, attempt);
    } catch (err) {
      if (digest.bytes > before) this.refreshesWithoutProgress = 0;
      throw err instanceof Retryable && digest.bytes > before ? new Retryable(err.message, { ...err.opts, progressed: true }) : err;
    }
    this.refreshesWithoutProgress = 0;
    if (total !== null && digest.bytes < total) {
      throw new Retryable(`the download server ended the transfer early (${formatBytes(digest.bytes)} of ${formatBytes(total)})`, { progressed: true });
    }
    if (total !== null && digest.bytes > total) throw this.integrity(`more bytes than announced (${digest.bytes} > ${total})`);
    return this.finish(digest);
  }

  private refusal(res: Response): Retryable | DownloadError {
    const status = res.status;
    if (status === 403 || status === 401 || status === 404) {
      // An expired or revoked pre-signed URL: fetch a fresh one (each attempt does) and retry.
      this.refreshesWithoutProgress += 1;
      if (this.refreshesWithoutProgress > 3) {
        return new DownloadError({
          kind: status === 404 ? 'not_found' : 'expired',
          message:
            status === 404
              ? `The video file of recording ${shortId(this.job.recordingId)} is no longer in storage (404)`
              : `The download link of recording ${shortId(this.job.recordingId)} was refused (${status}) even after fetching a fresh one`,
          resumable: true,
        });
      }
      return new Retryable(`the download link was refused (${status}); fetching a fresh one`, { immediate: this.refreshesWithoutProgress === 1 });
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.deps.now());
      return new Retryable('the download server is rate limiting (429)', retryAfterMs !== undefined ? { kind: 'rate_limited', retryAfterMs } : { kind: 'rate_limited' });
    }
    if (status >= 500) return new Retryable(`the download server answered ${status}`, { kind: 'server' });
    return new DownloadError({
      kind: 'server',
      message: `The download server refused the video of recording ${shortId(this.job.recordingId)} (${status})`,
      resumable: true,
    });
  }

  private async ensureSpace(needed: number | null): Promise<void> {
    if (needed === null || needed <= 0) return;
    let free: number;
    try {
      const info = await this.deps.fs.statfs(this.job.dir);
      free = info.bavail * info.bsize;
    } catch {
      return;
    }
    if (free < needed) throw diskError(Object.assign(new Error('not enough free space'), { code: 'ENOSPC' }), this.job.dir, needed);
  }

  private async stream(res: Response, digest: PartDigest, attempt: AbortController): Promise<void> {
    if (res.body === null) throw new Retryable('the download server sent no body');
    let idle: ReturnType<typeof setTimeout> | undefined;
    let stalled = false;
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        stalled = true;
        attempt.abort();
      }, this.deps.idleTimeoutMs);
    };
    let writeError: unknown;
    const meter = this.meter;
    const onProgress = this.job.onProgress;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        armIdle();
        digest.update(chunk);
        const due = meter.update(digest.bytes);
        if (due) onProgress(due);
        callback(null, chunk);
      },
    });
    const out = this.openPart();
    out.on('error', (err) => {
      writeError ??= err;
    });
    armIdle();
    const signal = AbortSignal.any([this.job.signal, attempt.signal]);
    // A broken connection ends the source cleanly instead of failing the pipeline, so every
    // byte received so far is flushed to the part (a failing pipeline would drop buffered writes).
    let readError: unknown;
    const reader = res.body.getReader();
    const stop = (): void => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    async function* received(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        }
      } catch (err) {
        readError = err;
      }
    }
    try {
      await pipeline(received(), counter, out);
    } catch (err) {
      writeError ??= err;
    } finally {
      clearTimeout(idle);
      signal.removeEventListener('abort', stop);
      stop();
    }
    if (writeError !== undefined) {
      if (this.job.signal.aborted && !isDiskErrorCode(errorCodeOf(writeError))) throw cancelledError();
      const remaining = this.entry.total !== null ? this.entry.total - ((await statOrNull(this.deps.fs, this.partPath))?.size ?? 0) : null;
      throw diskError(writeError, this.job.dir, remaining);
    }
    if (this.job.signal.aborted) throw cancelledError();
    if (stalled) throw new Retryable(`no data arrived for ${Math.round(this.deps.idleTimeoutMs / 1000)} s`);
    if (readError !== undefined) {
      throw new Retryable(`the transfer was interrupted (${errorCodeOf(readError) ?? (readError instanceof Error ? readError.message : String(readError))})`);
    }
  }

  private openPart(): Writable {
    try {
      return this.deps.fs.createWriteStream(this.partPath, { flags: 'a' });
    } catch (err) {
      throw diskError(err, this.job.dir, null);
    }
  }

  private integrity(detail: string): Restart | DownloadError {
    this.integrityFailures += 1;
    if (this.integrityFailures >= 2) {
      return new DownloadError({
        kind: 'integrity',
        message: `The video of recording ${shortId(this.job.recordingId)} arrived corrupted twice (${detail}); try again later`,
      });
    }
    return new Restart(detail);
  }

  private async finish(digest: PartDigest): Promise<DownloadResult> {
    const { fs } = this.deps;
    try {
      await fs.fsync(this.partPath);
    } catch (err) {
      throw diskError(err, this.job.dir, null);
    }
    const onDisk = (await statOrNull(fs, this.partPath))?.size ?? -1;
    if (onDisk !== digest.bytes || (this.entry.total !== null && onDisk !== this.entry.total)) {
      throw this.integrity(`${onDisk} bytes on disk, ${this.entry.total ?? digest.bytes} expected`);
    }
    const expectedMd5 = md5FromEtag(this.entry.etag);
    if (expectedMd5 !== null && digest.md5 !== null && digest.md5.copy().digest('hex') !== expectedMd5) {
      throw this.integrity('checksum mismatch');
    }
    const sha256 = digest.sha256.copy().digest('hex');
    const others = new Set(
      (await this.job.manifest.entries()).filter((e) => e.recordingId !== this.job.recordingId).map((e) => e.fileName),
    );
    const fileName = await firstFreeName(this.entry.fileName, async (name) => others.has(name) || (await statOrNull(fs, join(this.job.dir, name))) !== null);
    const path = join(this.job.dir, fileName);
    try {
      await fs.rename(this.partPath, path);
    } catch (err) {
      throw diskError(err, this.job.dir, null);
    }
    const mtimeMs = (await statOrNull(fs, path))?.mtimeMs ?? null;
    await this.saveEntry({
      fileName,
      state: 'complete',
      size: digest.bytes,
      sha256,
      mtimeMs,
      completedAt: this.deps.now(),
      error: null,
    });
    this.job.onProgress({ ...this.meter.snapshot(), bytes: digest.bytes, total: digest.bytes, percent: 100, etaMs: 0 });
    return { recordingId: this.job.recordingId, fileName, path, size: digest.bytes, sha256, resumedFromBytes: Math.max(0, this.resumedFromBytes) };
  }
}
