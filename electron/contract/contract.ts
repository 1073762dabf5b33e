// The IPC contract as one map: channel → { request, response }, plus the events main sends
// to the renderer. Adding a feature = one entry here, one handler in the core, one UI call.
import type { Channel, EventName } from './channels';
import type { LibraryEventMap, LibraryResponses } from './library';
import type { ExportEventMap, ExportResponses } from './export';
import type { AutomationEventMap, AutomationResponses } from './automation';
import type { RequestInput, RequestParsed } from './schemas';
import type {
  AppInfo,
  BotState,
  BotSummary,
  ConnectionView,
  HotkeysView,
  Notice,
  PreferencesView,
  PressOutcome,
  TrayModelView,
} from './types';

interface Responses extends LibraryResponses, ExportResponses, AutomationResponses {
  'app:getInfo': AppInfo;
  'bot:getState': BotState;
  'bot:select': BotState;
  'bot:list': BotSummary[];
  /** Sends a bot to the meeting and selects it. */
  'bot:create': BotState;
  /** Resolves once the press is confirmed, refused, armed or failed (never silently). */
  'control:press': PressOutcome;
  'connection:get': ConnectionView;
  /** Validates the new connection with a real API call before saving it. */
  'connection:set': AppInfo;
  'hotkeys:get': HotkeysView;
  'hotkeys:set': HotkeysView;
  'hotkeys:reset': HotkeysView;
  /** While the window's key recorder listens, shortcuts must not fire. */
  'hotkeys:suspend': null;
  'settings:get': PreferencesView;
  'settings:update': PreferencesView;
  'tray:getModel': TrayModelView;
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

export interface EventMap extends LibraryEventMap, ExportEventMap, AutomationEventMap {
  'state:changed': BotState;
  'tray:changed': TrayModelView;
  'hotkeys:changed': HotkeysView;
  /** Something the user must read once: settings restored from a backup, a press outcome… */
  'app:notice': Notice;
}

export type EventPayload<E extends EventName> = EventMap[E];
