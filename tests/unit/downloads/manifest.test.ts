import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadManifest, MANIFEST_FILE, nodeLocalFs, type ManifestEntry } from '../../../electron/core/downloads';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-manifest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(recordingId: string): ManifestEntry {
  return {
    recordingId,
    botId: 'bot',
    botName: 'Bot',
    videoMixedId: null,
    fileName: `${recordingId}.mp4`,
    state: 'pending',
    total: null,
    etag: null,
    lastModified: null,
    size: null,
    sha256: null,
    mtimeMs: null,
    queuedAt: 1,
    completedAt: null,
    error: null,
  };
}

describe('DownloadManifest', () => {
  it('keeps every concurrent update', async () => {
    const manifest = new DownloadManifest(nodeLocalFs, dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => manifest.update(`r${i}`, () => entry(`r${i}`))));
    expect((await manifest.entries()).map((e) => e.recordingId).sort()).toHaveLength(20);
    expect(await new DownloadManifest(nodeLocalFs, dir).get('r7')).toMatchObject({ fileName: 'r7.mp4' });
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('removes an entry when the update returns undefined', async () => {
    const manifest = new DownloadManifest(nodeLocalFs, dir);
    await manifest.update('a', () => entry('a'));
    await manifest.update('a', () => undefined);
    expect(await manifest.entries()).toEqual([]);
  });

  it('sets an unreadable manifest aside instead of overwriting it', async () => {
    await writeFile(join(dir, MANIFEST_FILE), '{ not json');
    const manifest = new DownloadManifest(nodeLocalFs, dir, () => 42);
    expect(await manifest.entries()).toEqual([]);
    expect(await readFile(join(dir, `${MANIFEST_FILE}.corrupt-42`), 'utf8')).toBe('{ not json');
    await manifest.update('a', () => entry('a'));
    expect(await manifest.get('a')).toBeDefined();
  });
});
