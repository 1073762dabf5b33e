import { describe, expect, it } from 'vitest';
import { ifRangeHolds, noneMatchHits, notModifiedSince, parseRange } from '../../../electron/sandbox/http-range';

describe('Range parsing', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=500-5000', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=0-9, 20-29', { kind: 'partial', start: 0, end: 9 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=9-3', { kind: 'full' }],
    ['items=0-5', { kind: 'full' }],
    ['bytes=abc', { kind: 'full' }],
  ])('%s on a 1000-byte body → %o', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('conditional headers', () => {
  const etag = '"abc"';
  const lastModified = Date.parse('2025-01-01T10:00:00.500Z');

  it('If-Range keeps the range only for the same strong ETag or the exact Last-Modified date', () => {
    expect(ifRangeHolds(undefined, etag, lastModified)).toBe(true);
    expect(ifRangeHolds('"abc"', etag, lastModified)).toBe(true);
    expect(ifRangeHolds('"other"', etag, lastModified)).toBe(false);
    expect(ifRangeHolds('W/"abc"', etag, lastModified)).toBe(false);
    expect(ifRangeHolds('Wed, 01 Jan 2025 10:00:00 GMT', etag, lastModified)).toBe(true);
    expect(ifRangeHolds('Wed, 01 Jan 2025 09:00:00 GMT', etag, lastModified)).toBe(false);
  });

  it('If-None-Match matches the ETag (weakly) or *', () => {
    expect(noneMatchHits('"x", "abc"', etag)).toBe(true);
    expect(noneMatchHits('W/"abc"', etag)).toBe(true);
    expect(noneMatchHits('*', etag)).toBe(true);
    expect(noneMatchHits('"x"', etag)).toBe(false);
  });

  it('If-Modified-Since compares at one-second precision', () => {
    expect(notModifiedSince('Wed, 01 Jan 2025 10:00:00 GMT', lastModified)).toBe(true);
    expect(notModifiedSince('Wed, 01 Jan 2025 09:59:59 GMT', lastModified)).toBe(false);
    expect(notModifiedSince('garbage', lastModified)).toBe(false);
  });
});
