// Test doubles for the app core: Bot payloads built through the client's own schema, an
// in-memory multi-bot Recall (each bot a FakeRecall that behaves like the API) with per-key
// connection checks, and a harness that builds the real createCore with the test host's
// in-memory ports and records every event and response for assertions.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { ClientOptions, Connection, Core, CoreClient } from '../../../electron/core/app';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { EVENT_NAMES } from '../../../electron/contract';
import type { EventMap, EventName } from '../../../electron/contract';
import { BotSchema, RecallError } from '../../../electron/core/recall';
import type { Bot, CallOptions, CreateBotInput, Recording, RecordingConfigInput, VideoMixed } from '../../../electron/core/recall';
import type { SecretAvailability, Settings } from '../../../electron/core/settings';
import { FakeClock, FakeRecall, T0 } from '../control/fakes';
import type { FakeRecallOptions } from '../control/fakes';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';

export { T0 };
export const BOT_A = '0b7c1d2e-3f4a-4b6c-8d8e-9f0a1b2c3d4e';
export const BOT_B = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
export const NEW_BOT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

export const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

export interface BotSpec {
  id?: string;
  name?: string;
  platform?: string;
  /** [code, offset ms from T0, sub_code?] */
  changes?: Array<[string, number, string?]>;
  recording?: { startedAt: number; completedAt?: number; status?: string };
}

export function makeBot(spec: BotSpec = {}): Bot {
  return BotSchema.parse({
    id: spec.id ?? BOT_A,
    bot_name: spec.name ?? 'Weekly sync',
    meeting_url: { platform: spec.platform ?? 'zoom', meeting_id: '123' },
    status_changes: (spec.changes ?? []).map(([code, at, sub]) => ({ code, created_at: iso(at), sub_code: sub ?? null, message: null })),
    recordings: spec.recording
      ? [
          {
            id: 'rec-1',
            created_at: iso(spec.recording.startedAt),
            started_at: iso(spec.recording.startedAt),
            completed_at: spec.recording.completedAt === undefined ? null : iso(spec.recording.completedAt),
            status: { code: spec.recording.status ?? 'processing', sub_code: null, updated_at: iso(spec.recording.startedAt) },
          },
        ]
      : [],
  });
}

export function notFound(botId: string): RecallError {
  return new RecallError({ kind: 'not_found', status: 404, message: `Bot ${botId} was not found (404)` });
}

/** Let every promise chain settle (no fake timer runs). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * An in-memory Recall workspace. Live bots are FakeRecall instances (real state changes);
 * `static` answers (a fixed Bot or an Error) stand in for bots that never change.
 */
export class FakeWorkspace {
  readonly live = new Map<string, FakeRecall>();
  readonly fixed = new Map<string, Bot | Error>();
  /** While set for a bot id, reads of it wait for this promise. */
  readonly gates = new Map<string, Promise<void>>();
  readonly gets: string[] = [];
  readonly created: Array<{ input: CreateBotInput; idempotencyKey: string | undefined }> = [];
  list: Bot[] = [];
  listed = 0;
  /** Recall refuses every new bot with this error, when set. */
  createFailure: RecallError | null = null;
  /** Why listing fails for a connection (the connection check), or null. */
  rejectConnection: (connection: Connection) => RecallError | null = () => null;
  readonly clients: Array<{ connection: Connection; options: ClientOptions | undefined }> = [];

  constructor(private readonly clock: FakeClock) {}

  addLive(botId: string, options: FakeRecallOptions = {}): FakeRecall {
    const bot = new FakeRecall(this.clock, { ...options, botId });
    this.live.set(botId, bot);
    return bot;
  }

