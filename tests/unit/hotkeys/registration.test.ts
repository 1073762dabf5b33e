import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, withBinding } from '../../../electron/core/hotkeys/hotkey-map';
import type { HotkeyAction, HotkeyBindings } from '../../../electron/core/hotkeys/hotkey-map';
import { applyRegistrationResults, planRegistration, registrationProblem } from '../../../electron/core/hotkeys/registration';
import type { RegisteredSet, RegisterResult } from '../../../electron/core/hotkeys/registration';

/** A fake OS shortcut table: what this app holds, plus keys other apps hold. */
class FakeShortcuts {
  readonly held = new Map<string, HotkeyAction>();
  readonly calls: string[] = [];
  constructor(readonly takenByOthers: Set<string> = new Set()) {}

  apply(prev: RegisteredSet, next: HotkeyBindings, opts: Parameters<typeof planRegistration>[2] = {}) {
    const plan = planRegistration(prev, next, opts);
    for (const accelerator of plan.unregister) {
      this.calls.push(`unregister ${accelerator}`);
      this.held.delete(accelerator);
    }
    const results: Partial<Record<HotkeyAction, RegisterResult>> = {};
    for (const { action, accelerator } of plan.register) {
      this.calls.push(`register ${accelerator}`);
      const free = !this.takenByOthers.has(accelerator) && !this.held.has(accelerator);
      if (free) this.held.set(accelerator, action);
      results[action] = free;
    }
    return { plan, outcome: applyRegistrationResults(plan, results, opts.platform ? { platform: opts.platform } : {}) };
  }
}

describe('planRegistration', () => {
  it('registers every valid binding the first time', () => {
    const os = new FakeShortcuts();
    const { outcome } = os.apply({}, DEFAULT_HOTKEYS);
    expect(Object.values(outcome.statuses).map((s) => s.state)).toEqual(Array(6).fill('registered'));
    expect(outcome.registered).toEqual(DEFAULT_HOTKEYS);
    expect(os.calls).toHaveLength(6);
  });

  it('touches only what changed', () => {
    const os = new FakeShortcuts();
    const first = os.apply({}, DEFAULT_HOTKEYS).outcome;
    os.calls.length = 0;
    const next = withBinding(DEFAULT_HOTKEYS, 'stop', 'Ctrl+Alt+F12');
    const { plan, outcome } = os.apply(first.registered, next);
    expect(os.calls).toEqual(['unregister CommandOrControl+Alt+Shift+T', 'register Control+Alt+F12']);
    expect(plan.keep).toHaveLength(5);
    expect(outcome.statuses.stop).toEqual({ state: 'registered', accelerator: 'Control+Alt+F12', message: null });
  });

  it('swaps two actions’ keys by releasing both before registering', () => {
    const os = new FakeShortcuts();
    const first = os.apply({}, DEFAULT_HOTKEYS).outcome;
    os.calls.length = 0;
    const swapped = { ...DEFAULT_HOTKEYS, pause: DEFAULT_HOTKEYS.resume, resume: DEFAULT_HOTKEYS.pause };
    const { outcome } = os.apply(first.registered, swapped);
    expect(os.calls.slice(0, 2).every((c) => c.startsWith('unregister'))).toBe(true);
    expect(outcome.statuses.pause.state).toBe('registered');
    expect(outcome.statuses.resume.state).toBe('registered');
    expect(os.held.get(DEFAULT_HOTKEYS.resume!)).toBe('pause');
  });

  it('reports keys another app holds as in_use, and retries them next time', () => {
    const os = new FakeShortcuts(new Set(['CommandOrControl+Alt+Shift+P']));
    const first = os.apply({}, DEFAULT_HOTKEYS, { platform: 'win32' }).outcome;
    expect(first.statuses['toggle-pause']).toEqual({
      state: 'in_use',
      accelerator: 'CommandOrControl+Alt+Shift+P',
      message: 'Ctrl+Alt+Shift+P is already taken by another app or the system — choose another shortcut',
    });
    expect(first.registered['toggle-pause']).toBeUndefined();
    os.takenByOthers.clear();
    os.calls.length = 0;
    const second = os.apply(first.registered, DEFAULT_HOTKEYS).outcome;
    expect(os.calls).toEqual(['register CommandOrControl+Alt+Shift+P']);
    expect(second.statuses['toggle-pause'].state).toBe('registered');
  });

  it('reports invalid and unbound bindings without registering them, and releases what they held', () => {
    const os = new FakeShortcuts();
    const first = os.apply({}, DEFAULT_HOTKEYS).outcome;
    os.calls.length = 0;
    const next = { ...DEFAULT_HOTKEYS, start: 'Ctrl+Shift', stop: null };
    const { outcome } = os.apply(first.registered, next);
    expect(os.calls).toEqual(['unregister CommandOrControl+Alt+Shift+R', 'unregister CommandOrControl+Alt+Shift+T']);
    expect(outcome.statuses.start).toEqual({ state: 'invalid', accelerator: 'Ctrl+Shift', message: "'Ctrl+Shift' has no key — add a letter, digit or F-key" });
    expect(outcome.statuses.stop).toEqual({ state: 'unbound', accelerator: null, message: null });
  });

  it('registers nothing where global shortcuts are unsupported, and says why', () => {
    const os = new FakeShortcuts();
    const first = os.apply({}, DEFAULT_HOTKEYS).outcome;
    os.calls.length = 0;
    const { outcome } = os.apply(first.registered, { ...DEFAULT_HOTKEYS, stop: null }, { supported: false, unsupportedReason: 'Wayland without portal' });
    expect(os.calls.filter((c) => c.startsWith('register'))).toEqual([]);
    expect(os.held.size).toBe(0);
    expect(outcome.statuses.pause).toEqual({ state: 'unsupported', accelerator: 'CommandOrControl+Alt+Shift+H', message: 'Wayland without portal' });
    expect(outcome.statuses.stop.state).toBe('unbound');
    expect(registrationProblem(outcome.statuses)).toBe('Global shortcuts unavailable in this session');
  });

  it('never counts a missing or thrown registration as success', () => {
    const plan = planRegistration({}, DEFAULT_HOTKEYS);
    const outcome = applyRegistrationResults(plan, { pause: { error: 'conversion failed' }, resume: true });
    expect(outcome.statuses.pause).toMatchObject({ state: 'invalid', message: 'CommandOrControl+Alt+Shift+H was refused: conversion failed' });
    expect(outcome.statuses.stop.state).toBe('in_use');
    expect(outcome.registered).toEqual({ resume: DEFAULT_HOTKEYS.resume });
  });
});

describe('registrationProblem', () => {
  it('summarizes broken shortcuts for the tray', () => {
    const ok = { state: 'registered' as const, accelerator: 'X', message: null };
    expect(registrationProblem({ pause: ok })).toBeNull();
    expect(registrationProblem({ pause: ok, stop: { state: 'in_use', accelerator: 'X', message: 'm' } })).toBe('1 shortcut is not working — see Settings');
    expect(
      registrationProblem({ pause: { state: 'invalid', accelerator: 'X', message: 'm' }, stop: { state: 'in_use', accelerator: 'X', message: 'm' } }),
    ).toBe('2 shortcuts are not working — see Settings');
  });
});
