// Persists the segments store (overwritten recordings, polled pauses, media pauses) through an
// injected port: saves are coalesced over a short delay, skipped when nothing changed, and a
// failed save is logged and retried with the next change — it never breaks the library.
import { dirname } from 'node:path';
import { isNotFound, nodeLocalFs, writeFileAtomic, type LocalFs } from '../../downloads';
import type { SegmentsSnapshot } from '../../segments';
import type { TimerHandle, Timers } from '../../control';

/** Where the segments snapshot lives between runs (a JSON file in Electron, memory in tests). */
export interface SnapshotStore {
  /** The saved snapshot, or undefined when there is none (unreadable data starts empty). */
  load(): Promise<unknown>;
  save(snapshot: SegmentsSnapshot): Promise<void>;
}

/** A JSON file (e.g. in the app's data folder), written atomically; a missing file is no snapshot. */
export function fileSnapshotStore(path: string, fs: LocalFs = nodeLocalFs): SnapshotStore {
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // SegmentsStore starts empty on anything it cannot parse; the next save replaces it.
        return undefined;
      }
    },
    async save(snapshot) {
      await fs.mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(fs, path, JSON.stringify(snapshot));
    },
  };
}

export function memorySnapshotStore(initial?: unknown): SnapshotStore & { readonly saved: SegmentsSnapshot[] } {
  const saved: SegmentsSnapshot[] = [];
  return {
    saved,
    load: async () => saved.at(-1) ?? initial,
    save: async (snapshot) => {
      saved.push(structuredClone(snapshot));
    },
  };
}

export interface SnapshotSaver {
  /** A change happened: save within `delayMs`. */
  touch(): void;
  /** Saves now if anything is unsaved (used at quit). */
  flush(): Promise<void>;
  cancel(): void;
}

export function createSnapshotSaver(opts: {
  store: SnapshotStore;
  snapshot: () => SegmentsSnapshot;
  timers: Timers;
  delayMs: number;
  onError: (error: unknown) => void;
}): SnapshotSaver {
  let lastSaved: string | null = null;
  let timer: TimerHandle | null = null;
  const stopTimer = () => {
    if (timer !== null) opts.timers.clearTimeout(timer);
    timer = null;
  };
  let chain: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    stopTimer();
    chain = chain.then(async () => {
      const snapshot = opts.snapshot();
      const text = JSON.stringify(snapshot);
      if (text === lastSaved) return;
      try {
        await opts.store.save(snapshot);
        lastSaved = text;
      } catch (error) {
        opts.onError(error);
      }
    });
    return chain;
  };

  return {
    touch() {
      if (timer !== null) return;
      timer = opts.timers.setTimeout(() => {
        timer = null;
        void save();
      }, opts.delayMs);
    },
    flush: save,
    cancel: stopTimer,
  };
}
