// The file-system port of downloads and preview: a thin interface over node:fs/promises and
// node:fs streams, injected so tests can simulate a full disk or a hostile folder.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, realpath, rename, rm, stat, statfs, truncate, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

export interface LocalFs {
  stat(path: string): Promise<FileStat>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: true }): Promise<void>;
  truncate(path: string, length: number): Promise<void>;
  /** Flushes the file's data to the disk (open + fsync + close). */
  fsync(path: string): Promise<void>;
  /** Free space of the file system holding `path`. */
  statfs(path: string): Promise<{ bavail: number; bsize: number }>;
  createWriteStream(path: string, opts: { flags: 'w' | 'a' }): Writable;
  /** `end` is inclusive, as in node:fs. */
  createReadStream(path: string, opts?: { start?: number; end?: number; highWaterMark?: number }): Readable;
}

export const nodeLocalFs: LocalFs = {
  stat: (path) => stat(path),
  realpath: (path) => realpath(path),
  mkdir: (path, opts) => mkdir(path, opts),
  readFile: (path, encoding) => readFile(path, encoding),
  writeFile: (path, data) => writeFile(path, data),
  rename: (from, to) => rename(from, to),
  rm: (path, opts) => rm(path, opts),
  truncate: (path, length) => truncate(path, length),
  async fsync(path) {
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  statfs: (path) => statfs(path),
  createWriteStream: (path, opts) => createWriteStream(path, opts),
  createReadStream: (path, opts) => createReadStream(path, opts),
};

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

/** The file's stat, or null when it does not exist. */
export async function statOrNull(fs: LocalFs, path: string): Promise<FileStat | null> {
  try {
    return await fs.stat(path);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Writes `data` so a crash never leaves a half-written file: temp file, fsync, rename. */
export async function writeFileAtomic(fs: LocalFs, path: string, data: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await fs.writeFile(temp, data);
  await fs.fsync(temp);
  await fs.rename(temp, path);
}
