// The app core: the handler object implementing the IPC contract, composed from injected
// dependencies. Every shell (Electron main, the web test host) builds one and routes requests
// to `dispatch`; events leave through the injected sink.
import { EVENTS } from '../../contract';
import type { AppInfo } from '../../contract';
import type { Connection, CoreDeps, PollIntervals } from './deps';
import { connectionSummary } from './connection';
import { createDispatch } from './dispatch';
import type { Dispatch, Handlers } from './dispatch';
import { summarizeBot } from './bot-view';
import { createSelectedBot } from './selected-bot';

export interface Core {
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  /** Stops the refresh loop; pending requests settle, no further events are emitted. */
  close(): void;
}

export const DEFAULT_POLL: PollIntervals = { activeMs: 2_000, idleMs: 30_000 };
export const DEFAULT_LIST_LIMIT = 20;

function appInfo(deps: CoreDeps, connection: Connection): AppInfo {
  return {
    name: deps.app.name,
    version: deps.app.version,
    platform: deps.app.platform,
    mode: connection.mode,
    connection: connectionSummary(connection),
    apiKeyConfigured: connection.apiKey.length > 0,
  };
}

export function createCore(deps: CoreDeps): Core {
  const client = deps.createClient(deps.connection);
  const listLimit = deps.listLimit ?? DEFAULT_LIST_LIMIT;
  const selected = createSelectedBot({
    client,
    clock: deps.clock,
    timers: deps.timers,
    intervals: { ...DEFAULT_POLL, ...deps.poll },
    onChange: (state) => deps.events.emit(EVENTS.stateChanged, state),
  });

  const handlers: Handlers = {
    'app:getInfo': async () => appInfo(deps, deps.connection),
    'bot:getState': async () => selected.snapshot(),
    'bot:select': async ({ botId }) => selected.select(botId),
    'bot:list': async () => {
      const bots = [];
      // Page order is undocumented (recall-api.md §4.4): read the first few, then order them here.
      for await (const bot of client.listBots()) {
        bots.push(summarizeBot(bot));
        if (bots.length >= listLimit) break;
      }
      const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso) || 0);
      return bots.sort((a, b) => time(b.lastChangeAt) - time(a.lastChangeAt));
    },
  };

  const dispatch = createDispatch(handlers, (channel, error) => {
    deps.log?.('error', `${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });

  return {
    handlers,
    dispatch,
    close: () => selected.close(),
  };
}
