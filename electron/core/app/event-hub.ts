// A typed in-process event hub: the core emits contract events into it, and each shell
// subscribes to forward them (Electron: webContents.send; test host: WebSocket).
import type { EventMap, EventName } from '../../contract';
import type { EventSink } from './deps';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;
type ListenerSets = { [E in EventName]: Set<Listener<E>> };

export interface EventHub extends EventSink {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
}

export function createEventHub(): EventHub {
  const listeners: ListenerSets = { 'state:changed': new Set(), 'tray:changed': new Set(), 'hotkeys:changed': new Set(), 'app:notice': new Set(), 'library:changed': new Set(), 'library:progress': new Set(), 'export:progress': new Set(), 'export:changed': new Set(), 'automation:changed': new Set() };
  return {
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      const set: Set<Listener<E>> = listeners[event];
      for (const listener of [...set]) listener(payload);
    },
    on<E extends EventName>(event: E, listener: Listener<E>) {
      const set: Set<Listener<E>> = listeners[event];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
