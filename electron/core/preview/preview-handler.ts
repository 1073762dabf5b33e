// The request handler behind the `recall-media://` protocol: serves downloaded videos from the
// download folder with Range support (206/416) so <video> can seek, and nothing else — paths
// are resolved to real paths and must sit directly inside the real download folder.
import { relative, isAbsolute, join, sep } from 'node:path';
import { Readable } from 'node:stream';
import { isNotFound, type LocalFs } from '../downloads/local-fs';
import { parseByteRange } from './byte-range';
import { MEDIA_TYPES, extensionOf, parseMediaUrl } from './media-scheme';

export type PreviewFs = Pick<LocalFs, 'realpath' | 'stat' | 'createReadStream'>;

export interface PreviewRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

/** A WHATWG Response-compatible answer: `new Response(body, { status, headers })`. */
export interface PreviewResponse {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
}

export interface PreviewOptions {
  downloadDir: string;
  fs: PreviewFs;
}

function refuse(status: number, reason: string, extra: Record<string, string> = {}): PreviewResponse {
  return { status, headers: { 'x-preview-refusal': reason, 'cache-control': 'no-store', ...extra }, body: null };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** True when `target` is a direct child of `dir` (both real paths). */
function directChild(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(sep) && !rel.includes('/');
}

export async function handlePreviewRequest(req: PreviewRequest, opts: PreviewOptions): Promise<PreviewResponse> {
  const method = req.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'method not allowed', { allow: 'GET, HEAD' });
  const parsed = parseMediaUrl(req.url);
  if (!parsed.ok) return refuse(parsed.status, parsed.reason);

  let realDir: string;
  let realFile: string;
  try {
    realDir = await opts.fs.realpath(opts.downloadDir);
    realFile = await opts.fs.realpath(join(realDir, parsed.name));
  } catch (err) {
    if (isNotFound(err)) return refuse(404, 'no such file');
    return refuse(403, 'not readable');
  }
  if (!directChild(realDir, realFile)) return refuse(403, 'outside the download folder');

  let size: number;
  let mtimeMs: number;
  try {
    const info = await opts.fs.stat(realFile);
    if (!info.isFile()) return refuse(404, 'not a file');
    size = info.size;
    mtimeMs = info.mtimeMs;
  } catch (err) {
    return refuse(isNotFound(err) ? 404 : 403, 'not readable');
  }

  const headers = lowerKeys(req.headers);
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  const base: Record<string, string> = {
    'content-type': MEDIA_TYPES[extensionOf(realFile)] ?? MEDIA_TYPES[extensionOf(parsed.name)] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    etag,
    'last-modified': new Date(mtimeMs).toUTCString(),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  const ifRange = headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange.trim() === etag ? headers['range'] : undefined;
  const range = parseByteRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}`, 'content-length': '0' }, body: null };
  }
  const [start, end, status] = range.kind === 'partial' ? [range.start, range.end, 206] : [0, size - 1, 200];
  const out: Record<string, string> = { ...base, 'content-length': String(Math.max(0, end - start + 1)) };
  if (status === 206) out['content-range'] = `bytes ${start}-${end}/${size}`;
  if (method === 'HEAD' || size === 0) return { status, headers: out, body: null };
  const stream = opts.fs.createReadStream(realFile, { start, end });
  return { status, headers: out, body: Readable.toWeb(stream) };
}
