// One 0..1 progress value for a multi-step export: each step gets the stretch from where the
// bar is now to its end mark, so the value never goes backwards (not even when a fallback
// step is added late) and reaches 1 only when the export is done.

/** Steps top out just below 1: only finish() says "done". */
const UNFINISHED = 0.999;
/** Finer steps are not worth an event. */
const MIN_STEP = 0.001;

export class PhasedProgress {
  private value = 0;

  constructor(private readonly report?: (fraction: number) => void) {}

  /** A reporter for a step that ends at `endMark` (0..1) of the whole. */
  phase(endMark: number): (fraction: number) => void {
    const start = this.value;
    const end = Math.max(start, Math.min(1, endMark));
    return (fraction) => this.emit(Math.min(UNFINISHED, start + (end - start) * Math.min(1, Math.max(0, fraction))));
  }

  finish(): void {
    this.emit(1);
  }

  private emit(next: number): void {
    if (next <= this.value || (next < 1 && next - this.value < MIN_STEP)) return;
    this.value = next;
    this.report?.(next);
  }
}
