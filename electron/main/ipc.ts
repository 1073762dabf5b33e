// Routes every contract channel from ipcMain to the core's dispatch, after checking that the
// request comes from the app's own window (top frame, app URL), and forwards core events to it.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, fail } from '../contract';
import type { Result } from '../contract';
import type { Dispatch, EventHub } from '../core/app';
import { isAppUrl } from './renderer-target';
import type { RendererTarget } from './renderer-target';

export interface IpcOptions {
  dispatch: Dispatch;
  events: EventHub;
  getWindow(): BrowserWindow | null;
  target: RendererTarget;
  log?(message: string): void;
}

/** Only the top frame of our window, showing our page, may call the core. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, target: RendererTarget): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, target);
}

export function registerIpc(options: IpcOptions): () => void {
  const { dispatch, events, getWindow, target, log } = options;

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, getWindow(), target)) {
        log?.(`blocked ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return fail('forbidden', 'This request did not come from the Recall Remote window, so it was refused.');
      }
      if (args.length > 1) return fail('invalid_request', `${channel} takes at most one argument.`);
      return dispatch(channel, args[0]);
    });
  }

  const unsubscribe = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      const window = getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(name, payload);
    }),
  );

  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
    for (const off of unsubscribe) off();
  };
}