  client(connection: Connection, options?: ClientOptions): CoreClient {
    this.clients.push({ connection, options });
    const bot = (botId: string): FakeRecall => {
      const found = this.live.get(botId);
      if (!found) throw notFound(botId);
      return found;
    };
    return {
      getBot: async (botId: string, o?: CallOptions) => {
        this.gets.push(botId);
        await this.gates.get(botId);
        const fixed = this.fixed.get(botId);
        if (fixed instanceof Error) throw fixed;
        if (fixed) return fixed;
        return bot(botId).getBot(botId, o);
      },
      listBots: () => this.listFor(connection),
      createBot: async (input: CreateBotInput, o?: CallOptions) => {
        this.created.push({ input, idempotencyKey: o?.idempotencyKey });
        if (this.createFailure) throw this.createFailure;
        this.addLive(NEW_BOT, { name: input.bot_name ?? 'Meeting Notetaker', state: 'not_recording' });
        return bot(NEW_BOT).snapshotBot();
      },
      pauseRecording: (botId: string, o?: CallOptions) => bot(botId).pauseRecording(botId, o),
      resumeRecording: (botId: string, o?: CallOptions) => bot(botId).resumeRecording(botId, o),
      startRecording: (botId: string, config?: RecordingConfigInput, o?: CallOptions) => bot(botId).startRecording(botId, config, o),
      stopRecording: (botId: string, o?: CallOptions) => bot(botId).stopRecording(botId, o),
      leaveCall: (botId: string, o?: CallOptions) => bot(botId).leaveCall(botId, o),
      getRecording: async (recordingId: string): Promise<Recording> => {
        throw new RecallError({ kind: 'not_found', status: 404, message: `Recording ${recordingId} was not found (404)` });
      },
      getVideoMixed: async (videoMixedId: string): Promise<VideoMixed> => {
        throw new RecallError({ kind: 'not_found', status: 404, message: `Mixed video ${videoMixedId} was not found (404)` });
      },
    };
  }

  private async *listFor(connection: Connection): AsyncGenerator<Bot> {
    const rejected = this.rejectConnection(connection);
    if (rejected) throw rejected;
    for (const listed of this.list) {
      this.listed += 1;
      yield listed;
    }
  }
}

export interface FakeSandbox {
  readonly baseUrl: string;
  readonly apiKey: string;
  closed: boolean;
  close(): Promise<void>;
}

export interface HarnessOptions {
  platform?: string;
  envConnection?: Connection | null;
  keyStorage?: SecretAvailability;
  savedKey?: string | null;
  settings?: Settings;
  listLimit?: number;
}

export interface RecordedEvent<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

export async function coreHarness(options: HarnessOptions = {}) {
  const clock = new FakeClock(T0);
  const workspace = new FakeWorkspace(clock);
  const platform = options.platform ?? 'linux';
  const settings = new MemorySettingsStore({ platform, now: () => clock.now(), ...(options.settings && { initial: options.settings }) });
  const vault = new MemoryVault(options.keyStorage ?? 'os', options.savedKey ?? null);
  const notifier = new RecordingNotifier();
  const launchAtLogin = new MemoryLaunchAtLogin();
  const sandboxes: FakeSandbox[] = [];
  const registrars: MemoryHotkeyRegistrar[] = [];
  const events = createEventHub();
  const seen: RecordedEvent[] = [];
  for (const event of EVENT_NAMES) events.on(event, (payload) => seen.push({ event, payload }));
  const log: Array<[string, string]> = [];
  let windowShown = 0;
  const core: Core = await createCore({
    app: { name: 'Recall Remote', version: '1.2.3', platform },
    clock,
    timers: clock,
    wallClock: { now: () => clock.now() - 5_000 },
    events,
    settings,
    vault,
    envConnection: options.envConnection ?? null,
    createClient: (connection, tuning) => workspace.client(connection, tuning),
    startSandbox: async () => {
      const n = sandboxes.length + 1;
      const sandbox: FakeSandbox = {
        baseUrl: `http://127.0.0.1:${4100 + n}`,
        apiKey: `sandbox-key-${n}`,
        closed: false,
        async close() {
          sandbox.closed = true;
        },
      };
      sandboxes.push(sandbox);
      return sandbox;
    },
    registerHotkeys: (target) => {
      const registrar = new MemoryHotkeyRegistrar(target, platform);
      registrars.push(registrar);
      return registrar;
    },
    notifier,
    launchAtLogin,
    showWindow: () => {
      windowShown += 1;
    },
    library: {
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      mediaUrlFor: (name) => `recall-media://file/${name}`,
      persistence: memorySnapshotStore(),
      defaultDownloadDir: () => mkdtempSync(join(tmpdir(), 'recall-remote-core-')),
    },
    listLimit: options.listLimit ?? 3,
    newId: (() => {
      let n = 0;
      return () => `key-${++n}`;
    })(),
    log: (level, message) => void log.push([level, message]),
  });
  await settle();
  const registrar = registrars[0];
  if (!registrar) throw new Error('no shortcut registrar was built');
  return {
    core,
    clock,
    workspace,
    settings,
    vault,
    notifier,
    launchAtLogin,
    sandboxes,
    registrar,
    seen,
    log,
    windowShown: () => windowShown,
    events<E extends EventName>(event: E): Array<EventMap[E]> {
      return seen.filter((e): e is RecordedEvent<E> => e.event === event).map((e) => e.payload);
    },
  };
}

export type CoreHarness = Awaited<ReturnType<typeof coreHarness>>;
