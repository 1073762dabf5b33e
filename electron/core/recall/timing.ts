// Abortable waiting shared by the client's retry loop and state confirmation: the default
// real-timer sleep, and a guard that turns an aborted signal into the 'aborted' error even
// when an injected sleep ignores its signal.
import { RecallError } from './errors';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Real-timer sleep that resolves early (without throwing) when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function abortedError(cause?: unknown): RecallError {
  return new RecallError({ kind: 'aborted', message: 'Cancelled before the action finished', cause });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason);
}

/** Sleeps with the given (possibly injected) sleep, but returns as soon as `signal` aborts. */
export async function sleepUnlessAborted(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  if (!signal) {
    await sleep(ms);
    return;
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, signal), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  throwIfAborted(signal);
}
