// Test doubles for download tests: an S3-like media "server" as an injected fetch (Range,
// If-Range, ETag, scripted failures, cut transfers) and a Recall client returning fresh URLs.
import { createHash } from 'node:crypto';
import { RecordingSchema, BotSchema, VideoMixedSchema, type Bot, type Recording, type VideoMixed } from '../../../electron/core/recall';
import type { MediaClient } from '../../../electron/core/downloads';

export interface SeenRequest {
  url: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes handed to the client. */
  bytes: number;
}

/** Overrides the next request: a status to answer, or a cut after `cutAfter` body bytes. */
export type Fault = { status: number; headers?: Record<string, string> } | { cutAfter: number } | { ignoreRange: true };

export interface FakeMedia {
  fetch: typeof fetch;
  requests: SeenRequest[];
  faults: Fault[];
  body: Buffer;
  etag: string;
  /** Replaces the file on the "server" (new ETag). */
  replace(body: Buffer): void;
  /** URLs signed before this sequence number are answered 403 (expired). */
  expireBefore: number;
}

export function md5Etag(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function patternedBytes(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

function bodyStream(data: Buffer, cutAfter: number | null, chunk = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  const limit = cutAfter === null ? data.length : Math.min(cutAfter, data.length);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= limit) {
        if (cutAfter !== null && cutAfter < data.length) controller.error(Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } }));
        else controller.close();
        return;
      }
      const end = Math.min(limit, offset + chunk);
      controller.enqueue(new Uint8Array(data.subarray(offset, end)));
      offset = end;
    },
  });
}

export function fakeMedia(initial: Buffer): FakeMedia {
  const media: FakeMedia = {
    body: initial,
    etag: md5Etag(initial),
    requests: [],
    faults: [],
    expireBefore: 0,
    replace(body) {
      media.body = body;
      media.etag = md5Etag(body);
    },
    fetch: async (input, init) => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      const range = headers.get('range');
      const ifRange = headers.get('if-range');
      const seen: SeenRequest = { url, range, ifRange, status: 0, bytes: 0 };
      media.requests.push(seen);
      if (init?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      const seq = Number(new URL(url).searchParams.get('seq') ?? '0');
      const fault = media.faults.shift();
      if (seq < media.expireBefore) {
        seen.status = 403;
        return new Response('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', { status: 403 });
      }
      if (fault && 'status' in fault) {
        seen.status = fault.status;
        return new Response('fault', { status: fault.status, headers: fault.headers ?? {} });
      }
      const size = media.body.length;
      const base = { etag: media.etag, 'accept-ranges': 'bytes', 'content-type': 'video/mp4' };
      const honour = range !== null && !(fault && 'ignoreRange' in fault) && (ifRange === null || ifRange === media.etag);
      let start = 0;
      let status = 200;
      if (honour) {
        const m = /^bytes=(\d+)-$/.exec(range);
        if (m) {
          start = Number(m[1]);
          if (start >= size) {
            seen.status = 416;
            return new Response(null, { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } });
          }
          status = 206;
        }
      }
      const slice = media.body.subarray(start);
      const cut = fault && 'cutAfter' in fault ? fault.cutAfter : null;
      seen.status = status;
      seen.bytes = cut === null ? slice.length : Math.min(cut, slice.length);
      const out: Record<string, string> = { ...base, 'content-length': String(slice.length) };
      if (status === 206) out['content-range'] = `bytes ${start}-${size - 1}/${size}`;
      return new Response(bodyStream(slice, cut), { status, headers: out });
    },
  };
  return media;
}

export interface FakeClient extends MediaClient {
  urlsIssued: number;
}

const ISO = '2025-03-04T09:05:00.000000Z';

export function recordingPayload(id: string, opts: { videoStatus?: string; botId?: string; url?: string | null; recordingStatus?: string } = {}): Recording {
  return RecordingSchema.parse({
    id,
    created_at: ISO,
    started_at: ISO,
    completed_at: '2025-03-04T09:35:00.000000Z',
    expires_at: null,
    status: { code: opts.recordingStatus ?? 'done', sub_code: null, updated_at: ISO },
    media_shortcuts: {
      video_mixed: {
        id: `vm-${id}`,
        status: { code: opts.videoStatus ?? 'done', sub_code: null, updated_at: ISO },
        data: { download_url: opts.url === undefined ? 'https://media.test/v.mp4' : opts.url },
        format: 'mp4',
      },
      transcript: null,
    },
    bot: { id: opts.botId ?? 'bot-1', metadata: {} },
  });
}

/** A Recall client whose recordings all point at the fake media, each call signing a new URL. */
export function fakeClient(opts: { botName?: string; recordings?: Record<string, { videoStatus?: string }> } = {}): FakeClient {
  const client: FakeClient = {
    urlsIssued: 0,
    async getRecording(id) {
      client.urlsIssued += 1;
      const spec = opts.recordings?.[id] ?? {};
      return recordingPayload(id, { ...spec, url: `https://media.test/v.mp4?seq=${client.urlsIssued}` });
    },
    async getVideoMixed(id): Promise<VideoMixed> {
      return VideoMixedSchema.parse({ id, status: { code: 'done', sub_code: null }, data: { download_url: 'https://media.test/v.mp4' } });
    },
    async getBot(id): Promise<Bot> {
      const recordings = Object.entries(opts.recordings ?? {}).map(([rid, spec], i) => {
        const rec = recordingPayload(rid, spec);
        return { ...rec, started_at: `2025-03-04T09:0${i}:00.000000Z` };
      });
      return BotSchema.parse({ id, bot_name: opts.botName ?? 'Weekly sync', status_changes: [], recordings });
    },
  };
  return client;
}
