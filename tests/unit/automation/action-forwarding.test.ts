import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTION_EXIT,
  answerForwardedAction,
  createActionRouter,
  FORWARD_KEY,
  forwardAction,
  forwardEnvelope,
  formatForwardResult,
  NOT_RUNNING_MESSAGE,
  readForwardedAction,
} from '../../../electron/core/automation';
import type { ActionReply, ActionRouter, ForwardResult } from '../../../electron/core/automation';
import { FakeClock } from '../control/fakes';
import { controlledBot, settle } from './helpers';

const posix = process.platform !== 'win32';
let base: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rr-forward-test-'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

/**
 * Electron's lock between two instances, in one process: the "second instance" hands its
 * additionalData to the "running app", whose second-instance handler answers asynchronously.
 */
function runningApp(route: ActionRouter) {
  const handled: Array<Promise<ActionReply | null>> = [];
  const requestLock = (additionalData: Record<string, unknown>): boolean => {
    // Electron serializes additionalData between processes; do the same.
    const delivered: unknown = JSON.parse(JSON.stringify(additionalData));
    handled.push(answerForwardedAction(readForwardedAction(delivered), route));
    return false;
  };
  return { requestLock, handled };
}

describe.skipIf(!posix)('forwardAction ↔ answerForwardedAction', () => {
  it('pauses the running app’s bot and returns its confirmed outcome with exit 0', async () => {
    const { clock, fake, controller } = await controlledBot({ state: 'recording' });
    const route = createActionRouter({ target: () => controller, notify: () => undefined, clock });
    const app = runningApp(route);
    const result = await settle(clock, forwardAction({ action: 'pause', confirm: false }, { requestLock: app.requestLock, endpoint: { baseDir: base } }), 60_000, true);
    expect(result).toEqual({
      status: 'done',
      exitCode: ACTION_EXIT.ok,
      message: 'Recording paused',
      heldLock: false,
      reply: { action: 'pause', status: 'done', exitCode: 0, message: 'Recording paused' },
    });
    expect(fake.posts().map((p) => p.op)).toEqual(['pause']);
  });

  it('passes --confirm through so start overwrites a running recording', async () => {
    const { clock, fake, controller } = await controlledBot({ state: 'recording' });
    const app = runningApp(createActionRouter({ target: () => controller, notify: () => undefined, clock }));
    const result = await settle(clock, forwardAction({ action: 'start', confirm: true }, { requestLock: app.requestLock, endpoint: { baseDir: base } }), 60_000, true);
    expect(result).toMatchObject({ status: 'done', exitCode: 0, message: 'Recording started' });
    expect(fake.posts().map((p) => p.op)).toEqual(['start']);
  });

  it('returns exit 4 with the reason when the running app has no bot selected', async () => {
    const clock = new FakeClock();
    const app = runningApp(createActionRouter({ target: () => null, notify: () => undefined, clock }));
    const result = await forwardAction({ action: 'toggle-pause', confirm: false }, { requestLock: app.requestLock, endpoint: { baseDir: base } });
    expect(result).toMatchObject({ status: 'refused', exitCode: ACTION_EXIT.noBot });
  });

  it('says the app is not running (exit 5) when it got the lock itself, and cleans up its endpoint', async () => {
    let sent: Record<string, unknown> | null = null;
    const result = await forwardAction(
      { action: 'pause', confirm: false },
      {
        requestLock: (data) => {
          sent = data;
          return true;
        },
        endpoint: { baseDir: base },
      },
    );
    expect(result).toEqual({ status: 'not_running', exitCode: ACTION_EXIT.notRunning, message: NOT_RUNNING_MESSAGE, heldLock: true, reply: null });
    const read = readForwardedAction(sent);
    expect(read.kind).toBe('action');
    if (read.kind !== 'action' || !read.replyTo) throw new Error('no reply address was sent');
    expect(existsSync(dirname(read.replyTo.address))).toBe(false);
  });

  it('times out with exit 3 when an older running app ignores the request (it just shows its window)', async () => {
    const clock = new FakeClock();
    const forwarding = forwardAction({ action: 'pause', confirm: false }, { requestLock: () => false, endpoint: { baseDir: base, timers: clock }, ackTimeoutMs: 10_000 });
    // Opening the endpoint is real I/O: let it finish until the wait's deadlines are set.
    for (let i = 0; i < 500 && clock.pendingTimers() < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await clock.advance(9_999);
    expect(clock.pendingTimers()).toBe(2);
    await clock.advance(1);
    const result = await forwarding;
    expect(result.status).toBe('no_answer');
    expect(result.exitCode).toBe(ACTION_EXIT.timeout);
    expect(result.message).toBe('Recall Remote is running but did not answer within 10 s — if it was updated since it started, quit and restart it');
  });

  it('still forwards when no reply channel can be opened, and says the answer cannot be shown', async () => {
    const delivered: unknown[] = [];
    const result = await forwardAction(
      { action: 'stop', confirm: false },
      {
        requestLock: (data) => {
          delivered.push(data);
          return false;
        },
        openEndpoint: () => Promise.reject(new Error('EACCES: permission denied')),
      },
    );
    expect(readForwardedAction(delivered[0])).toEqual({ kind: 'action', request: { action: 'stop', confirm: false }, replyTo: null });
    expect(result).toMatchObject({ status: 'no_reply_channel', exitCode: ACTION_EXIT.timeout });
    expect(result.message).toContain('EACCES');
  });

  it('answers a request this version cannot run with a usage error instead of running anything', async () => {
    let routed = 0;
    const route: ActionRouter = () => {
      routed++;
      return Promise.reject(new Error('must not run'));
    };
    const result = await forwardAction(
      { action: 'pause', confirm: false },
      {
        requestLock: (data) => {
          const inner = data[FORWARD_KEY];
          // What a newer `--action` might send: an action this version does not know.
          const newer = { [FORWARD_KEY]: { ...(typeof inner === 'object' ? inner : {}), action: 'mute' } };
          void answerForwardedAction(readForwardedAction(newer), route);
          return false;
        },
        endpoint: { baseDir: base },
      },
    );
    expect(routed).toBe(0);
    expect(result).toMatchObject({ status: 'error', exitCode: ACTION_EXIT.usage });
    expect(result.message).toContain('does not understand this --action request');
  });
});

describe('readForwardedAction', () => {
  it('treats anything that is not our envelope as a plain second launch', () => {
    for (const data of [undefined, null, 'pause', [], {}, { other: 1 }]) expect(readForwardedAction(data)).toEqual({ kind: 'none' });
  });

  it('reads a valid envelope and refuses extra or malformed fields', () => {
    const replyTo = { address: '/tmp/recall-remote-Ab3xYz/reply.sock', nonce: 'a'.repeat(64) };
    expect(readForwardedAction(forwardEnvelope({ action: 'resume', confirm: false }, replyTo))).toEqual({ kind: 'action', request: { action: 'resume', confirm: false }, replyTo });
    const extra = { [FORWARD_KEY]: { v: 1, action: 'pause', confirm: false, replyTo, shell: 'rm -rf ~' } };
    expect(readForwardedAction(extra)).toMatchObject({ kind: 'invalid', replyTo });
    const badNonce = { [FORWARD_KEY]: { v: 1, action: 'pause', confirm: false, replyTo: { ...replyTo, nonce: 'x' } } };
    expect(readForwardedAction(badNonce)).toMatchObject({ kind: 'invalid', replyTo: null });
  });

  it('runs a forwarded action even when its reply address is refused', async () => {
    let routed = 0;
    const route: ActionRouter = () => {
      routed++;
      return Promise.resolve({ action: 'pause', status: 'done', exitCode: 0, message: 'Recording paused' });
    };
    const logs: string[] = [];
    const read = readForwardedAction(forwardEnvelope({ action: 'pause', confirm: false }, { address: '/etc/recall-remote-Ab3xYz/reply.sock', nonce: 'a'.repeat(64) }));
    const reply = await answerForwardedAction(read, route, { log: (m) => logs.push(m) });
    expect(routed).toBe(1);
    expect(reply).toMatchObject({ status: 'done' });
    expect(logs.join('\n')).toContain('no reply possible');
  });
});

describe('formatForwardResult', () => {
  const ok: ForwardResult = { status: 'done', exitCode: 0, message: 'Recording paused', reply: null, heldLock: false };
  const notRunning: ForwardResult = { status: 'not_running', exitCode: 5, message: NOT_RUNNING_MESSAGE, reply: null, heldLock: true };

  it('prints the sentence on stdout on success and on stderr otherwise', () => {
    expect(formatForwardResult(ok, false, 'pause')).toEqual({ stream: 'stdout', text: 'Recording paused' });
    expect(formatForwardResult(notRunning, false, 'pause')).toEqual({ stream: 'stderr', text: NOT_RUNNING_MESSAGE });
  });

  it('prints one JSON object with --json', () => {
    const out = formatForwardResult(notRunning, true, 'pause');
    expect(out.stream).toBe('stdout');
    expect(JSON.parse(out.text)).toEqual({ ok: false, action: 'pause', status: 'not_running', exitCode: 5, message: NOT_RUNNING_MESSAGE });
  });
});
