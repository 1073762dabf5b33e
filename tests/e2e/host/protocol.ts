// The test host's wire protocol between the browser bridge and the core (JSON over WebSocket):
// requests carry a contract channel and its payload; answers carry the contract's Result;
// events are pushed as they happen. Also the paths of the host's own page assets.
import type { EventMap, EventName, Result } from '../../../electron/contract';

export const WS_PATH = '/__host/ws';
export const BRIDGE_PATH = '/__host/bridge.js';
/** The tray panel beside the app: the host's own script and styles, never part of the renderer bundle. */
export const PANEL_SCRIPT_PATH = '/__host/tray-panel.js';
export const PANEL_STYLE_PATH = '/__host/tray-panel.css';
/** `<iconId>.png` / `<iconId>@2x.png` from resources/tray. */
export const TRAY_ICON_PATH = '/__host/tray-icons/';
/** Downloaded videos (the preview): `<file name>`, as Electron's recall-media://file/<file name>. */
export const MEDIA_PATH = '/__host/media/';

export interface BridgeRequest {
  id: number;
  channel: string;
  /** Absent for channels without payload (JSON drops `undefined`). */
  payload?: unknown;
}

/** An event as sent; the bridge hands `payload` to the listeners of `event` (trusted, like results). */
export interface EventMessage {
  kind: 'event';
  event: EventName;
  payload: EventMap[EventName];
}

export type HostMessage = { kind: 'result'; id: number; result: Result<unknown> } | EventMessage;
