// HTTP Range and conditional-request logic for media (RFC 9110): single byte ranges,
// If-Range, If-None-Match and If-Modified-Since.
export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Parses a Range header against a body of `size` bytes. Only the first range of a multi-range
 * request is honoured; syntactically invalid headers are ignored (full response).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (match === null) return { kind: 'full' };
  const first = (match[1] ?? '').split(',')[0]?.trim() ?? '';
  const spec = /^(\d*)-(\d*)$/.exec(first);
  if (spec === null) return { kind: 'full' };
  const [, a = '', b = ''] = spec;
  if (a === '' && b === '') return { kind: 'full' };
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Number(b);
  if (b !== '' && end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

const strip = (tag: string): string => tag.trim().replace(/^W\//, '');

/** If-None-Match uses weak comparison; `*` matches any current representation. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

export function notModifiedSince(header: string | undefined, lastModified: number): boolean {
  if (header === undefined) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** If-Range: a strong ETag match or the exact Last-Modified date keeps the Range; otherwise send everything. */
export function ifRangeHolds(header: string | undefined, etag: string, lastModified: number): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return !value.startsWith('W/') && value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === Math.floor(lastModified / 1000) * 1000;
}
