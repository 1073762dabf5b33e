// The on-disk chunk cache of one picture format: names chunk files by what they contain, writes
// them atomically (temp file, then rename) so a half-written chunk is never read, and remembers
// which chunks exist.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameRange } from './chunk-plan';
import { MediaIoError } from './errors';

const STALE_TEMP_MS = 3_600_000;

const pad = (n: number): string => String(n).padStart(6, '0');

export const chunkNames = {
  recorded: (index: number): string => `rec-${pad(index)}.h264`,
  black: (frames: number): string => `black-${frames}.h264`,
  custom: (index: number, frames: number, black: ReadonlyArray<FrameRange>): string =>
    `cut-${pad(index)}-${frames}${black.map((r) => `-b${r.start}_${r.end}`).join('')}.h264`,
  audio: (kind: 'tone' | 'silence'): string => `aac-${kind}.adts`,
};

export class ChunkStore {
  private readonly known = new Set<string>();

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<ChunkStore> {
    const store = new ChunkStore(dir);
    try {
      await mkdir(dir, { recursive: true });
      for (const name of await readdir(dir)) {
        if (!name.endsWith('.tmp')) {
          store.known.add(name);
          continue;
        }
        // Left behind by a process that died mid-write (a live writer renames within seconds).
        const info = await stat(join(dir, name)).catch(() => null);
        if (info !== null && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(dir, name), { force: true });
      }
    } catch (cause) {
      throw new MediaIoError(`The media cache directory ${dir} cannot be used.`, dir, { cause });
    }
    return store;
  }

  has(name: string): boolean {
    return this.known.has(name);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async write(name: string, data: Buffer): Promise<void> {
    const final = this.path(name);
    const temp = `${final}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, data);
      await rename(temp, final);
    } catch (cause) {
      await rm(temp, { force: true });
      throw new MediaIoError(`Could not write the media cache file ${final}.`, final, { cause });
    }
    this.known.add(name);
  }
}
