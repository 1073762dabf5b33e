// The preload (Electron) or the test host's bridge (browser) defines `window.recallRemote`.
import type { RecallRemoteApi } from '../../electron/contract/api';

declare global {
  interface Window {
    recallRemote?: RecallRemoteApi;
  }
}
