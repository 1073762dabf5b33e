import { describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../../electron/sandbox/clock';
import { ManualWall } from './manual-wall';

describe('sandbox clock', () => {
  it('runs sandbox time `speed` times faster than the wall clock', () => {
    const wall = new ManualWall();
    const clock = createSandboxClock({ speed: 60, wall });
    const t0 = clock.now();
    wall.advance(1_000);
    expect(clock.now() - t0).toBe(60_000);
    expect(clock.toWallMs(60_000)).toBe(1_000);
  });

  it('scales timers: a one-minute sandbox timer fires after one wall second at speed 60', () => {
    const wall = new ManualWall();
    const clock = createSandboxClock({ speed: 60, wall });
    let fired = 0;
    clock.setTimeout(() => fired++, 60_000);
    wall.advance(999);
    expect(fired).toBe(0);
    wall.advance(1);
    expect(fired).toBe(1);
  });

  it('cancels a timer and every pending timer on dispose', () => {
    const wall = new ManualWall();
    const clock = createSandboxClock({ speed: 2, wall });
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 1_000);
    clock.clearTimeout(handle);
    clock.setTimeout(() => fired++, 1_000);
    clock.setTimeout(() => fired++, 2_000);
    clock.dispose();
    expect(wall.pending()).toBe(0);
    wall.advance(10_000);
    expect(fired).toBe(0);
  });

  it('rejects a speed that is not a positive number', () => {
    expect(() => createSandboxClock({ speed: 0 })).toThrow(/speed/);
    expect(() => createSandboxClock({ speed: Number.NaN })).toThrow(/speed/);
  });
});

describe('long sandbox timers', () => {
  it('fires a timer longer than the platform maximum only when it is due', () => {
    const wall = new ManualWall();
    const clock = createSandboxClock({ speed: 1, wall });
    let fired = 0;
    const month = 40 * 24 * 3_600_000;
    clock.setTimeout(() => fired++, month);
    wall.advance(2 ** 31);
    expect(fired).toBe(0);
    wall.advance(month - 2 ** 31);
    expect(fired).toBe(1);
  });
});
