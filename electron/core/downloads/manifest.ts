// The download folder's manifest (`.recall-remote-downloads.json`): the persisted queue and the
// record of every download — file name, resume validators (ETag, Last-Modified, total) and, once
// complete, size, mtime and SHA-256 for the "changed on disk" check. Never holds a media URL.
import { join } from 'node:path';
import { z } from 'zod';
import { isNotFound, writeFileAtomic, type LocalFs } from './local-fs';

export const MANIFEST_FILE = '.recall-remote-downloads.json';

const EntryStateSchema = z.enum(['pending', 'paused', 'failed', 'complete']);
export type ManifestEntryState = z.infer<typeof EntryStateSchema>;

const ManifestEntrySchema = z.object({
  recordingId: z.string().min(1),
  botId: z.string().nullable(),
  botName: z.string().nullable(),
  videoMixedId: z.string().nullable(),
  /** Base name inside the download folder; the partial file is `<fileName>.part`. */
  fileName: z.string().min(1),
  state: EntryStateSchema,
  total: z.number().int().nonnegative().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  size: z.number().int().nonnegative().nullable(),
  sha256: z.string().nullable(),
  mtimeMs: z.number().nullable(),
  queuedAt: z.number(),
  completedAt: z.number().nullable(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

const ManifestSchema = z.object({ version: z.literal(1), entries: z.array(ManifestEntrySchema) });

/** Per-file mutation chains, so concurrent downloads never lose each other's updates. */
const chains = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = chains.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, settled);
  void settled.then(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
  return next;
}

export class DownloadManifest {
  readonly path: string;

  constructor(
    private readonly fs: LocalFs,
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dir, MANIFEST_FILE);
  }

  async entries(): Promise<ManifestEntry[]> {
    return serialized(this.path, () => this.load());
  }

  async get(recordingId: string): Promise<ManifestEntry | undefined> {
    return (await this.entries()).find((e) => e.recordingId === recordingId);
  }

  /**
   * Replaces the entry of `recordingId` with `fn(current)` (undefined removes it) and saves the
   * manifest atomically. Re-reads the file first, so other processes' entries survive.
   */
  async update(recordingId: string, fn: (current: ManifestEntry | undefined) => ManifestEntry | undefined): Promise<ManifestEntry | undefined> {
    return serialized(this.path, async () => {
      const entries = await this.load();
      const index = entries.findIndex((e) => e.recordingId === recordingId);
      const next = fn(index >= 0 ? entries[index] : undefined);
      if (next === undefined) {
        if (index < 0) return undefined;
        entries.splice(index, 1);
      } else if (index >= 0) {
        entries[index] = next;
      } else {
        entries.push(next);
      }
      await this.fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fs, this.path, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
      return next;
    });
  }

  private async load(): Promise<ManifestEntry[]> {
    let text: string;
    try {
      text = await this.fs.readFile(this.path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    const parsed = ManifestSchema.safeParse(json);
    if (parsed.success) return parsed.data.entries;
    // Unreadable: keep it aside for inspection instead of silently overwriting it.
    await this.fs.rename(this.path, `${this.path}.corrupt-${this.now()}`);
    return [];
  }
}
