// The test host's wire protocol between the browser bridge and the core (JSON over WebSocket):
// requests carry a contract channel and its payload; answers carry the contract's Result;
// events are pushed as they happen.
import type { EventMap, EventName, Result } from '../../../electron/contract';

export const WS_PATH = '/__host/ws';
export const BRIDGE_PATH = '/__host/bridge.js';

export interface BridgeRequest {
  id: number;
  channel: string;
  /** Absent for channels without payload (JSON drops `undefined`). */
  payload?: unknown;
}

export type HostMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { [E in EventName]: { kind: 'event'; event: E; payload: EventMap[E] } }[EventName];
