// Simulated time for the control modules (their Clock and Timers): an hour of polling runs in
// a fraction of a second, deterministically. Each due timer fires in order, and the promise
// chains it starts settle before the next one fires.
import type { Clock, TimerHandle, Timers } from '../../electron/core/control';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 8; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

export class VirtualTime implements Clock, Timers {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Pending>();

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Resolves after `ms` of simulated time (for promises the simulated server answers with). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      let next: [number, Pending] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at > target) continue;
        if (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq)) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
      await settle();
    }
    this.time = target;
  }
}
