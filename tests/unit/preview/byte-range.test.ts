import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../../electron/core/preview';

describe('parseByteRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=0-1, 5-6', { kind: 'partial', start: 0, end: 1 }],
    ['bytes=-2000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'full' }],
    ['items=0-5', { kind: 'full' }],
    ['bytes=abc', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
  ])('%s on 1000 bytes → %j', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });
});
