// The test host's own implementations of the core's ports, kept in memory: settings (validated
// by the same settings model as electron-store's), an API key vault with the safeStorage
// vault's refusal rules, a shortcut registrar that behaves like Electron's globalShortcut (and
// can be told another app holds a shortcut), launch at login, and a notifier that records.
// Unit tests use them too, so the test host and the tests exercise the same doubles.
import { applyRegistrationResults, HOTKEY_ACTIONS, perAction, planRegistration } from '../../../electron/core/hotkeys';
import type { HotkeyAction, HotkeyBindings, HotkeyOutcome, RegisteredSet, RegisterResult, RegistrationOutcome } from '../../../electron/core/hotkeys';
import { applySettingsPatch, defaultSettings, normalizeApiKey, rememberBot, SecretVaultError } from '../../../electron/core/settings';
import type { SecretAvailability, SecretVault, SetApiKeyOptions, Settings } from '../../../electron/core/settings';
import type {
  HotkeyPressTarget,
  HotkeyRegistrar,
  LaunchAtLoginPort,
  LaunchAtLoginState,
  NotifierPort,
  SettingsPort,
  SettingsWrite,
  ShortcutReport,
} from '../../../electron/core/app';

export class MemorySettingsStore implements SettingsPort {
  private current: Settings;
  /** Set to make the next save fail with this message (a full disk, a read-only folder). */
  failNextSave: string | null = null;
  /** Every saved version, oldest first. */
  readonly saves: Settings[] = [];

  constructor(
    private readonly opts: { platform: string; now: () => number; initial?: Settings },
  ) {
    this.current = opts.initial ?? defaultSettings();
  }

  get(): Settings {
    return this.current;
  }

  update(patch: unknown): SettingsWrite {
    const result = applySettingsPatch(this.current, patch, { platform: this.opts.platform });
    return result.ok ? this.commit(result.settings) : result;
  }

  rememberBot(bot: { id: string; name: string | null }): SettingsWrite {
    const result = rememberBot(this.current, bot, this.opts.now());
    return result.ok ? this.commit(result.settings) : result;
  }

  private commit(next: Settings): SettingsWrite {
    if (this.failNextSave !== null) {
      const message = this.failNextSave;
      this.failNextSave = null;
      return { ok: false, error: new Error(message) };
    }
    this.current = next;
    this.saves.push(next);
    return { ok: true, settings: next };
  }
}

export const MEMORY_VAULT_PLAIN_TEXT_MESSAGE =
  'No system keyring (GNOME Keyring or KWallet) was found, so the API key would only be scrambled with a password built into Electron — any program running as you could read it. The key was not saved. Install or unlock a keyring and try again, or explicitly accept the weaker protection.';
export const MEMORY_VAULT_UNAVAILABLE_MESSAGE =
  'This system cannot encrypt the API key right now (no keychain or keyring is available), so it was not saved.';

/** A SecretVault in memory with the safeStorage vault's rules: basic_text needs explicit consent. */
export class MemoryVault implements SecretVault {
  private key: string | null;

  constructor(
    private protection: SecretAvailability = 'os',
    initialKey: string | null = null,
  ) {
    this.key = initialKey;
  }

  /** What the OS offers from now on (e.g. a Linux session without a keyring: 'basic_text'). */
  setAvailability(protection: SecretAvailability): void {
    this.protection = protection;
  }

  availability(): SecretAvailability {
    return this.protection;
  }

  hasApiKey(): boolean {
    return this.key !== null;
  }

  async getApiKey(): Promise<string | null> {
    return this.key;
  }

  async setApiKey(key: string, options: SetApiKeyOptions = {}): Promise<void> {
    const clean = normalizeApiKey(key);
    if (this.protection === 'unavailable') throw new SecretVaultError('encryption_unavailable', MEMORY_VAULT_UNAVAILABLE_MESSAGE);
    if (this.protection === 'basic_text' && options.allowPlainTextStorage !== true) {
      throw new SecretVaultError('plain_text_refused', MEMORY_VAULT_PLAIN_TEXT_MESSAGE);
    }
    this.key = clean;
  }

