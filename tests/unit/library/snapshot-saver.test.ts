// Persistence of the segments memory: saves coalesce over the delay, unchanged snapshots are not
// rewritten, a failed save is reported and retried with the next change; the file store reads
// back what it wrote and treats a damaged file as no snapshot.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotSaver } from '../../../electron/core/app/library/snapshot-saver';
import { fileSnapshotStore } from '../../../electron/core/app/library';
import type { SegmentsSnapshot } from '../../../electron/core/segments';
import { manualTimers } from './fakes';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snapshot = (n: number): SegmentsSnapshot => ({ version: 1, recordings: Array.from({ length: n }, () => ({ botId: 'b', recording: { id: `r${n}`, created_at: '2025-01-01T00:00:00Z', started_at: null, completed_at: null, expires_at: null, status: null, media_shortcuts: null }, lastStatus: null, polled: [], media: null })) });

describe('snapshot saver', () => {
  it('coalesces changes, skips identical snapshots and retries after a failure', async () => {
    const timers = manualTimers();
    const saved: SegmentsSnapshot[] = [];
    const errors: unknown[] = [];
    let current = snapshot(1);
    let failNext = false;
    const saver = createSnapshotSaver({
      store: {
        load: async () => undefined,
        save: async (s) => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          saved.push(s);
        },
      },
      snapshot: () => current,
      timers,
      delayMs: 1_000,
      onError: (error) => errors.push(error),
    });
    saver.touch();
    saver.touch();
    expect(timers.pending()).toEqual([1_000]);
    timers.fire();
    await saver.flush();
    expect(saved).toHaveLength(1);

    saver.touch();
    timers.fire();
    await saver.flush();
    expect(saved).toHaveLength(1);

    current = snapshot(2);
    failNext = true;
    saver.touch();
    timers.fire();
    await saver.flush();
    expect(errors).toHaveLength(1);
    expect(saved).toHaveLength(2);
    expect(saved.at(-1)).toEqual(snapshot(2));
  });
});

describe('file snapshot store', () => {
  it('writes the snapshot atomically into a new folder and reads it back', async () => {
    const store = fileSnapshotStore(join(dir, 'app', 'segments.json'));
    expect(await store.load()).toBeUndefined();
    await store.save(snapshot(2));
    expect(await store.load()).toEqual(snapshot(2));
    expect(JSON.parse(await readFile(join(dir, 'app', 'segments.json'), 'utf8'))).toEqual(snapshot(2));
  });

  it('treats a damaged file as no snapshot', async () => {
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'segments.json'), '{"version":1,"recor');
    expect(await fileSnapshotStore(join(dir, 'app', 'segments.json')).load()).toBeUndefined();
  });
});
