// Registration of the shortcut map with the OS, as data: what to unregister and register when
// the map changes (planRegistration), and the resulting status of every binding — registered,
// in use by another app, invalid, unsupported by the session, or unbound — for Settings and tray.
import { formatAccelerator } from './accelerator';
import { HOTKEY_ACTIONS, checkBindings, perAction } from './hotkey-map';
import type { HotkeyAction, HotkeyBindings } from './hotkey-map';

export type RegistrationState = 'registered' | 'in_use' | 'invalid' | 'unsupported' | 'unbound';

export interface RegistrationStatus {
  readonly state: RegistrationState;
  /** Canonical accelerator (as typed when invalid); null when unbound. */
  readonly accelerator: string | null;
  /** Why it is not registered, one sentence; null when registered or unbound. */
  readonly message: string | null;
}

export type RegistrationStatuses = Readonly<Record<HotkeyAction, RegistrationStatus>>;

/** Accelerators this app currently holds, per action. */
export type RegisteredSet = Readonly<Partial<Record<HotkeyAction, string>>>;

export interface RegistrationPlan {
  /** Release these first (so swapping two actions' keys works)… */
  readonly unregister: readonly string[];
  /** …then register these; report each result to applyRegistrationResults. */
  readonly register: ReadonlyArray<{ readonly action: HotkeyAction; readonly accelerator: string }>;
  /** Already registered with the same keys: leave alone. */
  readonly keep: ReadonlyArray<{ readonly action: HotkeyAction; readonly accelerator: string }>;
  /** Statuses known before registering (invalid, unbound, unsupported, kept). */
  readonly statuses: Readonly<Partial<Record<HotkeyAction, RegistrationStatus>>>;
}

export interface PlanOptions {
  /** `process.platform`: enables platform checks and platform wording in messages. */
  platform?: string;
  /**
   * False when the session cannot register global shortcuts at all (e.g. Wayland without the
   * GlobalShortcuts portal): nothing is registered and bound actions report 'unsupported'.
   */
  supported?: boolean;
  /** Why unsupported, shown to the user. */
  unsupportedReason?: string;
}

export const DEFAULT_UNSUPPORTED_REASON =
  'Global shortcuts are not available in this session (e.g. Wayland without the GlobalShortcuts portal) — use the tray menu, or bind a system shortcut to `recall-remote pause BOT`';

const status = (state: RegistrationState, accelerator: string | null, message: string | null): RegistrationStatus =>
  Object.freeze({ state, accelerator, message });

export function planRegistration(prev: RegisteredSet, next: HotkeyBindings, opts: PlanOptions = {}): RegistrationPlan {
  const checks = checkBindings(next, opts.platform === undefined ? {} : { platform: opts.platform });
  const supported = opts.supported ?? true;
  const unregister: string[] = [];
  const register: Array<{ action: HotkeyAction; accelerator: string }> = [];
  const keep: Array<{ action: HotkeyAction; accelerator: string }> = [];
  const statuses: Partial<Record<HotkeyAction, RegistrationStatus>> = {};
  for (const action of HOTKEY_ACTIONS) {
    const held = prev[action];
    const check = checks[action];
    const wanted = supported && check.status === 'ok' ? check.accelerator : null;
    if (held !== undefined && held !== wanted) unregister.push(held);
    if (check.status === 'unbound') statuses[action] = status('unbound', null, null);
    else if (check.status === 'invalid') statuses[action] = status('invalid', check.input, check.message);
    else if (!supported) statuses[action] = status('unsupported', check.accelerator, opts.unsupportedReason ?? DEFAULT_UNSUPPORTED_REASON);
    else if (held === wanted) {
      keep.push({ action, accelerator: check.accelerator });
      statuses[action] = status('registered', check.accelerator, null);
    } else register.push({ action, accelerator: check.accelerator });
  }
  return Object.freeze({ unregister: Object.freeze(unregister), register: Object.freeze(register), keep: Object.freeze(keep), statuses: Object.freeze(statuses) });
}

/** What the adapter got back from the OS for one accelerator. */
export type RegisterResult = boolean | { error: string };

export interface RegistrationOutcome {
  /** Pass as `prev` to the next planRegistration. */
  readonly registered: RegisteredSet;
  readonly statuses: RegistrationStatuses;
}

/**
 * Completes a plan with the adapter's results (globalShortcut.register returns false when
 * another app holds the keys; it throws on an accelerator it cannot parse). A planned
 * registration without a result counts as not registered, never silently as success.
 */
export function applyRegistrationResults(
  plan: RegistrationPlan,
  results: Readonly<Partial<Record<HotkeyAction, RegisterResult>>>,
  opts: { platform?: string } = {},
): RegistrationOutcome {
  const registered: Partial<Record<HotkeyAction, string>> = {};
  const statuses = new Map<HotkeyAction, RegistrationStatus>();
  for (const { action, accelerator } of plan.keep) registered[action] = accelerator;
  for (const { action, accelerator } of plan.register) {
    const result = results[action];
    const shown = opts.platform ? formatAccelerator(accelerator, opts.platform) : accelerator;
    if (result === true) {
      registered[action] = accelerator;
      statuses.set(action, status('registered', accelerator, null));
    } else if (result === false) {
      statuses.set(action, status('in_use', accelerator, `${shown} is already taken by another app or the system — choose another shortcut`));
    } else if (result === undefined) {
      statuses.set(action, status('in_use', accelerator, `${shown} was not registered — try again or choose another shortcut`));
    } else {
      statuses.set(action, status('invalid', accelerator, `${shown} was refused: ${result.error}`));
    }
  }
  return Object.freeze({
    registered: Object.freeze(registered),
    statuses: Object.freeze(perAction((action) => statuses.get(action) ?? plan.statuses[action] ?? status('unbound', null, null))),
  });
}

/** One-line summary for the tray status area: null when every bound shortcut works. */
export function registrationProblem(statuses: Readonly<Partial<Record<HotkeyAction, RegistrationStatus>>>): string | null {
  const broken = HOTKEY_ACTIONS.filter((action) => {
    const state = statuses[action]?.state;
    return state === 'in_use' || state === 'invalid' || state === 'unsupported';
  });
  if (broken.length === 0) return null;
  if (broken.every((action) => statuses[action]?.state === 'unsupported')) return 'Global shortcuts unavailable in this session';
  return broken.length === 1 ? '1 shortcut is not working — see Settings' : `${broken.length} shortcuts are not working — see Settings`;
}
