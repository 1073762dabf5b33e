import { describe, expect, it } from 'vitest';
import { ProgressMeter, formatBytes } from '../../../electron/core/downloads';

describe('ProgressMeter', () => {
  it('emits at most once per interval (≤ 4 per second) however many chunks arrive', () => {
    let now = 0;
    const meter = new ProgressMeter({ now: () => now, intervalMs: 250 });
    meter.start(0, 10_000_000);
    let emitted = 0;
    for (let i = 1; i <= 1000; i++) {
      now += 2; // 1000 chunks over 2 s
      if (meter.update(i * 10_000)) emitted++;
    }
    expect(emitted).toBeLessThanOrEqual(8 + 1);
    expect(emitted).toBeGreaterThanOrEqual(7);
  });

  it('smooths the rate and derives the ETA from it', () => {
    let now = 0;
    const meter = new ProgressMeter({ now: () => now, intervalMs: 250, alpha: 0.5 });
    meter.start(0, 4_000_000);
    now = 1000;
    meter.update(1_000_000); // 1 MB/s
    now = 2000;
    const p = meter.update(1_500_000); // 0.5 MB/s sample → EMA 0.75 MB/s
    expect(p).not.toBeNull();
    expect(p!.rateBps).toBeCloseTo(750_000);
    expect(p!.etaMs).toBeCloseTo((2_500_000 / 750_000) * 1000);
    expect(p!.percent).toBeCloseTo(37.5);
  });

  it('reports no percent or ETA while the total is unknown, and counts resumed bytes', () => {
    let now = 0;
    const meter = new ProgressMeter({ now: () => now });
    expect(meter.start(5_000, null)).toEqual({ bytes: 5_000, total: null, percent: null, rateBps: null, etaMs: null });
    now = 500;
    expect(meter.update(10_000)).toMatchObject({ bytes: 10_000, percent: null, etaMs: null, rateBps: 10_000 });
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1_234, '1.2 KB'],
    [1_200_000_000, '1.2 GB'],
    [345_000_000, '345 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
