// Recording control end to end: the real RecallClient over HTTP against the embedded sandbox
// (sped up, tiny media), driven either through the app core (createCore with the test host's
// ports and time, exactly as `npm run web` composes it) or through one RecordingController.
import { afterEach } from 'vitest';
import { createCore, createEventHub } from '../../../electron/core/app';
import type { Core } from '../../../electron/core/app';
import { memorySnapshotStore } from '../../../electron/core/app/library';
import { RecordingController, systemClock } from '../../../electron/core/control';
import { RecallClient } from '../../../electron/core/recall';
import type { Bot, CreateBotInput, LiveRecordingState } from '../../../electron/core/recall';
import { liveRecordingState } from '../../../electron/core/recall';
import { startSandbox } from '../../../electron/sandbox';
import type { RequestLogEntry, Sandbox, StartMode } from '../../../electron/sandbox';
import type { SelectedBotState } from '../../../electron/contract';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from '../../e2e/host/memory-ports';
import { scaledTime } from '../../e2e/host/scaled-time';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SPEED = 20;
const SMALL_MEDIA = { width: 160, height: 90, fps: 5 } as const;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Waits (real time) until `read` returns a value `done` accepts; fails with the last one seen. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await read();
  }
  return last;
}

/** The POSTs of one control endpoint (e.g. 'pause_recording') for `botId`, in order. */
export function posts(sandbox: Sandbox, botId: string, endpoint: string): RequestLogEntry[] {
  return sandbox.requestLog().filter((r) => r.method === 'POST' && r.path.replace(/\/$/, '') === `/api/v1/bot/${botId}/${endpoint}`);
}

/** Requests that actually changed the bot: answered 2xx and not an idempotent replay. */
export function applied(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((r) => r.status >= 200 && r.status < 300 && r.replayed !== true);
}

export async function newBot(client: RecallClient, input: Partial<CreateBotInput> = {}): Promise<Bot> {
  return client.createBot({ meeting_url: 'https://us02web.zoom.us/j/84512345678', bot_name: 'Weekly sync', metadata: { sandbox_join_seconds: '1' }, ...input });
}

export async function liveOf(client: RecallClient, botId: string): Promise<LiveRecordingState> {
  return liveRecordingState(await client.getBot(botId));
}

/** The app core on a fresh sandbox, as the test host composes it. */
export async function sandboxCore(opts: { startMode?: StartMode } = {}) {
  const { clock, timers } = scaledTime(SPEED);
  const box: { sandbox: Sandbox | null } = { sandbox: null };
  const events = createEventHub();
  const notifier = new RecordingNotifier();
  const core: Core = await createCore({
    app: { name: 'Recall Remote', version: 'test', platform: 'linux' },
    clock,
    timers,
    wallClock: systemClock,
    events,
    settings: new MemorySettingsStore({ platform: 'linux', now: () => clock.now() }),
    vault: new MemoryVault(),
    createClient: (c, tuning) => new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region, ...tuning }),
    startSandbox: async () => {
      box.sandbox = await startSandbox({ speed: SPEED, media: SMALL_MEDIA, ...(opts.startMode && { startMode: opts.startMode }) });
      return box.sandbox;
    },
    registerHotkeys: (target) => new MemoryHotkeyRegistrar(target, 'linux'),
    notifier,
    launchAtLogin: new MemoryLaunchAtLogin(),
    showWindow: () => undefined,
    library: {
      shell: { openPath: async () => '', showItemInFolder: () => undefined },
      mediaUrlFor: (name) => `recall-media://file/${name}`,
      persistence: memorySnapshotStore(),
      defaultDownloadDir: () => mkdtempSync(join(tmpdir(), 'recall-remote-control-')),
    },
    control: { armWindowMs: 3_000 * SPEED, confirmTimeoutMs: 10_000 * SPEED },
  });
  cleanups.push(() => core.close());
  const sandbox = box.sandbox;
  if (!sandbox) throw new Error('the core did not start its sandbox');
  const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });

  async function state(): Promise<SelectedBotState> {
    const result = await core.dispatch('bot:getState', undefined);
    if (!result.ok || !result.value.selected) throw new Error(`no selected bot: ${JSON.stringify(result)}`);
    return result.value;
  }

  /** A sandbox bot, selected in the core once it is in the call in `state`. */
  async function selectedBot(input: Partial<CreateBotInput> = {}, live: LiveRecordingState = 'recording'): Promise<Bot> {
    const bot = await newBot(client, input);
    await until(() => liveOf(client, bot.id), (s) => s === live, `bot ${bot.id} to be ${live}`);
    const selected = await core.dispatch('bot:select', { botId: bot.id });
    if (!selected.ok) throw new Error(selected.error.message);
    return bot;
  }

  return { core, sandbox, client, events, notifier, state, selectedBot };
}

/** A controller alone (no poller, no core) on a fresh sandbox: every request is one the test caused. */
export async function sandboxController(opts: { startMode?: StartMode } = {}) {
  const sandbox = await startSandbox({ speed: SPEED, media: SMALL_MEDIA, ...(opts.startMode && { startMode: opts.startMode }) });
  const client = new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
  const controllers: RecordingController[] = [];
  cleanups.push(async () => {
    for (const controller of controllers) controller.dispose();
    await sandbox.close();
  });
  async function controllerFor(bot: Bot): Promise<RecordingController> {
    const controller = new RecordingController({ botId: bot.id, client, onListenerError: () => undefined });
    controllers.push(controller);
    await controller.refresh();
    return controller;
  }
  return { sandbox, client, controllerFor };
}
