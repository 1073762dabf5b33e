import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from '../../../electron/sandbox/rate-limiter';

describe('sliding-window rate limiter', () => {
  it('allows `limit` requests per minute and says when the oldest one leaves the window', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(() => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.take('op', 3).allowed).toBe(true);
      now += 10_000;
    }
    expect(limiter.take('op', 3)).toEqual({ allowed: false, retryAfterSandboxMs: 30_000 });
    now = 60_001;
    expect(limiter.take('op', 3).allowed).toBe(true);
  });

  it('keeps a separate window per operation', () => {
    const limiter = new SlidingWindowRateLimiter(() => 0);
    expect(limiter.take('a', 1).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
    expect(limiter.take('b', 1).allowed).toBe(true);
  });

  it('does not count refused requests against the window', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(() => now);
    limiter.take('op', 1);
    for (let i = 0; i < 5; i++) expect(limiter.take('op', 1).allowed).toBe(false);
    now = 60_000;
    expect(limiter.take('op', 1).allowed).toBe(true);
  });
});
