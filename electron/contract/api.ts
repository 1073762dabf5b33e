// `window.recallRemote`: the only API the renderer sees, one named function per channel.
// Built from a transport so the Electron preload (IPC) and the test host bridge (WebSocket)
// share the exact same mapping from function to channel. Zod-free: it ships in the preload.
import { CHANNELS, EVENTS } from './channels';
import type { Channel, EventName } from './channels';
import type { EventMap, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';
import type { AppInfo, BotState, BotSummary } from './types';

export interface RecallRemoteApi {
  getInfo(): Promise<Result<AppInfo>>;
  getState(): Promise<Result<BotState>>;
  /** Accepts a bare bot id or pasted text holding one; resolves with the bot's fresh state. */
  selectBot(botId: string): Promise<Result<BotState>>;
  /** Recent bots from the API, most recent activity first. */
  listBots(): Promise<Result<BotSummary[]>>;
  /** Returns the function that unsubscribes. */
  onStateChanged(listener: (state: BotState) => void): () => void;
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
    onStateChanged: (listener) => transport.subscribe(EVENTS.stateChanged, listener),
  };
}
