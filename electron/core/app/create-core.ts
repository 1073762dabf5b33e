// The app core: ONE composition used by every shell (Electron main, the web test host, tests).
// It owns the connection (live or embedded sandbox), recording control of the selected bot (one
// controller registry, one poller), global shortcuts, the tray model, preferences and notices,
// and exports the handler object implementing the IPC contract. Events leave through the sink.
import { systemClock } from '../control';
import type { RecordingController } from '../control';
import type { CreateBotInput } from '../recall';
import type { HotkeyAction, HotkeyOutcome } from '../hotkeys';
import { trayInputFromSnapshot } from '../tray';
import type { TrayModel } from '../tray';
import { EVENTS } from '../../contract';
import type { AppInfo, BotState, ControlAction, HotkeysView, Notice, PressAction, PressOutcome } from '../../contract';
import { selectedBotState, visibleKey } from './bot-state';
import { summarizeBot } from './bot-view';
import { connectionSummary } from './connection';
import { ConnectionManager } from './connection-manager';
import { ControlSession } from './control-session';
import type { CoreClient, CoreDeps } from './deps';
import { createDispatch } from './dispatch';
import type { Dispatch, Handlers } from './dispatch';
import { HotkeyService } from './hotkey-service';
import { createLibrary } from './library';
import { createAutomationService } from './automation';
import { createExportService } from './export';
import type { ActionRouter, PowerEvent } from '../automation';
import { Preferences } from './preferences';
import { pressOutcome, NO_BOT_SELECTED } from './press-outcome';
import { runningRecordedMs, TrayFeed, trayModelView } from './tray-feed';

/** A tray menu item the core acts on (the shell handles window, settings and quit itself). */
export type TrayCoreCommand = { readonly kind: 'press'; readonly action: ControlAction } | { readonly kind: 'select-bot'; readonly botId: string };

export interface Core {
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  /** A global shortcut press (Electron's globalShortcut, the test host admin); never rejects. */
  pressHotkey(action: HotkeyAction | string): Promise<HotkeyOutcome>;
  /** A tray menu press or bot switch: refusals and failures reach the user as notice + notification. */
  trayAction(command: TrayCoreCommand): Promise<void>;
  readonly tray: {
    current(): TrayModel;
    /** Every published model; returns the function that unsubscribes. */
    subscribe(listener: (model: TrayModel) => void): () => void;
  };
  /** Shows a notice in the window (`app:notice`). */
  announce(notice: Notice): void;
  /** What starting had to work around (e.g. an unreadable saved key); announce once the window is up. */
  readonly startupNotices: readonly Notice[];
  /** The selected bot's controller (automation hooks onto it); null while none is selected. */
  selectedController(): RecordingController | null;
  /** Registers the saved shortcuts again (another app may have taken or freed one). */
  reapplyHotkeys(): HotkeysView;
  /** Runs an action forwarded from `--action` on the selected bot, like its global shortcut. */
  readonly routeAction: ActionRouter;
  /** The OS locked, unlocked, suspended or resumed: auto-pause acts on it when enabled. */
  handlePowerEvent(event: PowerEvent): Promise<void>;
  /** Stops polling, timers and shortcuts, and closes the embedded sandbox. */
  close(): Promise<void>;
}

export const DEFAULT_LIST_LIMIT = 20;

function hotkeyNotice(outcome: HotkeyOutcome): Notice | null {
  switch (outcome.status) {
    case 'done':
      // The window appearing is its own confirmation.
      return outcome.action === 'show-window' ? null : { level: 'info', message: outcome.message };
    case 'armed':
    case 'refused':
      return { level: 'warning', message: outcome.message };
    case 'error':
      return { level: 'error', message: outcome.message };
  }
}

