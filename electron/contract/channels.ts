// Names of the IPC channels (renderer → main, request/response) and events (main → renderer).
// Zod-free on purpose: the sandboxed preload bundle imports these constants and nothing heavier.
export const CHANNELS = {
  getInfo: 'app:getInfo',
  getState: 'bot:getState',
  selectBot: 'bot:select',
  listBots: 'bot:list',
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export const CHANNEL_NAMES: readonly Channel[] = Object.values(CHANNELS);

export const EVENTS = {
  stateChanged: 'state:changed',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

export const EVENT_NAMES: readonly EventName[] = Object.values(EVENTS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNEL_NAMES as readonly string[]).includes(value);
}
