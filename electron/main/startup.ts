// The main process's first step: the single-instance lock, with `--action` forwarding, before
// anything else exists. A `--action` launch hands the action to the running app and exits (it
// never starts a second app); only the primary instance registers its lifecycle and starts the
// app once Electron is ready. Actions forwarded while it starts wait for the core.
import { app } from 'electron';
import type { ActionRouter } from '../core/automation';
import { claimSingleInstance } from './adapters/single-instance';
import type { SingleInstanceOptions, SingleInstanceRole } from './adapters/single-instance';

export interface LaunchOptions {
  /** Default process.argv. */
  argv?: readonly string[];
  /** Registers the app's lifecycle handlers (activate, quit…): primary instance only, before `ready`. */
  lifecycle(): void;
  /** Starts the app after `ready`; resolves with the router forwarded actions run through. */
  start(): Promise<ActionRouter>;
  /** A plain second launch of the app: show the window. */
  showWindow(): void;
  onStartFailed(error: unknown): void;
  log(message: string): void;
  /** Output streams and reply timeouts of the `--action` process (tests). */
  singleInstance?: Pick<SingleInstanceOptions, 'stdout' | 'stderr' | 'forward'>;
}

export async function launch(options: LaunchOptions): Promise<SingleInstanceRole> {
  let ready: (router: ActionRouter) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const router = new Promise<ActionRouter>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  // Nobody may be waiting when starting fails; a forwarded action then gets the error as its reply.
  router.catch(() => undefined);

  const role = await claimSingleInstance({
    ...(options.argv && { argv: options.argv }),
    route: async (request) => (await router)(request),
    onSecondLaunch: () => options.showWindow(),
    log: options.log,
    ...options.singleInstance,
  });
  if (role === 'exiting') return role;

  options.lifecycle();
  app
    .whenReady()
    .then(() => options.start())
    .then(ready, (error: unknown) => {
      failed(error);
      options.onStartFailed(error);
    });
  return role;
}
