import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/sandbox/api-error';
import { cursorPage, pageNumberPage } from '../../../electron/sandbox/pagination';

const items = Array.from({ length: 25 }, (_, i) => i);
const BASE = 'http://127.0.0.1:1/api/v1/bot/';

describe('page-number pagination', () => {
  it('gives absolute next/previous URLs that keep the filters', () => {
    const first = pageNumberPage(items, new URLSearchParams('status=done'), BASE);
    expect(first).toEqual({ count: 25, next: `${BASE}?status=done&page=2`, previous: null, results: items.slice(0, 10) });
    const last = pageNumberPage(items, new URLSearchParams('status=done&page=3'), BASE);
    expect(last).toMatchObject({ next: null, previous: `${BASE}?status=done&page=2`, results: items.slice(20) });
  });

  it('answers 404 "Invalid page." past the end', () => {
    expect(() => pageNumberPage(items, new URLSearchParams('page=4'), BASE)).toThrow(ApiError);
    expect(pageNumberPage([], new URLSearchParams(), BASE)).toEqual({ count: 0, next: null, previous: null, results: [] });
  });
});

describe('cursor pagination', () => {
  it('walks forward and back with opaque cursors', () => {
    const first = cursorPage(items, new URLSearchParams('bot_id=b'), BASE);
    expect(first.previous).toBeNull();
    expect(first.results).toEqual(items.slice(0, 10));
    const nextQuery = new URL(first.next ?? '').searchParams;
    expect(nextQuery.get('bot_id')).toBe('b');
    const second = cursorPage(items, nextQuery, BASE);
    expect(second.results).toEqual(items.slice(10, 20));
    const back = cursorPage(items, new URL(second.previous ?? '').searchParams, BASE);
    expect(back.results).toEqual(items.slice(0, 10));
  });

  it('rejects a forged cursor with 404', () => {
    expect(() => cursorPage(items, new URLSearchParams('cursor=bogus'), BASE)).toThrow(ApiError);
  });
});
