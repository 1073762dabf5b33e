// List pagination in Recall's two styles: page numbers for bots (count/next/previous with
// `?page=N`) and opaque cursors for recordings and media (next/previous, no count).
import { ApiError } from './api-error';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

function pageSize(query: URLSearchParams): number {
  const raw = query.get('page_size');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function withParam(absolutePath: string, query: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(query);
  next.set(name, value);
  return `${absolutePath}?${next.toString()}`;
}

export interface PageNumberPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function pageNumberPage<T>(items: readonly T[], query: URLSearchParams, absolutePath: string): PageNumberPage<T> {
  const size = pageSize(query);
  const raw = query.get('page') ?? '1';
  const page = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new ApiError(404, { detail: 'Invalid page.' });
  return {
    count: items.length,
    next: page < pages ? withParam(absolutePath, query, 'page', String(page + 1)) : null,
    previous: page > 1 ? withParam(absolutePath, query, 'page', String(page - 1)) : null,
    results: items.slice((page - 1) * size, page * size),
  };
}

export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

const encodeCursor = (offset: number): string => Buffer.from(`o=${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^o=(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null) throw new ApiError(404, { detail: 'Invalid cursor' });
  return Number(match[1]);
}

export function cursorPage<T>(items: readonly T[], query: URLSearchParams, absolutePath: string): CursorPage<T> {
  const size = pageSize(query);
  const cursor = query.get('cursor');
  const offset = cursor === null ? 0 : decodeCursor(cursor);
  if (offset > items.length) throw new ApiError(404, { detail: 'Invalid cursor' });
  return {
    next: offset + size < items.length ? withParam(absolutePath, query, 'cursor', encodeCursor(offset + size)) : null,
    previous: offset > 0 ? withParam(absolutePath, query, 'cursor', encodeCursor(Math.max(0, offset - size))) : null,
    results: items.slice(offset, offset + size),
  };
}
