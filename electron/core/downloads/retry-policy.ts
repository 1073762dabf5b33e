// When a failed transfer attempt is tried again: bounded exponential backoff with jitter for
// network failures and 5xx, Retry-After for 429, at most `maxAttempts` failures in a row
// without progress.
export interface RetryPolicy {
  /** Consecutive failed attempts (no new bytes) before giving up. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** A longer Retry-After fails the download instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseMs: 1_000,
  capMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** Delay before retry number `failures` (1-based): jittered within [½, 1] of the step. */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
