// The sandbox clock: sandbox time runs `speed` times faster than the wall clock, and every
// sandbox timer is scaled the same way, so a one-minute lifecycle takes one second at speed 60.
export type TimerHandle = { readonly id: number };

export interface Clock {
  readonly speed: number;
  /** Sandbox time, epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `sandboxMs` of sandbox time. */
  setTimeout(fn: () => void, sandboxMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Wall milliseconds that `sandboxMs` of sandbox time take. */
  toWallMs(sandboxMs: number): number;
  /** Cancels every pending timer (sandbox shutdown). */
  dispose(): void;
}

export interface WallTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

const realTimers: WallTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSandboxClock(opts: { speed?: number; wall?: WallTimers } = {}): Clock {
  const speed = opts.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be a positive number, got ${speed}`);
  const wall = opts.wall ?? realTimers;
  const start = wall.now();
  const pending = new Map<number, unknown>();
  let nextId = 1;
  return {
    speed,
    now: () => start + (wall.now() - start) * speed,
    setTimeout(fn, sandboxMs) {
      const id = nextId++;
      // Node fires timers longer than 2^31-1 ms at once, so long waits are re-armed in steps.
      const arm = (wallMs: number): void => {
        const step = Math.min(wallMs, MAX_TIMER_MS);
        pending.set(
          id,
          wall.setTimeout(() => {
            if (wallMs > MAX_TIMER_MS) return arm(wallMs - MAX_TIMER_MS);
            pending.delete(id);
            fn();
          }, step),
        );
      };
      arm(Math.max(0, sandboxMs) / speed);
      return { id };
    },
    clearTimeout(handle) {
      const raw = pending.get(handle.id);
      if (raw === undefined) return;
      pending.delete(handle.id);
      wall.clearTimeout(raw);
    },
    toWallMs: (sandboxMs) => sandboxMs / speed,
    dispose() {
      for (const raw of pending.values()) wall.clearTimeout(raw);
      pending.clear();
    },
  };
}
