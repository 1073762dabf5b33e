// Names of the IPC channels (renderer → main, request/response) and events (main → renderer).
// Zod-free on purpose: the sandboxed preload bundle imports these constants and nothing heavier.
import { LIBRARY_CHANNELS, LIBRARY_EVENTS } from './library';
import { EXPORT_CHANNELS, EXPORT_EVENTS } from './export';
import { AUTOMATION_CHANNELS, AUTOMATION_EVENTS } from './automation';

export const CHANNELS = {
  getInfo: 'app:getInfo',
  getState: 'bot:getState',
  selectBot: 'bot:select',
  listBots: 'bot:list',
  createBot: 'bot:create',
  press: 'control:press',
  getConnection: 'connection:get',
  setConnection: 'connection:set',
  getHotkeys: 'hotkeys:get',
  setHotkey: 'hotkeys:set',
  resetHotkeys: 'hotkeys:reset',
  suspendHotkeys: 'hotkeys:suspend',
  getPreferences: 'settings:get',
  updatePreferences: 'settings:update',
  getTrayModel: 'tray:getModel',
  ...LIBRARY_CHANNELS,
  ...EXPORT_CHANNELS,
  ...AUTOMATION_CHANNELS,
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export const CHANNEL_NAMES: readonly Channel[] = Object.values(CHANNELS);

export const EVENTS = {
  stateChanged: 'state:changed',
  trayChanged: 'tray:changed',
  hotkeysChanged: 'hotkeys:changed',
  notice: 'app:notice',
  ...LIBRARY_EVENTS,
  ...EXPORT_EVENTS,
  ...AUTOMATION_EVENTS,
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

export const EVENT_NAMES: readonly EventName[] = Object.values(EVENTS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}
