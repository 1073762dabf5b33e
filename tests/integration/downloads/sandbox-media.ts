// Shared setup of the download integration tests: a fast sandbox with small media, a finished
// recording (with one pause) made through the real client, and file hashing.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { RecallClient } from '../../../electron/core/recall';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../electron/sandbox';

export const SMALL_MEDIA = { width: 320, height: 180, fps: 15 } as const;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await sleep(20);
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(path),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done();
      },
    }),
  );
  return hash.digest('hex');
}

export interface Fixture {
  sandbox: Sandbox;
  client: RecallClient;
  botId: string;
  botName: string;
  recordingId: string;
  /** The MP4 the sandbox rendered (the source of truth for byte-identity). */
  source: string;
  size: number;
  sha256: string;
}

/** A sandbox with one finished, downloadable recording (~350 KB) that contains one pause. */
export async function finishedRecording(opts: SandboxOptions = {}): Promise<Fixture> {
  const sandbox = await startSandbox({ speed: 30, media: SMALL_MEDIA, ...opts });
  try {
    const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
    const botName = 'Design review';
    const bot = await client.createBot({ meeting_url: 'https://meet.google.com/abc-defg-hij', bot_name: botName, recording_config: null });
    await waitUntil(async () => (await client.getBot(bot.id)).status_changes.at(-1)?.code === 'in_call_not_recording', 30_000, 'bot in call');
    await client.startRecording(bot.id);
    await sleep(700);
    await client.pauseRecording(bot.id);
    await sleep(300);
    await client.resumeRecording(bot.id);
    await sleep(700);
    const stopped = await client.stopRecording(bot.id);
    const recordingId = stopped.recordings.at(-1)?.id ?? '';
    await waitUntil(async () => (await client.getRecording(recordingId)).media_shortcuts?.video_mixed?.status.code === 'done', 60_000, 'video done');
    const source = sandbox.mediaFile(recordingId);
    if (source === null) throw new Error('the sandbox produced no media file');
    return { sandbox, client, botId: bot.id, botName, recordingId, source, size: (await stat(source)).size, sha256: await sha256File(source) };
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}

export interface FetchTap {
  fetch: typeof fetch;
  /** Media requests only (the /_media/ host), in order. */
  media: Array<{ range: string | null; status: number; received: number }>;
}

/** Wraps fetch to record each media request's Range header, status and body bytes received. */
export function tapFetch(inner: typeof fetch = globalThis.fetch, beforeMedia?: (index: number) => Promise<void>): FetchTap {
  const tap: FetchTap = {
    media: [],
    fetch: async (input, init) => {
      const url = String(input);
      if (!url.includes('/_media/')) return inner(input, init);
      const index = tap.media.length;
      const seen = { range: new Headers(init?.headers).get('range'), status: 0, received: 0 };
      tap.media.push(seen);
      await beforeMedia?.(index);
      const res = await inner(input, init);
      seen.status = res.status;
      if (res.body === null) return res;
      const counted = res.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            seen.received += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
  };
  return tap;
}