export async function createCore(deps: CoreDeps): Promise<Core> {
  const { clock, timers, events, settings } = deps;
  const wall = deps.wallClock ?? systemClock;
  const listLimit = deps.listLimit ?? DEFAULT_LIST_LIMIT;
  const log = deps.log ?? (() => undefined);
  const logError = (what: string) => (error: unknown) => log('error', `${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  let closed = false;
  let shownState = '';

  const newSession = (client: CoreClient): ControlSession =>
    new ControlSession({
      client,
      clock,
      timers,
      ...(deps.poll && { poll: deps.poll }),
      ...(deps.control && { control: deps.control }),
      ...(deps.newId && { newId: deps.newId }),
      onChange: () => publish(),
      onListenerError: logError('state update failed'),
    });

  const { manager, notices: startupTexts } = await ConnectionManager.open(deps, (active) => {
    session.dispose();
    session = newSession(active.client);
    publish();
  });
  let session = newSession(manager.current().client);

  const announce = (notice: Notice): void => {
    if (!closed) events.emit(EVENTS.notice, notice);
  };

  const automation = createAutomationService({
    settings,
    target: () => session.controller(),
    notifier: deps.notifier,
    announce,
    notifyOutcome: (outcome) => {
      deps.notifier.hotkeyOutcome(outcome);
      const notice = hotkeyNotice(outcome);
      if (notice) announce(notice);
    },
    events,
    clock,
    timers,
    platform: deps.app.platform,
    onChange: () => publish(),
    log,
  });

  const hotkeys = new HotkeyService({
    settings,
    platform: deps.app.platform,
    registerHotkeys: deps.registerHotkeys,
    clock,
    target: () => session.controller(),
    showWindow: () => deps.showWindow(),
    onOutcome: (outcome) => {
      deps.notifier.hotkeyOutcome(outcome);
      const notice = hotkeyNotice(outcome);
      if (notice) announce(notice);
    },
    onChange: (view) => {
      if (closed) return;
      events.emit(EVENTS.hotkeysChanged, view);
      publish();
    },
    onError: logError('notifying a shortcut outcome failed'),
  });

  const tray = new TrayFeed({
    clock,
    timers,
    input: (now) =>
      trayInputFromSnapshot(session.snapshot(), {
        hotkeys: hotkeys.bindings(),
        hotkeyStatuses: hotkeys.statuses(),
        sandbox: manager.current().connection.mode === 'sandbox',
        recentBots: settings.get().recentBots.map((bot) => ({ id: bot.id, name: bot.name })),
        now,
        platform: deps.app.platform,
        automationLine: automation.trayLine(),
      }),
    runningRecordedMs: (now) => runningRecordedMs(session.snapshot()?.recordingClock ?? null, now),
    onChange: (model) => events.emit(EVENTS.trayChanged, trayModelView(model)),
  });

  const preferences = new Preferences(settings, deps.launchAtLogin);

  const { defaultDownloadDir, ...libraryOptions } = deps.library;
  const library = createLibrary({
    ...libraryOptions,
    client: () => manager.current().client,
    selectedBotId: () => session.controller()?.botId ?? null,
    controllers: { peek: (botId) => session.peek(botId) },
    downloadDir: () => settings.get().downloadDir ?? defaultDownloadDir(),
    clock,
    timers,
    events,
    log,
  });

  const exporter = createExportService({
    client: () => manager.current().client,
    localState: (recordingId) => library.downloads.localState(recordingId),
    controllers: { peek: (botId) => session.peek(botId) },
    shell: deps.library.shell,
    clock,
    wallClock: wall,
    events,
    log,
    ...deps.export,
  });

  function state(): BotState {
    const snapshot = session.snapshot();
    if (!snapshot) return { selected: false };
    return selectedBotState(snapshot, { now: clock.now(), wallNow: wall.now(), hotkeys: hotkeys.hints() });
  }

  /** Emits state:changed when something visible changed; the tray follows every change. */
  function publish(): void {
    if (closed) return;
    const current = state();
    const key = visibleKey(current);
    if (key !== shownState) {
      shownState = key;
      events.emit(EVENTS.stateChanged, current);
      library.stateChanged(current);
    }
    automation.sync();
    tray.update();
  }

  function appInfo(): AppInfo {
    const { connection } = manager.current();
    return {
      name: deps.app.name,
      version: deps.app.version,
      platform: deps.app.platform,
      mode: connection.mode,
      connection: connectionSummary(connection),
      apiKeyConfigured: manager.apiKeyConfigured(),
    };
  }

  async function select(botId: string): Promise<BotState> {
    const snapshot = await session.select(botId);
    const name = snapshot.bot?.bot_name?.trim();
    const remembered = settings.rememberBot({ id: botId, name: name ? name : null });
    if (!remembered.ok) log('warn', `could not remember bot ${botId}: ${remembered.error.message}`);
    publish();
    return state();
  }

  async function press(action: PressAction, confirm: boolean): Promise<PressOutcome> {
    const pending = session.press(action, { confirm });
    if (!pending) return { kind: 'refused', action, message: NO_BOT_SELECTED };
    return pressOutcome(await pending);
  }

  const handlers: Handlers = {
    'app:getInfo': async () => appInfo(),
    'bot:getState': async () => state(),
    'bot:select': async ({ botId }) => select(botId),
    'bot:list': async () => {
      const bots = [];
      // Page order is undocumented (recall-api.md §4.4): read the first few, then order them here.
      for await (const bot of manager.current().client.listBots()) {
        bots.push(summarizeBot(bot));
        if (bots.length >= listLimit) break;
      }
      const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso) || 0);
      return bots.sort((a, b) => time(b.lastChangeAt) - time(a.lastChangeAt));
    },
    'bot:create': async ({ meetingUrl, botName, manual }) => {
      const input: CreateBotInput = {
        meeting_url: meetingUrl,
        ...(botName !== undefined && { bot_name: botName }),
        // "I'll start recording myself": the bot joins and records nothing until Start.
        ...(manual && { recording_config: null }),
      };
      const bot = await manager.current().client.createBot(input, { idempotencyKey: (deps.newId ?? (() => crypto.randomUUID()))() });
      return select(bot.id);
    },
    'control:press': async ({ action, confirm }) => press(action, confirm ?? false),
    'connection:get': async () => manager.view(),
    'connection:set': async (request) => {
      await manager.set(request);
      return appInfo();
    },
    'hotkeys:get': async () => hotkeys.view(),
    'hotkeys:set': async ({ action, accelerator }) => hotkeys.set(action, accelerator),
    'hotkeys:reset': async () => hotkeys.reset(),
    'hotkeys:suspend': async ({ suspended }) => {
      hotkeys.suspend(suspended);
      return null;
    },
    'settings:get': async () => preferences.view(),
    'settings:update': async (patch) => preferences.update(patch),
    'tray:getModel': async () => trayModelView(tray.current()),
    ...library.handlers,
    ...exporter.handlers,
    ...automation.handlers,
  };

  const dispatch = createDispatch(handlers, (channel, error) => logError(`${channel} failed`)(error));
  await library.start();

  async function trayAction(command: TrayCoreCommand): Promise<void> {
    if (command.kind === 'select-bot') {
      const result = await dispatch('bot:select', { botId: command.botId });
      if (!result.ok) {
        announce({ level: 'error', message: result.error.message });
        deps.notifier.failure('could not switch bots', result.error.message);
      }
      return;
    }
    const outcome = await press(command.action, false);
    // A confirmed press shows in the tray icon itself; anything else is said out loud.
    if (outcome.kind === 'confirmed') return;
    const message = outcome.kind === 'failed' ? outcome.error.message : outcome.message;
    announce({ level: outcome.kind === 'failed' ? 'error' : 'warning', message });
    if (outcome.kind === 'armed') deps.notifier.hotkeyOutcome({ action: 'start', at: clock.now(), status: 'armed', until: outcome.until, message });
    else deps.notifier.failure(outcome.kind === 'refused' ? 'nothing was sent' : 'action failed', message);
  }

  return {
    handlers,
    dispatch,
    pressHotkey: (action) => hotkeys.dispatch(action),
    trayAction,
    tray: { current: () => tray.current(), subscribe: (listener) => tray.subscribe(listener) },
    announce,
    startupNotices: startupTexts.map((message): Notice => ({ level: 'warning', message })),
    selectedController: () => session.controller(),
    reapplyHotkeys: () => hotkeys.reapply(),
    routeAction: automation.routeAction,
    handlePowerEvent: (event) => automation.handlePowerEvent(event),
    async close() {
      if (closed) return;
      closed = true;
      session.dispose();
      tray.close();
      hotkeys.dispose();
      automation.dispose();
      await exporter.close();
      await library.close();
      await manager.close();
    },
  };
}
