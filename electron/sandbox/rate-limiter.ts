// Sliding one-minute windows per operation on the sandbox clock (recall-api.md §8.3).
export const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSandboxMs: number };

export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  /** Records the request when allowed; otherwise says how long until a slot frees up. */
  take(key: string, limit: number): RateDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const oldest = recent[recent.length - limit] ?? now;
      return { allowed: false, retryAfterSandboxMs: Math.max(1, oldest + WINDOW_MS - now) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }
}
