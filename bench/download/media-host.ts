// A loopback host for one large synthetic recording: the sandbox's own media server module
// (pre-signed URLs, Range/If-Range, ETag, truncation fault) serving a generated file, plus the
// two Recall reads a download needs (recording, video_mixed). The sandbox only serves MP4s it
// rendered itself, so a 1–4 GiB file needs this host; the transfer semantics are the sandbox's.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FaultController } from '../../electron/sandbox/faults';
import { serveMedia } from '../../electron/sandbox/media-server';
import { MEDIA_PREFIX, MediaUrlSigner } from '../../electron/sandbox/media-signing';
import type { StoredFile } from '../../electron/sandbox/recordings';

export interface MediaHost {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly recordingId: string;
  /** A fresh pre-signed URL of the file (what a naive client is handed). */
  signedUrl(): string;
  /** The next media GET is cut (socket destroyed) after this fraction of its body; later ones are whole. */
  cutNextTransferAt(fraction: number): void;
  /** Bytes written on media responses since the last reset (status lines and headers included). */
  mediaBytesSent(): number;
  /** Media responses since the last reset: status and the Range asked for. */
  mediaRequests(): ReadonlyArray<{ status: number; range: string | null }>;
  resetCounters(): void;
  close(): Promise<void>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export async function startMediaHost(file: StoredFile): Promise<MediaHost> {
  const apiKey = `bench-${randomBytes(12).toString('hex')}`;
  const recordingId = `rec-${randomBytes(8).toString('hex')}`;
  const videoId = `vid-${randomBytes(8).toString('hex')}`;
  const botId = `bot-${randomBytes(8).toString('hex')}`;
  const mediaPath = `${MEDIA_PREFIX}${randomBytes(16).toString('hex')}/video_mixed.mp4`;
  let baseUrl = '';
  const signer = new MediaUrlSigner(() => baseUrl, Date.now);
  const faults = new FaultController();
  let cutOnce = false;
  let sent = 0;
  let requests: Array<{ status: number; range: string | null }> = [];
  const sockets = new Set<Socket>();

  const signedUrl = (): string => signer.sign(mediaPath, 21_600);
  const created = file.lastModified - 600_000;
  const videoMixed = (): Record<string, unknown> => ({
    id: videoId,
    created_at: iso(created),
    status: { code: 'done', sub_code: null, updated_at: iso(file.lastModified) },
    metadata: {},
    data: { download_url: signedUrl() },
    format: 'mp4',
  });
  const recording = (): Record<string, unknown> => ({
    id: recordingId,
    created_at: iso(created),
    started_at: iso(created),
    completed_at: iso(file.lastModified),
    expires_at: null,
    status: { code: 'done', sub_code: null, updated_at: iso(file.lastModified) },
    media_shortcuts: { video_mixed: videoMixed(), transcript: null, participant_events: null, meeting_metadata: null, audio_mixed: null },
    realtime_endpoints: [],
    bot: { id: botId, metadata: {} },
    metadata: {},
  });

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    if (url.pathname.startsWith(MEDIA_PREFIX)) {
      const socket = req.socket;
      const before = socket.bytesWritten;
      res.once('close', () => {
        sent += socket.bytesWritten - before;
      });
      const range = typeof req.headers.range === 'string' ? req.headers.range : null;
      // serveMedia reads the truncation fault before its first await, so resetting right after
      // the call limits the cut to this one response.
      const served = serveMedia(req, res, url, { signer, faults, now: Date.now, lookup: (p) => (p === mediaPath ? file : null) });
      if (cutOnce && req.method === 'GET') {
        cutOnce = false;
        faults.reset();
      }
      requests.push({ status: await served, range });
      return;
    }
    if (req.headers.authorization !== `Token ${apiKey}`) return json(res, 401, { detail: 'Invalid API key.' });
    if (req.method === 'GET' && url.pathname === `/api/v1/recording/${recordingId}/`) return json(res, 200, recording());
    if (req.method === 'GET' && url.pathname === `/api/v1/video_mixed/${videoId}/`) {
      return json(res, 200, { ...videoMixed(), recording: { id: recordingId, metadata: {} } });
    }
    json(res, 404, { detail: 'Not found.' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { detail: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the media host has no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    apiKey,
    recordingId,
    signedUrl,
    cutNextTransferAt(fraction) {
      faults.set({ truncateMediaAtFraction: fraction });
      cutOnce = true;
    },
    mediaBytesSent: () => sent,
    mediaRequests: () => [...requests],
    resetCounters() {
      sent = 0;
      requests = [];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
