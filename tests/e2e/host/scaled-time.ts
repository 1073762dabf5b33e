// Time for a core that runs beside a sped-up sandbox: the clock follows sandbox time (`speed`
// times the wall clock, so durations computed from the sandbox's timestamps stay coherent) and
// every timer is scaled the same way, so deadlines measured on the clock and the timers that
// wake them agree.
import type { Clock, Timers } from '../../../electron/core/app';

export function scaledTime(speed: number, start: number = Date.now()): { clock: Clock; timers: Timers } {
  if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  return {
    clock: { now: () => start + (Date.now() - start) * speed },
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms) / speed),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  };
}
