// The segments model on a real sandbox recording: the pause seen in the bot's status history
// and the black+silent range detected in the downloaded MP4 merge into one span with both sources.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../electron/core/downloads';
import { SegmentsStore, detectBlackSilentRanges } from '../../../electron/core/segments';
import { finishedRecording, type Fixture } from './sandbox-media';

let fx: Fixture;
let dir: string;

beforeAll(async () => {
  fx = await finishedRecording();
  dir = await mkdtemp(join(tmpdir(), 'rr-seg-media-'));
}, 90_000);

afterAll(async () => {
  await fx?.sandbox.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('segments of a downloaded recording', () => {
  it('merges the detected black+silent range with the status-history pause', async () => {
    const manager = new DownloadManager({ client: fx.client, downloadDir: () => dir });
    const result = await manager.download({ recordingId: fx.recordingId });
    const store = new SegmentsStore({ now: Date.now, local: manager });
    const bot = await fx.client.getBot(fx.botId);
    const [before] = await store.rows(bot);
    expect(before!.pauses).toHaveLength(1);
    expect(before!.pauses[0]!.sources).toEqual(['status_poll']);

    const ranges = await detectBlackSilentRanges(result.path);
    expect(ranges).toHaveLength(1);
    store.setMediaPauses(fx.recordingId, ranges);
    const [row] = await store.rows(bot);
    expect(row!.local).toMatchObject({ kind: 'downloaded', sha256: fx.sha256 });
    expect(row!.pauses).toHaveLength(1);
    const [span] = row!.pauses;
    expect(span!.source).toBe('media');
    expect(span!.sources).toEqual(['media', 'status_poll']);
    expect(Math.abs(span!.startMs - before!.pauses[0]!.startMs)).toBeLessThan(1_000);
    expect(Math.abs(span!.endMs! - before!.pauses[0]!.endMs!)).toBeLessThan(1_000);
    expect(row!.recordedMs! + row!.pausedMs!).toBe(row!.durationMs);
  });
});
