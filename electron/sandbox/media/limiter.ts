// Caps how many ffmpeg processes run at once (one per core by default). Renders are served
// before background warm-up, so a waiting user never queues behind speculative work.
import { abortError } from './ffmpeg';

export type SlotPriority = 'render' | 'warm';

interface Waiter {
  priority: SlotPriority;
  grant: (release: () => void) => void;
}

export class ProcessLimiter {
  private busy = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly slots: number) {}

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  acquire(priority: SlotPriority, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        if (signal !== undefined) reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (priority === 'render') {
        const firstWarm = this.queue.findIndex((w) => w.priority === 'warm');
        this.queue.splice(firstWarm < 0 ? this.queue.length : firstWarm, 0, waiter);
      } else {
        this.queue.push(waiter);
      }
      this.pump();
    });
  }

  private pump(): void {
    while (this.busy < this.slots && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) return;
      this.busy++;
      let released = false;
      next.grant(() => {
        if (released) return;
        released = true;
        this.busy--;
        this.pump();
      });
    }
  }
}
