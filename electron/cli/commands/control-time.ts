// The clock and timers the CLI runs the recording controller on: the real ones, or — when the
// caller injects `sleep`/`now` (tests) — timers built on that sleep, where a timer cleared before
// it fires aborts its sleep, so a fake clock only advances for the waits that really happen.
import { systemTimers } from '../../core/control';
import type { Clock, Timers } from '../../core/control';
import type { Sleep } from '../../core/recall';
import type { CliIo } from '../command';

export function sleepTimers(sleep: Sleep): Timers {
  return {
    setTimeout(callback, ms) {
      const cancel = new AbortController();
      void sleep(ms, cancel.signal).then(() => {
        if (!cancel.signal.aborted) callback();
      });
      return cancel;
    },
    clearTimeout(handle) {
      if (handle instanceof AbortController) handle.abort();
    },
  };
}

export function controlTime(io: Pick<CliIo, 'now' | 'sleep'>): { clock: Clock; timers: Timers } {
  return { clock: { now: io.now ?? (() => Date.now()) }, timers: io.sleep ? sleepTimers(io.sleep) : systemTimers };
}
