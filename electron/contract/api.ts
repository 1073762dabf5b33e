// `window.recallRemote`: the only API the renderer sees, one named function per channel.
// Built from a transport so the Electron preload (IPC) and the test host bridge (WebSocket)
// share the exact same mapping from function to channel. Zod-free: it ships in the preload.
import { CHANNELS, EVENTS } from './channels';
import type { Channel, EventName } from './channels';
import type { EventMap, ResponseOf } from './contract';
import type { Result } from './result';
import type { RequestOf } from './contract';
import { createLibraryApi } from './library';
import type { LibraryApi } from './library';
import { createExportApi } from './export';
import type { ExportApi } from './export';
import { createAutomationApi } from './automation';
import type { AutomationApi } from './automation';
import type {
  AppInfo,
  BotState,
  BotSummary,
  ConnectionView,
  HotkeyAction,
  HotkeysView,
  Notice,
  PreferencesView,
  PressAction,
  PressOutcome,
  TrayModelView,
} from './types';

export interface RecallRemoteApi extends LibraryApi, ExportApi, AutomationApi {
  getInfo(): Promise<Result<AppInfo>>;
  getState(): Promise<Result<BotState>>;
  /** Accepts a bare bot id or pasted text holding one; resolves with the bot's fresh state. */
  selectBot(botId: string): Promise<Result<BotState>>;
  /** Recent bots from the API, most recent activity first. */
  listBots(): Promise<Result<BotSummary[]>>;
  /** Sends a bot to a meeting (manual recording by default) and selects it. */
  createBot(input: RequestOf<'bot:create'>): Promise<Result<BotState>>;
  /** Pause / resume / start / stop / leave / toggle-pause the selected bot. */
  press(action: PressAction, confirm?: boolean): Promise<Result<PressOutcome>>;
  getConnection(): Promise<Result<ConnectionView>>;
  setConnection(input: RequestOf<'connection:set'>): Promise<Result<AppInfo>>;
  getHotkeys(): Promise<Result<HotkeysView>>;
  setHotkey(action: HotkeyAction, accelerator: string | null): Promise<Result<HotkeysView>>;
  resetHotkeys(): Promise<Result<HotkeysView>>;
  suspendHotkeys(suspended: boolean): Promise<Result<null>>;
  getPreferences(): Promise<Result<PreferencesView>>;
  updatePreferences(patch: RequestOf<'settings:update'>): Promise<Result<PreferencesView>>;
  getTrayModel(): Promise<Result<TrayModelView>>;
  /** Each returns the function that unsubscribes. */
  onStateChanged(listener: (state: BotState) => void): () => void;
  onTrayChanged(listener: (model: TrayModelView) => void): () => void;
  onHotkeysChanged(listener: (view: HotkeysView) => void): () => void;
  onNotice(listener: (notice: Notice) => void): () => void;
}

export interface RemoteTransport {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createRemoteApi(transport: RemoteTransport): RecallRemoteApi {
  return {
    getInfo: () => transport.invoke(CHANNELS.getInfo, undefined),
    getState: () => transport.invoke(CHANNELS.getState, undefined),
    selectBot: (botId) => transport.invoke(CHANNELS.selectBot, { botId }),
    listBots: () => transport.invoke(CHANNELS.listBots, undefined),
    createBot: (input) => transport.invoke(CHANNELS.createBot, input),
    press: (action, confirm) => transport.invoke(CHANNELS.press, confirm === undefined ? { action } : { action, confirm }),
    getConnection: () => transport.invoke(CHANNELS.getConnection, undefined),
    setConnection: (input) => transport.invoke(CHANNELS.setConnection, input),
    getHotkeys: () => transport.invoke(CHANNELS.getHotkeys, undefined),
    setHotkey: (action, accelerator) => transport.invoke(CHANNELS.setHotkey, { action, accelerator }),
    resetHotkeys: () => transport.invoke(CHANNELS.resetHotkeys, undefined),
    suspendHotkeys: (suspended) => transport.invoke(CHANNELS.suspendHotkeys, { suspended }),
    getPreferences: () => transport.invoke(CHANNELS.getPreferences, undefined),
    updatePreferences: (patch) => transport.invoke(CHANNELS.updatePreferences, patch),
    getTrayModel: () => transport.invoke(CHANNELS.getTrayModel, undefined),
    onStateChanged: (listener) => transport.subscribe(EVENTS.stateChanged, listener),
    onTrayChanged: (listener) => transport.subscribe(EVENTS.trayChanged, listener),
    onHotkeysChanged: (listener) => transport.subscribe(EVENTS.hotkeysChanged, listener),
    onNotice: (listener) => transport.subscribe(EVENTS.notice, listener),
    ...createLibraryApi(transport),
    ...createExportApi(transport),
    ...createAutomationApi(transport),
  };
}
