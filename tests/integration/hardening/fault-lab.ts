// The fault lab: one sped-up sandbox (its own fault injection does 429/5xx/latency/media faults),
// a small HTTP proxy in front of it that can drop a connection after the sandbox answered (a
// reset the sandbox cannot make on API sockets), and a fetch wrapper that makes the other
// network-level faults real: DNS (the request goes to a `.invalid` host), a revoked key (the
// sandbox sees a wrong one) and a deleted bot or recording (the sandbox is asked for an id it
// does not know). Cores are built the way the test host composes them, with these in the way.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { Connection, Core, EventHub } from '../../../electron/core/app';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { realSleep, RecallClient } from '../../../electron/core/recall';
import type { Sleep } from '../../../electron/core/recall';
import { startSandbox } from '../../../electron/sandbox';
import type { FaultConfig, RequestLogEntry, Sandbox } from '../../../electron/sandbox';
import { EVENT_NAMES } from '../../../electron/contract';
import type { EventMap, EventName } from '../../../electron/contract';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';
import { scaledTime } from '../../e2e/host/scaled-time';

export const SPEED = 20;
export const TINY_MEDIA = { width: 160, height: 90, fps: 5 } as const;
/** Per attempt: the "timeout" fault is latency longer than this. */
export const CLIENT_TIMEOUT_MS = 400;
export const DNS_FAILING_ORIGIN = 'https://recall-remote-test.invalid';
/** Waits (client retries, download backoff) run this many times faster than asked, never longer. */
const SLEEP_SCALE = 10;

export type WireFault = { kind: 'none' } | { kind: 'dns' } | { kind: 'revoked' } | { kind: 'deleted'; ids: readonly string[] };

export interface RecordedEvent {
  event: EventName;
  payload: EventMap[EventName];
}

