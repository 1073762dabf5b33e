// The connection the core runs on and switching it. At start: a key from the environment, else
// the saved live connection with the vault's key, else the embedded sandbox. A new live
// connection is checked with a real API call and only then saved (key to the vault, endpoint to
// the settings); any failure leaves everything — saved state and current connection — unchanged.
import { isRecallError } from '../recall';
import { normalizeApiKey, SecretVaultError, SettingsUpdateError } from '../settings';
import type { ConnectionView, RequestParsed } from '../../contract';
import { liveConnection, requestedEndpoint } from './connection';
import type { ClientOptions, Connection, CoreClient, CoreDeps, SandboxHandle } from './deps';
import { CoreError } from './errors';

export interface ActiveConnection {
  readonly connection: Connection;
  readonly client: CoreClient;
  /** The embedded sandbox this connection runs on; the manager closes it when switching away. */
  readonly sandbox: SandboxHandle | null;
}

type Ports = Pick<CoreDeps, 'settings' | 'vault' | 'envConnection' | 'createClient' | 'startSandbox' | 'log'>;

/** Checking a connection: one quick attempt, so a wrong key or host is reported within seconds. */
const CHECK_CLIENT: ClientOptions = { maxRetries: 1, timeoutMs: 10_000 };

const UNCHANGED = 'The connection was not changed.';

function withUnchanged(message: string): string {
  return `${message.replace(/[.\s]+$/, '')}. ${UNCHANGED}`;
}

function storageError(error: unknown): CoreError {
  const message = error instanceof Error ? error.message : String(error);
  return new CoreError('storage', message);
}

/** A settings write that failed: bad input is 'validation', anything else could not be stored. */
function writeError(error: Error): CoreError {
  return new CoreError(error instanceof SettingsUpdateError ? 'validation' : 'storage', error.message);
}

export class ConnectionManager {
  private active: ActiveConnection;
  /** Switches run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly ports: Ports,
    initial: ActiveConnection,
    private readonly onSwitch: (active: ActiveConnection) => void,
  ) {
    this.active = initial;
  }

  /** Opens the start-up connection; problems (an unreadable key) become `notices`, never a failure to start. */
  static async open(ports: Ports, onSwitch: (active: ActiveConnection) => void): Promise<{ manager: ConnectionManager; notices: string[] }> {
    const notices: string[] = [];
    let live: Connection | null = ports.envConnection ?? null;
    const saved = ports.settings.get().connection;
    if (!live && saved.mode === 'live') {
      try {
        const key = await ports.vault.getApiKey();
        if (key) live = liveConnection(key, { region: saved.region, customBaseUrl: saved.customBaseUrl });
        else notices.push('Live mode is set but no API key is saved — using the built-in sandbox. Enter your key in Settings.');
      } catch (error) {
        notices.push(`${error instanceof Error ? error.message : String(error)} — using the built-in sandbox meanwhile.`);
      }
    }
    const initial = live ? { connection: live, client: ports.createClient(live), sandbox: null } : await ConnectionManager.sandboxConnection(ports);
    return { manager: new ConnectionManager(ports, initial, onSwitch), notices };
  }

  private static async sandboxConnection(ports: Ports): Promise<ActiveConnection> {
    const sandbox = await ports.startSandbox();
    const connection: Connection = { mode: 'sandbox', apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl };
    return { connection, client: ports.createClient(connection), sandbox };
  }

  current(): ActiveConnection {
    return this.active;
  }

  /** A user key is set: the connection's own (live) or one saved for later (sandbox). */
  apiKeyConfigured(): boolean {
    return this.active.connection.mode === 'live' || this.ports.vault.hasApiKey();
  }

  view(): ConnectionView {
    const { connection } = this.active;
    const saved = this.ports.settings.get().connection;
    const fromEnv = connection === this.ports.envConnection;
    return {
      mode: connection.mode,
      region: fromEnv ? (connection.region ?? saved.region) : saved.region,
      customBaseUrl: fromEnv ? (connection.baseUrl ?? null) : saved.customBaseUrl,
      apiKeyConfigured: this.apiKeyConfigured(),
      keyStorage: this.ports.vault.availability(),
    };
  }

  /** Applies a `connection:set` request; resolves once the core runs on it. */
  set(request: RequestParsed<'connection:set'>): Promise<void> {
    const run = this.queue.then(() => (request.mode === 'sandbox' ? this.useSandbox() : this.useLive(request)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the embedded sandbox, if one runs. */
  async close(): Promise<void> {
    await this.active.sandbox?.close();
  }

  private async useSandbox(): Promise<void> {
    if (this.active.connection.mode === 'sandbox') {
      this.save({ mode: 'sandbox' });
      return;
    }
    const next = await ConnectionManager.sandboxConnection(this.ports);
    try {
      this.save({ mode: 'sandbox' });
    } catch (error) {
      await next.sandbox?.close();
      throw error;
    }
    await this.switchTo(next);
  }

  private async useLive(request: Extract<RequestParsed<'connection:set'>, { mode: 'live' }>): Promise<void> {
    const endpoint = requestedEndpoint(request, this.ports.settings.get().connection);
    const newKey = request.apiKey;
    let key: string;
    if (newKey !== undefined) {
      try {
        key = normalizeApiKey(newKey);
      } catch (error) {
        throw new CoreError('validation', error instanceof Error ? error.message : String(error));
      }
    } else {
      key = (await this.savedKey()) ?? '';
      if (key === '') throw new CoreError('validation', 'Enter your Recall API key — none is saved yet.');
    }
    const connection = liveConnection(key, endpoint);
    await this.check(connection);
    if (newKey !== undefined) {
      try {
        await this.ports.vault.setApiKey(key, { allowPlainTextStorage: request.allowPlainTextStorage === true });
      } catch (error) {
        throw error instanceof SecretVaultError ? new CoreError('storage', withUnchanged(error.message)) : storageError(error);
      }
    }
    this.save({ mode: 'live', region: endpoint.region, customBaseUrl: endpoint.customBaseUrl });
    await this.switchTo({ connection, client: this.ports.createClient(connection), sandbox: null });
  }

  /** The vault's key, else the environment's when that is what runs now. */
  private async savedKey(): Promise<string | null> {
    try {
      const saved = await this.ports.vault.getApiKey();
      if (saved) return saved;
    } catch (error) {
      throw storageError(error);
    }
    const env = this.ports.envConnection;
    return env && this.active.connection === env ? env.apiKey : null;
  }

  /** One real request (the first page of bots) with the new key and endpoint. */
  private async check(connection: Connection): Promise<void> {
    const client = this.ports.createClient(connection, CHECK_CLIENT);
    const pages = client.listBots()[Symbol.asyncIterator]();
    try {
      await pages.next();
    } catch (error) {
      if (isRecallError(error)) throw new CoreError(error.kind, withUnchanged(error.message));
      throw error;
    } finally {
      await pages.return?.();
    }
  }

  private save(connection: { mode: 'sandbox' | 'live'; region?: string; customBaseUrl?: string | null }): void {
    const written = this.ports.settings.update({ connection });
    if (!written.ok) throw writeError(written.error);
  }

  private async switchTo(next: ActiveConnection): Promise<void> {
    const previous = this.active;
    this.active = next;
    this.onSwitch(next);
    if (previous.sandbox && previous.sandbox !== next.sandbox) {
      await previous.sandbox.close().catch((error: unknown) => this.ports.log?.('warn', `the sandbox did not close cleanly: ${String(error)}`));
    }
  }
}
