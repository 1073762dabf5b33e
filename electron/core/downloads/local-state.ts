// What is on this computer for a recording: not downloaded, queued, downloading n%, a resumable
// partial file, downloaded, changed on disk (size or SHA-256 differs from the manifest) or
// missing (deleted). Re-hashing happens only when size or mtime moved, and is cached.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { statOrNull, type LocalFs } from './local-fs';
import type { ManifestEntry } from './manifest';
import type { DownloadProgress } from './progress';
import { PART_SUFFIX } from './transfer';

export type LocalFileState =
  | { kind: 'not_downloaded' }
  | { kind: 'queued' }
  | ({ kind: 'downloading' } & DownloadProgress)
  | {
      kind: 'partial';
      bytes: number;
      total: number | null;
      percent: number | null;
      /** paused = cancelled by the user with the part kept; failed = stopped on an error. */
      reason: 'paused' | 'failed' | 'interrupted';
      error: { kind: string; message: string } | null;
    }
  | { kind: 'downloaded'; fileName: string; path: string; size: number; sha256: string }
  | { kind: 'changed'; fileName: string; path: string; reason: 'size' | 'sha256'; expectedSize: number; actualSize: number }
  | { kind: 'missing'; fileName: string; path: string };

export type LocalFileStateKind = LocalFileState['kind'];

export async function sha256OfFile(fs: LocalFs, path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    fs.createReadStream(path, { highWaterMark: 1 << 20 }),
    new Writable({
      write(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        callback();
      },
    }),
  );
  return hash.digest('hex');
}

/** Remembers the SHA-256 of a file for a given (size, mtime) so a listing never re-hashes twice. */
export class HashCache {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

  async sha256(fs: LocalFs, path: string, size: number, mtimeMs: number): Promise<string> {
    const hit = this.cache.get(path);
    if (hit && hit.size === size && hit.mtimeMs === mtimeMs) return hit.sha256;
    const sha256 = await sha256OfFile(fs, path);
    this.cache.set(path, { size, mtimeMs, sha256 });
    return sha256;
  }
}

function percentOf(bytes: number, total: number | null): number | null {
  return total !== null && total > 0 ? Math.min(100, (bytes / total) * 100) : null;
}

/** The on-disk state of a manifest entry that no download is working on right now. */
export async function localStateOf(fs: LocalFs, dir: string, entry: ManifestEntry | undefined, hashes: HashCache): Promise<LocalFileState> {
  if (entry === undefined) return { kind: 'not_downloaded' };
  const path = join(dir, entry.fileName);
  if (entry.state !== 'complete') {
    const part = await statOrNull(fs, path + PART_SUFFIX);
    if (part === null && entry.state === 'pending') return { kind: 'queued' };
    const bytes = part?.size ?? 0;
    const reason = entry.state === 'paused' ? 'paused' : entry.state === 'failed' ? 'failed' : 'interrupted';
    return { kind: 'partial', bytes, total: entry.total, percent: percentOf(bytes, entry.total), reason, error: entry.error };
  }
  const info = await statOrNull(fs, path);
  if (info === null || !info.isFile()) return { kind: 'missing', fileName: entry.fileName, path };
  const expectedSize = entry.size ?? 0;
  if (info.size !== expectedSize) {
    return { kind: 'changed', fileName: entry.fileName, path, reason: 'size', expectedSize, actualSize: info.size };
  }
  const sha256 = entry.sha256 ?? '';
  if (entry.mtimeMs === null || info.mtimeMs !== entry.mtimeMs) {
    const actual = await hashes.sha256(fs, path, info.size, info.mtimeMs);
    if (actual !== sha256) return { kind: 'changed', fileName: entry.fileName, path, reason: 'sha256', expectedSize, actualSize: info.size };
  }
  return { kind: 'downloaded', fileName: entry.fileName, path, size: info.size, sha256 };
}
