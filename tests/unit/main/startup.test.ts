// The main process's startup path on a mocked Electron app: the single-instance lock is claimed
// before anything starts; `--action` with no running app says so and exits without starting one;
// in the running app a forwarded action waits for the core and runs through its router.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionReply, ActionRequest, ActionRouter } from '../../../electron/core/automation';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const state = {
    /** Every app call in order, to check what happened before what. */
    calls: [] as string[],
    listeners: new Map<string, Listener[]>(),
    /** What requestSingleInstanceLock answers (true: no other instance runs). */
    lock: true,
    exitCode: null as number | null,
    ready: null as (() => void) | null,
  };
  const app = {
    requestSingleInstanceLock: (data?: unknown) => {
      state.calls.push(data === undefined ? 'lock' : 'lock(action)');
      return state.lock;
    },
    releaseSingleInstanceLock: () => {
      state.calls.push('release');
    },
    exit: (code?: number) => {
      state.calls.push(`exit ${code ?? 0}`);
      state.exitCode = code ?? 0;
    },
    quit: () => {
      state.calls.push('quit');
    },
    on: (event: string, listener: Listener) => {
      state.calls.push(`on ${event}`);
      state.listeners.set(event, [...(state.listeners.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => {
      state.calls.push('whenReady');
      return new Promise<void>((resolve) => {
        state.ready = resolve;
      });
    },
  };
  return { state, app };
});

vi.mock('electron', () => ({ app: fake.app }));

const { launch } = await import('../../../electron/main/startup');
const { ACTION_EXIT, NOT_RUNNING_MESSAGE, forwardEnvelope } = await import('../../../electron/core/automation');

class Capture {
  text = '';
  write(text: string, callback: (error?: Error | null) => void): boolean {
    this.text += text;
    callback();
    return true;
  }
}

const EXE = '/opt/Recall Remote/recall-remote';

function options(argv: string[], start: () => Promise<ActionRouter>) {
  const stdout = new Capture();
  const stderr = new Capture();
  const spies = {
    lifecycle: vi.fn(() => fake.state.calls.push('lifecycle')),
    start: vi.fn(async () => {
      fake.state.calls.push('start');
      return start();
    }),
    showWindow: vi.fn(),
    onStartFailed: vi.fn(),
    log: vi.fn(),
  };
  return { stdout, stderr, spies, run: () => launch({ argv, ...spies, singleInstance: { stdout, stderr, forward: { ackTimeoutMs: 500, outcomeTimeoutMs: 500 } } }) };
}

function secondInstance(additionalData: unknown): void {
  for (const listener of fake.state.listeners.get('second-instance') ?? []) listener({}, [EXE], '/', additionalData);
}

const doneReply = (request: ActionRequest): ActionReply => ({ action: request.action, status: 'done', exitCode: 0, message: 'Recording paused' });

beforeEach(() => {
  fake.state.calls.length = 0;
  fake.state.listeners.clear();
  fake.state.lock = true;
  fake.state.exitCode = null;
  fake.state.ready = null;
});

describe('launch', () => {
  it('`--action` with no running app: says it is not running, exits 5, starts nothing', async () => {
    const { stderr, stdout, spies, run } = options([EXE, '--action', 'pause'], async () => vi.fn<ActionRouter>());
    expect(await run()).toBe('exiting');
    expect(stderr.text).toBe(`${NOT_RUNNING_MESSAGE}\n`);
    expect(stdout.text).toBe('');
    expect(fake.state.exitCode).toBe(ACTION_EXIT.notRunning);
    expect(fake.state.calls).toEqual(['lock(action)', 'release', `exit ${ACTION_EXIT.notRunning}`]);
    expect(spies.lifecycle).not.toHaveBeenCalled();
    expect(spies.start).not.toHaveBeenCalled();
  });

  it('a bad `--action` exits with the usage code before touching the lock', async () => {
    const { stderr, spies, run } = options([EXE, '--action', 'leave'], async () => vi.fn<ActionRouter>());
    expect(await run()).toBe('exiting');
    expect(stderr.text).toMatch(/^Unknown action "leave" — use one of pause, resume, start, stop, toggle-pause\n$/);
    expect(fake.state.calls).toEqual([`exit ${ACTION_EXIT.usage}`]);
    expect(spies.start).not.toHaveBeenCalled();
  });

  it('a second plain launch quits at once, without starting an app', async () => {
    fake.state.lock = false;
    const { spies, run } = options([EXE], async () => vi.fn<ActionRouter>());
    expect(await run()).toBe('exiting');
    expect(fake.state.calls).toEqual(['lock', 'quit']);
    expect(spies.lifecycle).not.toHaveBeenCalled();
    expect(spies.start).not.toHaveBeenCalled();
  });

  it('the primary instance claims the lock first, then registers its lifecycle, then starts once ready', async () => {
    const router = vi.fn<ActionRouter>(async (request) => doneReply(request));
    const { spies, run } = options([EXE, '--no-sandbox'], async () => router);
    expect(await run()).toBe('primary');
    expect(spies.start).not.toHaveBeenCalled();
    fake.state.ready?.();
    await vi.waitFor(() => expect(spies.start).toHaveBeenCalledTimes(1));
    expect(fake.state.calls).toEqual(['lock', 'on second-instance', 'lifecycle', 'whenReady', 'start']);
  });

  it('a plain second launch shows the window; a forwarded action waits for the core and runs through its router', async () => {
    const router = vi.fn<ActionRouter>(async (request) => doneReply(request));
    const { spies, run } = options([EXE], async () => router);
    await run();
    secondInstance({});
    expect(spies.showWindow).toHaveBeenCalledTimes(1);

    // Sent while the app is still starting: it waits instead of failing.
    secondInstance(forwardEnvelope({ action: 'toggle-pause', confirm: true }, null));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(router).not.toHaveBeenCalled();
    fake.state.ready?.();
    await vi.waitFor(() => expect(router).toHaveBeenCalledWith({ action: 'toggle-pause', confirm: true }));
    await vi.waitFor(() => expect(spies.log).toHaveBeenCalledWith('--action toggle-pause: done (exit 0) Recording paused'));
    expect(spies.showWindow).toHaveBeenCalledTimes(1);
  });

  it('when starting fails: reported once, and a forwarded action gets the failure as its reply', async () => {
    const { spies, run } = options([EXE], async () => {
      throw new Error('the settings folder is read-only');
    });
    await run();
    fake.state.ready?.();
    await vi.waitFor(() => expect(spies.onStartFailed).toHaveBeenCalledTimes(1));
    expect(spies.onStartFailed.mock.calls[0]?.[0]).toMatchObject({ message: 'the settings folder is read-only' });
    secondInstance(forwardEnvelope({ action: 'pause', confirm: false }, null));
    await vi.waitFor(() => expect(spies.log).toHaveBeenCalledWith('--action pause: error (exit 1) The action failed: the settings folder is read-only'));
  });
});
