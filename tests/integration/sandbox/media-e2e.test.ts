// End to end: a recording with two pauses is stopped, processed, and its pre-signed URL serves
// exactly the MP4 the sandbox rendered (byte-for-byte, by sha256).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecallClient } from '../../../electron/core/recall';
import { MEET_URL, testSandbox, wallSleep } from './helpers';

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

describe('recording → MP4 download', () => {
  it('a stopped recording with two pauses downloads as the exact file the sandbox produced', async () => {
    const sandbox = await testSandbox({ speed: 20 });
    const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const bot = await client.createBot({ meeting_url: MEET_URL, recording_config: null });
    await vi_wait(async () => (await client.getBot(bot.id)).status_changes.at(-1)?.code === 'in_call_not_recording');
    await client.startRecording(bot.id);
    for (let i = 0; i < 2; i++) {
      await wallSleep(50);
      await client.pauseRecording(bot.id);
      await wallSleep(50);
      await client.resumeRecording(bot.id);
    }
    await wallSleep(50);
    const stopped = await client.stopRecording(bot.id);
    const recordingId = stopped.recordings[0]?.id ?? '';
    await vi_wait(async () => (await client.getRecording(recordingId)).status?.code === 'done', 60_000);
    const url = (await client.getRecording(recordingId)).media_shortcuts?.video_mixed?.data.download_url ?? '';
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const served = createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
    const path = sandbox.mediaFile(recordingId);
    expect(path).not.toBeNull();
    expect(served).toBe(await sha256File(path ?? ''));
  });
});

async function vi_wait(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await wallSleep(20);
  }
}