  async clearApiKey(): Promise<void> {
    this.key = null;
  }
}

/**
 * Global shortcuts as Electron's globalShortcut treats them, in memory: register() succeeds
 * unless another app holds the keys (simulateInUse), changes wait while suspended, and a
 * registered shortcut can be "pressed".
 */
export class MemoryHotkeyRegistrar implements HotkeyRegistrar {
  private registered: RegisteredSet = {};
  private outcome: RegistrationOutcome = applyRegistrationResults(planRegistration({}, perAction(() => null)), {});
  private suspended = false;
  private pending: HotkeyBindings | null = null;
  private readonly heldElsewhere = new Set<string>();

  constructor(
    private readonly target: HotkeyPressTarget,
    private readonly platform: string,
  ) {}

  apply(bindings: HotkeyBindings): ShortcutReport {
    if (this.suspended) {
      this.pending = bindings;
      return this.report();
    }
    const plan = planRegistration(this.registered, bindings, { platform: this.platform });
    const results: Partial<Record<HotkeyAction, RegisterResult>> = {};
    for (const { action, accelerator } of plan.register) results[action] = !this.heldElsewhere.has(accelerator);
    this.outcome = applyRegistrationResults(plan, results, { platform: this.platform });
    this.registered = this.outcome.registered;
    return this.report();
  }

  report(): ShortcutReport {
    return { statuses: this.outcome.statuses, reliable: true, note: null };
  }

  setSuspended(suspended: boolean): void {
    if (this.suspended === suspended) return;
    this.suspended = suspended;
    if (!suspended && this.pending) {
      const next = this.pending;
      this.pending = null;
      this.apply(next);
    }
  }

  dispose(): void {
    this.registered = {};
    this.pending = null;
  }

  isSuspended(): boolean {
    return this.suspended;
  }

  /** Another app takes `accelerator`: if we held it, we lose it; re-apply to see the status. */
  simulateInUse(accelerator: string): void {
    this.heldElsewhere.add(accelerator);
    this.registered = Object.fromEntries(Object.entries(this.registered).filter(([, held]) => held !== accelerator));
  }

  /** The other app lets go of `accelerator`. */
  releaseElsewhere(accelerator: string): void {
    this.heldElsewhere.delete(accelerator);
  }

  /** The user presses `accelerator`: delivered like globalShortcut's callback, if we hold it and are not suspended. */
  press(accelerator: string): Promise<HotkeyOutcome> | null {
    if (this.suspended) return null;
    const action = HOTKEY_ACTIONS.find((a) => this.registered[a] === accelerator);
    return action ? this.target.dispatch(action) : null;
  }
}

export class MemoryLaunchAtLogin implements LaunchAtLoginPort {
  constructor(
    private enabled = false,
    private readonly supported = true,
  ) {}

  get(): LaunchAtLoginState {
    return this.supported
      ? { supported: true, enabled: this.enabled, message: null }
      : { supported: false, enabled: false, message: 'Launch at login is not available here' };
  }

  set(enabled: boolean): LaunchAtLoginState {
    if (this.supported) this.enabled = enabled;
    return this.get();
  }
}

export type RecordedNotification =
  | { kind: 'hotkey'; outcome: HotkeyOutcome }
  | { kind: 'failure'; title: string; message: string }
  | { kind: 'notice'; title: string; message: string };

/** A notifier that keeps what it would have shown. */
export class RecordingNotifier implements NotifierPort {
  readonly shown: RecordedNotification[] = [];

  hotkeyOutcome(outcome: HotkeyOutcome): void {
    this.shown.push({ kind: 'hotkey', outcome });
  }

  failure(title: string, message: string): void {
    this.shown.push({ kind: 'failure', title, message });
  }

  notice(title: string, message: string): void {
    this.shown.push({ kind: 'notice', title, message });
  }
}
