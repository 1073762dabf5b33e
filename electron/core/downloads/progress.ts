// Download progress for the UI and the CLI: bytes, total, a smoothed rate (exponential moving
// average) and ETA, emitted at most every `intervalMs` so listeners are never flooded.
export interface DownloadProgress {
  bytes: number;
  total: number | null;
  /** 0–100, null while the total is unknown. */
  percent: number | null;
  /** Smoothed bytes per second; null until the first rate sample. */
  rateBps: number | null;
  etaMs: number | null;
}

export interface ProgressMeterOptions {
  now: () => number;
  /** Minimum time between emissions: 250 ms = at most 4 per second. */
  intervalMs?: number;
  /** Weight of the newest rate sample. */
  alpha?: number;
}

export class ProgressMeter {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly alpha: number;
  private bytes = 0;
  private total: number | null = null;
  private rate: number | null = null;
  private sampleAt = 0;
  private sampleBytes = 0;
  private lastEmitAt = -Infinity;

  constructor(opts: ProgressMeterOptions) {
    this.now = opts.now;
    this.intervalMs = opts.intervalMs ?? 250;
    this.alpha = opts.alpha ?? 0.3;
  }

  /** (Re)starts measuring from `bytes` already on disk; the rate survives a resume. */
  start(bytes: number, total: number | null): DownloadProgress {
    this.bytes = bytes;
    this.total = total;
    this.sampleAt = this.now();
    this.sampleBytes = bytes;
    return this.snapshot();
  }

  /** Records the byte count; returns a progress value when one is due for emission. */
  update(bytes: number): DownloadProgress | null {
    this.bytes = bytes;
    const at = this.now();
    const elapsed = at - this.sampleAt;
    if (elapsed >= this.intervalMs) {
      const sample = ((bytes - this.sampleBytes) * 1000) / elapsed;
      this.rate = this.rate === null ? sample : this.alpha * sample + (1 - this.alpha) * this.rate;
      this.sampleAt = at;
      this.sampleBytes = bytes;
    }
    if (at - this.lastEmitAt < this.intervalMs) return null;
    this.lastEmitAt = at;
    return this.snapshot();
  }

  snapshot(): DownloadProgress {
    const { bytes, total, rate } = this;
    const percent = total !== null && total > 0 ? Math.min(100, (bytes / total) * 100) : total === 0 ? 100 : null;
    const etaMs = total !== null && rate !== null && rate > 0 ? Math.max(0, ((total - bytes) / rate) * 1000) : null;
    return { bytes, total, percent, rateBps: rate, etaMs };
  }
}
