// The media host on the sandbox port: serves pre-signed `/_media/...` URLs like S3 does —
// signature and expiry checks with XML errors, Range/conditional requests, streamed bodies —
// and applies the media faults (truncated transfers, throttled bytes per second).
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from './faults';
import { ifRangeHolds, noneMatchHits, notModifiedSince, parseRange } from './http-range';
import { xmlEscape } from './http-io';
import type { MediaUrlSigner } from './media-signing';
import type { StoredFile } from './recordings';
import { httpDate, isoMicro } from './time-format';

export interface MediaServerDeps {
  signer: MediaUrlSigner;
  /** The stored file behind a media path, or null when it does not (or no longer) exist. */
  lookup(urlPath: string): StoredFile | null;
  faults: FaultController;
  now: () => number;
}

function s3Error(res: ServerResponse, status: number, code: string, message: string, headOnly: boolean, extra: Record<string, string> = {}): number {
  const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: randomBytes(8).toString('hex').toUpperCase(), HostId: randomBytes(24).toString('base64') })
    .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
    .join('');
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(body.length) });
  res.end(headOnly ? undefined : body);
  return status;
}

function waitWall(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the response can take more data, or when the connection is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function streamBody(res: ServerResponse, file: StoredFile, start: number, end: number, faults: FaultController): Promise<void> {
  const length = end - start + 1;
  const cutAfter = faults.truncateAfter(length);
  const bps = faults.throttleBps();
  const highWaterMark = bps === null ? 64 * 1024 : Math.max(1024, Math.min(64 * 1024, Math.floor(bps / 8)));
  const stream = createReadStream(file.filePath, { start, end, highWaterMark });
  const began = Date.now();
  let sent = 0;
  try {
    for await (const chunk of stream) {
      if (res.destroyed) return;
      let piece: Buffer = chunk;
      if (cutAfter !== null && sent + piece.length >= cutAfter) {
        piece = piece.subarray(0, cutAfter - sent);
        res.write(piece, () => res.destroy());
        return;
      }
      sent += piece.length;
      if (!res.write(piece)) await drained(res);
      if (bps !== null) {
        const due = began + (sent / bps) * 1000 - Date.now();
        if (due > 0) await waitWall(due);
      }
    }
    if (cutAfter !== null) res.destroy();
    else res.end();
  } finally {
    stream.destroy();
  }
}

/** Handles one media request; returns the HTTP status sent. */
export async function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL, deps: MediaServerDeps): Promise<number> {
  const headOnly = req.method === 'HEAD';
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', false);
  }
  const verdict = deps.signer.verify(url.pathname, url.searchParams);
  if (!verdict.ok) {
    const extra: Record<string, string> =
      verdict.message === 'Request has expired'
        ? { Expires: isoMicro(Number(url.searchParams.get('Expires')) * 1000), ServerTime: isoMicro(deps.now()) }
        : {};
    return s3Error(res, 403, verdict.code, verdict.message, headOnly, extra);
  }
  const file = deps.lookup(url.pathname);
  if (file === null) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', headOnly, { Key: url.pathname });

  const base = {
    'accept-ranges': 'bytes',
    etag: file.etag,
    'last-modified': httpDate(file.lastModified),
    'content-type': file.contentType,
  };
  const inm = req.headers['if-none-match'];
  const notModified = inm !== undefined ? noneMatchHits(inm, file.etag) : notModifiedSince(req.headers['if-modified-since'], file.lastModified);
  if (notModified) {
    res.writeHead(304, base);
    res.end();
    return 304;
  }
  const ifRange = req.headers['if-range'];
  const rangeHeader = ifRangeHolds(typeof ifRange === 'string' ? ifRange : undefined, file.etag, file.lastModified) ? req.headers.range : undefined;
  const range = parseRange(rangeHeader, file.size);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'content-range': `bytes */${file.size}`, 'content-length': '0' });
    res.end();
    return 416;
  }
  const [start, end, status] = range.kind === 'partial' ? [range.start, range.end, 206] : [0, file.size - 1, 200];
  const headers: Record<string, string> = { ...base, 'content-length': String(Math.max(0, end - start + 1)) };
  if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
  res.writeHead(status, headers);
  if (headOnly || file.size === 0) {
    res.end();
    return status;
  }
  await streamBody(res, file, start, end, deps.faults);
  return status;
}
