// Preload (sandboxed, CommonJS): exposes `window.recallRemote`, one named function per contract
// channel, and nothing of ipcRenderer itself. Imports only zod-free contract modules.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { createRemoteApi } from '../contract/api';
import type { RemoteTransport } from '../contract/api';

const transport: RemoteTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(event, listener) {
    // The IPC event object (with its `sender`) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('recallRemote', createRemoteApi(transport));
