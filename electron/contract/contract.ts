// The IPC contract as one map: channel → { request, response }, plus the events main sends
// to the renderer. Adding a feature = one entry here, one handler in the core, one UI call.
import type { Channel, EventName } from './channels';
import type { RequestInput, RequestParsed } from './schemas';
import type { AppInfo, BotState, BotSummary } from './types';

interface Responses {
  'app:getInfo': AppInfo;
  'bot:getState': BotState;
  'bot:select': BotState;
  'bot:list': BotSummary[];
}

export type Contract = {
  [C in Channel]: {
    /** What the caller passes (before validation). */
    request: RequestInput<C>;
    /** What the handler receives (after validation and normalisation). */
    parsed: RequestParsed<C>;
    response: Responses[C];
  };
};

export type RequestOf<C extends Channel> = Contract[C]['request'];
export type ParsedRequestOf<C extends Channel> = Contract[C]['parsed'];
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export interface EventMap {
  'state:changed': BotState;
}

export type EventPayload<E extends EventName> = EventMap[E];