/** Sleeps 1/SLEEP_SCALE of what is asked: Retry-After and backoff keep their order, tests stay fast. */
export const fastSleep: Sleep = (ms, signal) => realSleep(ms / SLEEP_SCALE, signal);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 300)}`);
    await sleep(40);
    last = await read();
  }
  return last;
}

interface Proxy {
  readonly url: string;
  /** The next `count` requests matching `match` are answered by the sandbox, then the client's socket is destroyed. */
  resetAfterAnswer(count: number, match: (method: string, path: string) => boolean): void;
  readonly resets: Array<{ method: string; path: string }>;
  clear(): void;
  close(): Promise<void>;
}

function forwardHeaders(headers: IncomingHttpHeaders, host: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'connection') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  out.host = host;
  return out;
}

async function startProxy(target: string): Promise<Proxy> {
  const upstream = new URL(target);
  let pending: { count: number; match: (method: string, path: string) => boolean } | null = null;
  let origin = '';
  const resets: Array<{ method: string; path: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const reset = pending !== null && pending.count > 0 && pending.match(method, new URL(path, 'http://proxy.invalid').pathname);
      if (reset && pending) pending.count -= 1;
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, method, path, headers: forwardHeaders(req.headers, upstream.host) }, (answer) => {
        const headers = { ...answer.headers };
        delete headers.connection;
        const json = /json/i.test(String(headers['content-type'] ?? ''));
        if (!reset && !json) {
          // Media streams through as it comes (throttling and cuts stay visible to the client).
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          answer.on('aborted', () => res.destroy());
          return;
        }
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('aborted', () => res.destroy());
        answer.on('end', () => {
          if (reset) {
            // The sandbox answered (and applied the action); the client never hears of it.
            resets.push({ method, path });
            req.socket.destroy();
            return;
          }
          // Like a reverse proxy, links in answers (next pages, media) point through the proxy.
          const text = Buffer.concat(body).toString('utf8').split(upstream.origin).join(origin);
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
          res.end(text);
        });
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    url: origin,
    resetAfterAnswer(count, match) {
      pending = { count, match };
    },
    resets,
    clear() {
      pending = null;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface CoreRig {
  core: Core;
  events: EventHub;
  seen: RecordedEvent[];
  settings: MemorySettingsStore;
  vault: MemoryVault;
  downloadDir: string;
  logs: string[];
  close(): Promise<void>;
}

export class FaultLab {
  wire: WireFault = { kind: 'none' };
  /** Sandbox time scale, as the app core sees it. */
  readonly speed = SPEED;

  private constructor(
    readonly sandbox: Sandbox,
    readonly proxy: Proxy,
    readonly admin: RecallClient,
    private readonly temp: string,
  ) {}

  static async open(): Promise<FaultLab> {
    const temp = mkdtempSync(join(tmpdir(), 'rr-fault-lab-'));
    const sandbox = await startSandbox({ speed: SPEED, media: TINY_MEDIA, dataDir: join(temp, 'sandbox') });
    const proxy = await startProxy(sandbox.baseUrl);
    const admin = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, sleep: fastSleep });
    return new FaultLab(sandbox, proxy, admin, temp);
  }

  /** Every request of the app goes through this: it makes the wire fault of the moment real. */
  readonly fetch: typeof fetch = (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href);
    const headers = new Headers(init?.headers);
    const wire = this.wire;
    if (wire.kind === 'dns') {
      const moved = new URL(url.pathname + url.search, DNS_FAILING_ORIGIN);
      return globalThis.fetch(moved.href, { ...init, headers });
    }
    if (wire.kind === 'revoked' && headers.has('authorization')) headers.set('authorization', 'Token rk_revoked_0000000000000000');
    if (wire.kind === 'deleted') {
      // The sandbox is asked for an id it never had: its genuine 404 for a deleted bot or recording.
      for (const id of wire.ids) url.pathname = url.pathname.split(`/${id}/`).join('/00000000-dead-4000-8000-000000000000/');
    }
    return globalThis.fetch(url.href, { ...init, headers });
  };

  /** A Recall client of the app: through the proxy and the wire faults, short timeout, fast waits. */
  client(connection: Connection, tuning: { maxRetries?: number; timeoutMs?: number } = {}): RecallClient {
    return new RecallClient({
      apiKey: connection.apiKey,
      ...(connection.baseUrl !== undefined && { baseUrl: connection.baseUrl }),
      ...(connection.region !== undefined && { region: connection.region }),
      fetch: this.fetch,
      sleep: fastSleep,
      ...(tuning.maxRetries !== undefined && { maxRetries: tuning.maxRetries }),
      timeoutMs: Math.min(tuning.timeoutMs ?? CLIENT_TIMEOUT_MS, CLIENT_TIMEOUT_MS),
    });
  }

  /** The app core as the test host composes it, live on this sandbox (through the proxy) or in sandbox mode. */
  async core(mode: 'live' | 'sandbox' = 'live'): Promise<CoreRig> {
    const { clock, timers } = scaledTime(SPEED);
    const events = createEventHub();
    const seen: RecordedEvent[] = [];
    for (const event of EVENT_NAMES) events.on(event, (payload) => seen.push({ event, payload }));
    const settings = new MemorySettingsStore({ platform: 'linux', now: () => clock.now() });
    const vault = new MemoryVault();
    const downloadDir = mkdtempSync(join(this.temp, 'downloads-'));
    const logs: string[] = [];
    const quiet = 60 * 60_000;
    const core = await createCore({
      app: { name: 'Recall Remote', version: 'test', platform: 'linux' },
      clock,
      timers,
      events,
      settings,
      vault,
      envConnection: mode === 'live' ? { mode: 'live', apiKey: this.sandbox.apiKey, baseUrl: this.proxy.url } : null,
      createClient: (connection, tuning) => this.client(connection, tuning),
      // Sandbox mode runs on this lab's sandbox too (through the proxy); closing the core leaves it up.
      startSandbox: async () => ({ baseUrl: this.proxy.url, apiKey: this.sandbox.apiKey, close: async () => undefined }),
      registerHotkeys: (target) => new MemoryHotkeyRegistrar(target, 'linux'),
      notifier: new RecordingNotifier(),
      launchAtLogin: new MemoryLaunchAtLogin(),
      showWindow: () => undefined,
      library: {
        shell: { openPath: async () => '', showItemInFolder: () => undefined },
        mediaUrlFor: (name) => `recall-media://file/${name}`,
        persistence: memorySnapshotStore(),
        defaultDownloadDir: () => downloadDir,
        // The pause analysis of a finished file is not what these cases are about.
        detectPauses: async () => [],
        pendingPollMs: quiet,
        downloads: { fetch: this.fetch, sleep: fastSleep, idleTimeoutMs: 1_000, retry: { maxAttempts: 4 } },
      },
      export: { fetch: this.fetch },
      // No background reads: every request in the sandbox's log during a case is one the action made.
      poll: { pendingMs: quiet, inCallMs: quiet, joiningMs: quiet, endedMs: quiet, errorBaseMs: quiet, maxBackoffMs: quiet },
      control: { armWindowMs: 3_000 * SPEED, confirmTimeoutMs: 10_000 * SPEED },
      log: (level, message) => void logs.push(`${level} ${message}`),
    });
    return {
      core,
      events,
      seen,
      settings,
      vault,
      downloadDir,
      logs,
      close: async () => {
        await core.close();
        await rm(downloadDir, { recursive: true, force: true });
      },
    };
  }

  /** Sets sandbox faults (merged into a clean slate). */
  faults(config: Partial<FaultConfig>): void {
    this.sandbox.faults.reset();
    this.sandbox.faults.set(config);
  }

  /** Clears every fault: sandbox, proxy and wire. */
  clear(): void {
    this.sandbox.faults.reset();
    this.proxy.clear();
    this.wire = { kind: 'none' };
  }

  log(): readonly RequestLogEntry[] {
    return this.sandbox.requestLog();
  }

  /** Waits until no request reached the sandbox for a while (background refreshes have settled). */
  async settle(quietMs = 150): Promise<void> {
    let count = this.log().length;
    let since = Date.now();
    const deadline = Date.now() + 10_000;
    while (Date.now() - since < quietMs) {
      if (Date.now() > deadline) throw new Error('the app kept sending requests');
      await sleep(40);
      const now = this.log().length;
      if (now !== count) {
        count = now;
        since = Date.now();
      }
    }
  }

  async close(): Promise<void> {
    this.clear();
    await this.proxy.close();
    await this.sandbox.close();
    await rm(this.temp, { recursive: true, force: true });
  }
}
