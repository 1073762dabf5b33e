// The powerMonitor adapter on a mocked Electron: events passed 1:1, listeners removed on stop,
// and the Linux lock polling that stands in for the lock events Linux does not emit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PowerEvent } from '../../../electron/core/automation';

type Listener = () => void;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  const state = { idle: 'active' as 'active' | 'idle' | 'locked' | 'unknown', idleCalls: 0, throwOnIdle: false };
  const powerMonitor = {
    on: (event: string, listener: Listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return powerMonitor;
    },
    removeListener: (event: string, listener: Listener) => {
      listeners.get(event)?.delete(listener);
      return powerMonitor;
    },
    getSystemIdleState: (_threshold: number) => {
      state.idleCalls++;
      if (state.throwOnIdle) throw new Error('not supported');
      return state.idle;
    },
  };
  const emit = (event: string) => {
    for (const listener of listeners.get(event) ?? []) listener();
  };
  return { listeners, state, powerMonitor, emit };
});

vi.mock('electron', () => ({ powerMonitor: fake.powerMonitor }));

const { watchPowerEvents, LINUX_LOCK_POLL_MS } = await import('../../../electron/main/adapters/power-monitor');

beforeEach(() => {
  fake.listeners.clear();
  fake.state.idle = 'active';
  fake.state.idleCalls = 0;
  fake.state.throwOnIdle = false;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchPowerEvents', () => {
  it('passes lock, unlock, suspend and resume through unchanged, and stops on request', () => {
    const seen: PowerEvent[] = [];
    const stop = watchPowerEvents({ onEvent: (e) => seen.push(e), platform: 'darwin' });
    for (const event of ['lock-screen', 'unlock-screen', 'suspend', 'resume', 'on-battery']) fake.emit(event);
    expect(seen).toEqual(['lock-screen', 'unlock-screen', 'suspend', 'resume']);
    stop();
    fake.emit('lock-screen');
    expect(seen).toHaveLength(4);
    expect([...fake.listeners.values()].every((set) => set.size === 0)).toBe(true);
  });

  it('logs a handler that throws instead of letting it escape into Electron', () => {
    const log = vi.fn();
    watchPowerEvents({
      onEvent: () => {
        throw new Error('boom');
      },
      platform: 'win32',
      log,
    });
    expect(() => fake.emit('suspend')).not.toThrow();
    expect(log).toHaveBeenCalledWith('power event suspend handler failed: boom');
  });

  it('on Linux, turns the polled lock state into lock and unlock events', () => {
    vi.useFakeTimers();
    const seen: PowerEvent[] = [];
    const stop = watchPowerEvents({ onEvent: (e) => seen.push(e), platform: 'linux' });
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS * 2);
    expect(seen).toEqual([]);
    fake.state.idle = 'locked';
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS);
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS);
    expect(seen).toEqual(['lock-screen']);
    fake.state.idle = 'idle';
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS);
    expect(seen).toEqual(['lock-screen', 'unlock-screen']);
    stop();
    const calls = fake.state.idleCalls;
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS * 10);
    expect(fake.state.idleCalls).toBe(calls);
  });

  it('does not report a lock that was already there at start', () => {
    vi.useFakeTimers();
    fake.state.idle = 'locked';
    const seen: PowerEvent[] = [];
    const stop = watchPowerEvents({ onEvent: (e) => seen.push(e), platform: 'linux' });
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS * 3);
    expect(seen).toEqual([]);
    stop();
  });

  it('polls only on Linux, and not when switched off', () => {
    vi.useFakeTimers();
    const stops = [watchPowerEvents({ onEvent: () => undefined, platform: 'darwin' }), watchPowerEvents({ onEvent: () => undefined, platform: 'win32' }), watchPowerEvents({ onEvent: () => undefined, platform: 'linux', linuxLockPollMs: 0 })];
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS * 5);
    expect(fake.state.idleCalls).toBe(0);
    for (const stop of stops) stop();
  });

  it('treats a platform that cannot tell the lock state as never locked', () => {
    vi.useFakeTimers();
    fake.state.throwOnIdle = true;
    const seen: PowerEvent[] = [];
    watchPowerEvents({ onEvent: (e) => seen.push(e), platform: 'linux' });
    vi.advanceTimersByTime(LINUX_LOCK_POLL_MS * 3);
    expect(seen).toEqual([]);
  });
});
