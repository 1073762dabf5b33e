// The reply channel between two real processes: a child plays the `--action` launch (the real
// core forwarding), this test process plays the running app with a real controller.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerForwardedAction, createActionRouter, readForwardedAction } from '../../../electron/core/automation';
import type { ActionRouter } from '../../../electron/core/automation';
import { controlledBot, settle } from './helpers';

const FIXTURE = fileURLToPath(new URL('./fixtures/second-instance.ts', import.meta.url));
const posix = process.platform !== 'win32';

interface Launch {
  /** Resolves with the additionalData the child handed to the "lock". */
  lockData: Promise<unknown>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function launch(args: string[], env: Record<string, string> = {}): Launch {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let resolveLock: (data: unknown) => void = () => undefined;
  const lockData = new Promise<unknown>((resolve) => {
    resolveLock = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const line = stdout.split('\n').find((l) => l.startsWith('LOCK '));
    if (line) resolveLock(JSON.parse(line.slice('LOCK '.length)));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout: stdout.split('\n').filter((l) => l && !l.startsWith('LOCK ')).join('\n'), stderr: stderr.trim() }));
  });
  return { lockData, done };
}

describe.skipIf(!posix)('--action forwarding across two processes', () => {
  it('the child exits 0 printing the outcome the running app confirmed', async () => {
    const { clock, fake, controller } = await controlledBot({ state: 'recording' });
    const route = createActionRouter({ target: () => controller, notify: () => undefined, clock });
    const child = launch(['--no-sandbox', '--action', 'toggle-pause']);
    const data = await child.lockData;
    const answered = await settle(clock, answerForwardedAction(readForwardedAction(data), route), 60_000, true);
    expect(answered).toMatchObject({ status: 'done' });
    expect(await child.done).toEqual({ code: 0, stdout: 'Recording paused', stderr: '' });
    expect(fake.currentState()).toBe('paused');
  });

  it('the child exits 1 with the refusal on stderr, or prints JSON with --json', async () => {
    const { clock, controller } = await controlledBot({ state: 'not_recording' });
    const route = createActionRouter({ target: () => controller, notify: () => undefined, clock });

    const plain = launch(['--action=resume']);
    await settle(clock, answerForwardedAction(readForwardedAction(await plain.lockData), route), 60_000, true);
    expect(await plain.done).toEqual({ code: 1, stdout: '', stderr: 'Resume: Not paused — nothing to resume' });

    const json = launch(['--action=resume', '--json']);
    await settle(clock, answerForwardedAction(readForwardedAction(await json.lockData), route), 60_000, true);
    const result = await json.done;
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, action: 'resume', status: 'refused', exitCode: 1, message: 'Resume: Not paused — nothing to resume' });
  });

  it('the child gives up with exit 3 when the running app never answers', async () => {
    const child = launch(['--action', 'stop'], { RR_ACK_TIMEOUT_MS: '300' });
    await child.lockData;
    const result = await child.done;
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('Recall Remote is running but did not answer within 300 ms — if it was updated since it started, quit and restart it');
  });

  it('a forged answer from a third process is ignored; the real one still gets through', async () => {
    const { clock, controller } = await controlledBot({ state: 'recording' });
    const route: ActionRouter = createActionRouter({ target: () => controller, notify: () => undefined, clock });
    const child = launch(['--action', 'pause']);
    const data = await child.lockData;
    const read = readForwardedAction(data);
    if (read.kind !== 'action' || !read.replyTo) throw new Error('no reply address');
    const forged = await answerForwardedAction({ ...read, replyTo: { ...read.replyTo, nonce: '0'.repeat(64) } }, () =>
      Promise.resolve({ action: 'pause', status: 'done', exitCode: 0, message: 'forged' }),
    );
    expect(forged).toMatchObject({ message: 'forged' });
    await settle(clock, answerForwardedAction(read, route), 60_000, true);
    expect(await child.done).toEqual({ code: 0, stdout: 'Recording paused', stderr: '' });
  });
});
