import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, FaultController, InvalidFaultConfigError } from '../../../electron/sandbox/faults';

describe('fault controller', () => {
  it('injects nothing by default', () => {
    const faults = new FaultController();
    expect(faults.get()).toEqual(DEFAULT_FAULTS);
    for (let i = 0; i < 100; i++) expect(faults.takeFailure('control')).toBeNull();
    expect(faults.takeRateLimitBurst()).toBeNull();
    expect(faults.latencyFor('create')).toBe(0);
    expect(faults.truncateAfter(1000)).toBeNull();
  });

  it('fails exactly `count` requests with failNext, then clears it', () => {
    const faults = new FaultController({ failNext: { count: 2, status: 503 } });
    expect(faults.takeFailure('retrieve')).toEqual({ status: 503, afterApply: false });
    expect(faults.takeFailure('control')).toEqual({ status: 503, afterApply: false });
    expect(faults.takeFailure('control')).toBeNull();
    expect(faults.get().failNext).toBeNull();
  });

  it('produces the same failure sequence for the same seed', () => {
    const run = (seed: number): Array<number | null> => {
      const faults = new FaultController({ seed, errorRate: 0.5, errorStatuses: [500, 502, 503, 507] });
      return Array.from({ length: 40 }, () => faults.takeFailure('retrieve')?.status ?? null);
    };
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
    expect(a.filter((s) => s !== null).length).toBeGreaterThan(5);
    expect(new Set(a.filter((s) => s !== null))).toEqual(new Set([500, 502, 503, 507]));
  });

  it('limits random errors to the chosen endpoint classes', () => {
    const faults = new FaultController({ errorRate: 1, errorClasses: ['control'] });
    expect(faults.takeFailure('retrieve')).toBeNull();
    expect(faults.takeFailure('control')).not.toBeNull();
  });

  it('counts down a forced 429 burst', () => {
    const faults = new FaultController({ rateLimitBurst: 2, retryAfterSeconds: 4 });
    expect(faults.takeRateLimitBurst()).toBe(4);
    expect(faults.takeRateLimitBurst()).toBe(4);
    expect(faults.takeRateLimitBurst()).toBeNull();
  });

  it('cuts media at the smaller of the byte and fraction limits, never past the body', () => {
    const faults = new FaultController({ truncateMediaAtBytes: 500, truncateMediaAtFraction: 0.25 });
    expect(faults.truncateAfter(1000)).toBe(250);
    expect(faults.truncateAfter(4000)).toBe(500);
    expect(faults.truncateAfter(400)).toBe(100);
    faults.set({ truncateMediaAtFraction: null });
    expect(faults.truncateAfter(300)).toBeNull();
  });

  it('rejects invalid settings with a message naming the field and keeps the old config', () => {
    const faults = new FaultController({ errorRate: 0.1 });
    expect(() => faults.set({ errorRate: 2 })).toThrow(InvalidFaultConfigError);
    expect(() => faults.set({ bogus: true })).toThrow(/bogus|Unrecognized/);
    expect(() => faults.set({ errorStatuses: [200] })).toThrow(/errorStatuses/);
    expect(faults.get().errorRate).toBe(0.1);
  });

  it('reset() restores the defaults', () => {
    const faults = new FaultController({ latencyMs: { control: 100 }, rateLimitBurst: 3 });
    faults.reset();
    expect(faults.get()).toEqual(DEFAULT_FAULTS);
  });
});
