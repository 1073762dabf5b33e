// The single-instance adapter on a mocked Electron app: plain launches, `--action` forwarding
// (both ends wired through the fake app's lock and second-instance event), and its exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionReply, ActionRequest } from '../../../electron/core/automation';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const state = {
    listeners: new Map<string, Listener[]>(),
    /** What requestSingleInstanceLock answers; a function to act as the other instance. */
    lock: (_data: unknown): boolean => true,
    lockCalls: [] as unknown[],
    released: 0,
    exitCode: null as number | null,
    quit: 0,
  };
  const app = {
    requestSingleInstanceLock: (data?: unknown) => {
      state.lockCalls.push(data);
      return state.lock(data);
    },
    releaseSingleInstanceLock: () => {
      state.released++;
    },
    exit: (code?: number) => {
      state.exitCode = code ?? 0;
    },
    quit: () => {
      state.quit++;
    },
    on: (event: string, listener: Listener) => {
      state.listeners.set(event, [...(state.listeners.get(event) ?? []), listener]);
      return app;
    },
  };
  return { state, app };
});

vi.mock('electron', () => ({ app: fake.app }));

const { claimSingleInstance } = await import('../../../electron/main/adapters/single-instance');
const { FORWARD_KEY, NOT_RUNNING_MESSAGE } = await import('../../../electron/core/automation');

class Capture {
  text = '';
  write(text: string, callback: (error?: Error | null) => void): boolean {
    this.text += text;
    callback();
    return true;
  }
}

const EXE = '/opt/Recall Remote/recall-remote';
let base: string;

beforeEach(() => {
  fake.state.listeners.clear();
  fake.state.lock = () => true;
  fake.state.lockCalls = [];
  fake.state.released = 0;
  fake.state.exitCode = null;
  fake.state.quit = 0;
  base = mkdtempSync(join(tmpdir(), 'rr-single-instance-'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

function emitSecondInstance(argv: string[], additionalData: unknown): void {
  for (const listener of fake.state.listeners.get('second-instance') ?? []) listener({}, argv, '/home/me', additionalData);
}

function launch(argv: string[], route: (r: ActionRequest) => Promise<ActionReply> = () => Promise.reject(new Error('no route')), onSecondLaunch = vi.fn()) {
  const stdout = new Capture();
  const stderr = new Capture();
  const log = vi.fn();
  const role = claimSingleInstance({ argv, route, onSecondLaunch, stdout, stderr, log, forward: { endpoint: { baseDir: base }, ackTimeoutMs: 2000, outcomeTimeoutMs: 5000 } });
  return { role, stdout, stderr, log, onSecondLaunch };
}

describe('claimSingleInstance — the running app', () => {
  it('takes the lock and carries on; a plain second launch shows the window', async () => {
    const { role, onSecondLaunch } = launch([EXE]);
    expect(await role).toBe('primary');
    expect(fake.state.lockCalls).toEqual([undefined]);
    emitSecondInstance([EXE], {});
    expect(onSecondLaunch).toHaveBeenCalledTimes(1);
    expect(fake.state.exitCode).toBeNull();
  });

  it('quits when another instance holds the lock', async () => {
    fake.state.lock = () => false;
    expect(await launch([EXE]).role).toBe('exiting');
    expect(fake.state.quit).toBe(1);
  });

  it('never takes an action from argv: only the validated additionalData carries one', async () => {
    const route = vi.fn<(r: ActionRequest) => Promise<ActionReply>>();
    const { role, onSecondLaunch } = launch([EXE], route);
    await role;
    emitSecondInstance([EXE, '--action', 'stop'], undefined);
    expect(route).not.toHaveBeenCalled();
    expect(onSecondLaunch).toHaveBeenCalledTimes(1);
  });
});

describe('claimSingleInstance — a --action launch', () => {
  it('rejects a bad action with exit 2 without touching the lock', async () => {
    const { role, stderr } = launch([EXE, '--action', 'dance']);
    expect(await role).toBe('exiting');
    expect(stderr.text).toBe('Unknown action "dance" — use one of pause, resume, start, stop, toggle-pause\n');
    expect(fake.state.exitCode).toBe(2);
    expect(fake.state.lockCalls).toEqual([]);
  });

  it('says the app is not running, lets go of the lock and exits 5 when it got the lock itself', async () => {
    const { role, stderr } = launch([EXE, '--action=pause']);
    expect(await role).toBe('exiting');
    expect(stderr.text).toBe(`${NOT_RUNNING_MESSAGE}\n`);
    expect(fake.state.released).toBe(1);
    expect(fake.state.exitCode).toBe(5);
    expect(fake.state.lockCalls[0]).toMatchObject({ [FORWARD_KEY]: { v: 1, action: 'pause', confirm: false } });
    expect(fake.state.listeners.has('second-instance')).toBe(false);
  });

  it('forwards to the running app and exits with the outcome it reports', async () => {
    const route = vi.fn((request: ActionRequest): Promise<ActionReply> => Promise.resolve({ action: request.action, status: 'done', exitCode: 0, message: 'Recording paused' }));
    const primary = launch([EXE], route);
    expect(await primary.role).toBe('primary');

    // The second launch: Electron delivers its additionalData to the running app's event.
    fake.state.lock = (data) => {
      emitSecondInstance([EXE, '--action', 'toggle-pause'], JSON.parse(JSON.stringify(data)));
      return false;
    };
    const second = launch([EXE, '--action', 'toggle-pause', '--confirm']);
    expect(await second.role).toBe('exiting');
    expect(route).toHaveBeenCalledWith({ action: 'toggle-pause', confirm: true });
    expect(second.stdout.text).toBe('Recording paused\n');
    expect(second.stderr.text).toBe('');
    expect(fake.state.exitCode).toBe(0);
    expect(fake.state.released).toBe(0);
    expect(primary.onSecondLaunch).not.toHaveBeenCalled();
  });

  it('prints a refusal on stderr (or JSON with --json) and exits with its code', async () => {
    const route = (request: ActionRequest): Promise<ActionReply> =>
      Promise.resolve({ action: request.action, status: 'refused', exitCode: 4, message: 'No bot selected — choose one from the tray menu or the window' });
    await launch([EXE], route).role;
    fake.state.lock = (data) => {
      emitSecondInstance([EXE], JSON.parse(JSON.stringify(data)));
      return false;
    };
    const second = launch([EXE, '--action', 'resume', '--json']);
    await second.role;
    expect(JSON.parse(second.stdout.text)).toEqual({ ok: false, action: 'resume', status: 'refused', exitCode: 4, message: 'No bot selected — choose one from the tray menu or the window' });
    expect(fake.state.exitCode).toBe(4);
  });
});
