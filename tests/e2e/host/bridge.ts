// Runs in the browser before the renderer: defines `window.recallRemote` exactly as the Electron
// preload does (same createRemoteApi), but over a WebSocket to the test host's core.
import { createRemoteApi } from '../../../electron/contract/api';
import type { RemoteTransport } from '../../../electron/contract/api';
import type { Channel, ContractError, EventMap, EventName, RequestOf, ResponseOf, Result } from '../../../electron/contract';
import { WS_PATH } from './protocol';
import type { BridgeRequest, HostMessage } from './protocol';

const socket = new WebSocket(WS_PATH);
const queued: string[] = [];
/** Resolvers by request id; each takes the JSON text of the core's Result for its channel. */
const pending = new Map<number, (resultJson: string) => void>();
/** Listeners by event; each takes the JSON text of that event's payload. */
const listeners = new Map<EventName, Set<(payloadJson: string) => void>>();
let nextId = 1;
let closedError: ContractError | null = null;

socket.addEventListener('open', () => {
  for (const message of queued.splice(0)) socket.send(message);
});

socket.addEventListener('message', (event) => {
  const message: HostMessage = JSON.parse(String(event.data));
  if (message.kind === 'result') {
    pending.get(message.id)?.(JSON.stringify(message.result));
    pending.delete(message.id);
  } else {
    const payload = JSON.stringify(message.payload);
    for (const listener of [...(listeners.get(message.event) ?? [])]) listener(payload);
  }
});

socket.addEventListener('close', () => {
  closedError = { kind: 'network', message: 'The connection to the Recall Remote test host closed; reload the page.' };
  for (const resolve of pending.values()) resolve(JSON.stringify({ ok: false, error: closedError }));
  pending.clear();
});

// Like ipcRenderer.invoke in the preload, the answer is the host core's Result for `channel`:
// trusted as that type once parsed (and so are event payloads).
function invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  if (closedError) return Promise.resolve({ ok: false, error: closedError });
  const request: BridgeRequest = { id: nextId++, channel, payload };
  const text = JSON.stringify(request);
  return new Promise((resolve) => {
    pending.set(request.id, (resultJson) => resolve(JSON.parse(resultJson)));
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
    else queued.push(text);
  });
}

const transport: RemoteTransport = {
  invoke,
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    const forward = (payloadJson: string): void => listener(JSON.parse(payloadJson));
    const set = listeners.get(event) ?? new Set();
    set.add(forward);
    listeners.set(event, set);
    return () => {
      set.delete(forward);
    };
  },
};

Object.defineProperty(globalThis, 'recallRemote', { value: createRemoteApi(transport), enumerable: true });
