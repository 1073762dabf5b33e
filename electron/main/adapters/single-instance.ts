// The single-instance lock and `--action` forwarding on Electron's app: a `--action` launch hands
// the action to the running app, prints its outcome and exits with its code (never starting a
// second app); a plain second launch shows the running app's window. The logic lives in
// core/automation; this only wires app.requestSingleInstanceLock / second-instance / exit to it.
import { app } from 'electron';
import { answerForwardedAction, forwardAction, formatForwardResult, parseActionArgs, readForwardedAction, ACTION_EXIT } from '../../core/automation';
import type { ActionRouter, ForwardOptions } from '../../core/automation';

export interface OutputStream {
  write(text: string, callback: (error?: Error | null) => void): boolean;
}

export interface SingleInstanceOptions {
  /** Default process.argv. */
  argv?: readonly string[];
  /** Runs a forwarded action in this (running) instance; may wait until the app has started. */
  route: ActionRouter;
  /** A plain second launch of the app (no `--action`): show the window. */
  onSecondLaunch: () => void;
  log?: (message: string) => void;
  stdout?: OutputStream;
  stderr?: OutputStream;
  /** Reply timeouts and endpoint options (tests). */
  forward?: Omit<ForwardOptions, 'requestLock'>;
}

/** 'primary': carry on starting the app. 'exiting': this process is ending — start nothing. */
export type SingleInstanceRole = 'primary' | 'exiting';

/** Resolves once the line is handed to the OS (macOS pipes are asynchronous: exit could cut it). */
function writeLine(stream: OutputStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(`${text}\n`, () => resolve());
  });
}

/**
 * Call first thing in the main process, before anything else starts. Registers `second-instance`
 * only in the primary instance.
 */
export async function claimSingleInstance(opts: SingleInstanceOptions): Promise<SingleInstanceRole> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const log = opts.log ?? (() => undefined);
  const args = parseActionArgs(opts.argv ?? process.argv);

  if (args.kind === 'invalid') {
    await writeLine(stderr, args.message);
    app.exit(ACTION_EXIT.usage);
    return 'exiting';
  }

  if (args.kind === 'action') {
    const { invocation } = args;
    const result = await forwardAction(invocation, { ...opts.forward, requestLock: (data) => app.requestSingleInstanceLock(data) });
    // Got the lock: nothing was running. Let go at once so a real launch is not turned away.
    if (result.heldLock) app.releaseSingleInstanceLock();
    const out = formatForwardResult(result, invocation.json, invocation.action);
    await writeLine(out.stream === 'stdout' ? stdout : stderr, out.text);
    app.exit(result.exitCode);
    return 'exiting';
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return 'exiting';
  }
  app.on('second-instance', (_event, _argv, _workingDirectory, additionalData) => {
    // argv is not read: only the validated additionalData can carry an action.
    const read = readForwardedAction(additionalData);
    if (read.kind === 'none') {
      opts.onSecondLaunch();
      return;
    }
    answerForwardedAction(read, opts.route, { log })
      .then((reply) => {
        if (reply) log(`--action ${reply.action ?? '?'}: ${reply.status} (exit ${reply.exitCode}) ${reply.message}`);
      })
      .catch((error: unknown) => log(`--action failed: ${error instanceof Error ? error.message : String(error)}`));
  });
  return 'primary';
}
