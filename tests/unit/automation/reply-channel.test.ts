import { mkdtempSync, rmSync, statSync, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectReplyEndpoint, isReplyAddress, openReplyEndpoint, REPLY_MAX_BYTES } from '../../../electron/core/automation';
import type { ActionReply, ReplyEndpoint } from '../../../electron/core/automation';
import { FakeClock } from '../control/fakes';

const REPLY: ActionReply = { action: 'pause', status: 'done', exitCode: 0, message: 'Recording paused' };
const posix = process.platform !== 'win32';

let base: string;
let clock: FakeClock;
const open: ReplyEndpoint[] = [];

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rr-reply-test-'));
  clock = new FakeClock();
});

afterEach(async () => {
  for (const endpoint of open.splice(0)) await endpoint.close();
  rmSync(base, { recursive: true, force: true });
});

async function endpoint(): Promise<ReplyEndpoint> {
  const e = await openReplyEndpoint({ baseDir: base, timers: clock });
  open.push(e);
  return e;
}

/** Writes raw bytes to the endpoint; resolves when the endpoint hangs up on us. */
function rawPeer(address: string, payload: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(address, () => socket.write(payload));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

/** Lets socket I/O happen in real time (the fake clock only drives the deadlines) until `done`. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error('the endpoint never received it');
}

describe.skipIf(!posix)('reply channel — endpoint', () => {
  it('delivers the outcome from the running app to the waiting process', async () => {
    const e = await endpoint();
    const sender = await connectReplyEndpoint(e.address, e.nonce);
    await sender.accepted();
    await sender.outcome(REPLY);
    expect(await e.wait({ ackTimeoutMs: 1000, outcomeTimeoutMs: 2000 })).toEqual({ kind: 'outcome', reply: REPLY });
  });

  it('listens in a fresh 0700 directory on a 0600 socket, and removes both on close', async () => {
    const e = await endpoint();
    expect(e.nonce).toMatch(/^[0-9a-f]{64}$/);
    expect(isReplyAddress(e.address)).toBe(true);
    expect(dirname(dirname(e.address))).toBe(base);
    expect(statSync(dirname(e.address)).mode & 0o777).toBe(0o700);
    expect(statSync(e.address).isSocket()).toBe(true);
    expect(statSync(e.address).mode & 0o777).toBe(0o600);
    await e.close();
    expect(existsSync(dirname(e.address))).toBe(false);
  });

  it('uses $XDG_RUNTIME_DIR on Linux when it exists', async () => {
    const e = await openReplyEndpoint({ platform: 'linux', env: { XDG_RUNTIME_DIR: base }, timers: clock });
    open.push(e);
    expect(dirname(dirname(e.address))).toBe(base);
  });

  it('falls back to /tmp when the temp dir is too deep for a socket path', async () => {
    const deep = join(base, 'd'.repeat(60), 'e'.repeat(40));
    mkdirSync(deep, { recursive: true });
    const e = await openReplyEndpoint({ baseDir: deep, timers: clock });
    open.push(e);
    expect(e.address.startsWith('/tmp/recall-remote-')).toBe(true);
  });

  it('counts messages that arrived before wait() was called', async () => {
    const e = await endpoint();
    const sender = await connectReplyEndpoint(e.address, e.nonce);
    await sender.accepted();
    await sender.outcome(REPLY);
    await until(() => e.received().outcome);
    expect(await e.wait({ ackTimeoutMs: 1, outcomeTimeoutMs: 1 })).toEqual({ kind: 'outcome', reply: REPLY });
  });

  it('ignores a peer with the wrong nonce and reports no answer at the acknowledgement deadline', async () => {
    const e = await endpoint();
    const forged = JSON.stringify({ v: 1, type: 'outcome', nonce: 'f'.repeat(64), reply: REPLY });
    await rawPeer(e.address, `${forged}\n`);
    const waiting = e.wait({ ackTimeoutMs: 5000, outcomeTimeoutMs: 60_000 });
    await clock.advance(5000);
    expect(await waiting).toEqual({ kind: 'no_answer' });
  });

  it('hangs up on garbage, on a reply that breaks the schema, and on a peer that sends too much', async () => {
    const e = await endpoint();
    await rawPeer(e.address, 'not json\n');
    await rawPeer(e.address, `${JSON.stringify({ v: 1, type: 'outcome', nonce: e.nonce, reply: { ...REPLY, exitCode: 42 } })}\n`);
    await rawPeer(e.address, Buffer.alloc(REPLY_MAX_BYTES + 1, 'a'));
    const waiting = e.wait({ ackTimeoutMs: 100, outcomeTimeoutMs: 200 });
    await clock.advance(100);
    expect(await waiting).toEqual({ kind: 'no_answer' });
  });

  it('reports a hang-up when the app acknowledged and then went away', async () => {
    const e = await endpoint();
    const sender = await connectReplyEndpoint(e.address, e.nonce);
    await sender.accepted();
    sender.close();
    expect(await e.wait({ ackTimeoutMs: 5000, outcomeTimeoutMs: 60_000 })).toEqual({ kind: 'hung_up' });
  });

  it('reports a timeout when the app acknowledged but sent no outcome in time', async () => {
    const e = await endpoint();
    const sender = await connectReplyEndpoint(e.address, e.nonce);
    await sender.accepted();
    await until(() => e.received().accepted);
    const waiting = e.wait({ ackTimeoutMs: 5000, outcomeTimeoutMs: 60_000 });
    await clock.advance(5000);
    await clock.advance(55_000);
    expect(await waiting).toEqual({ kind: 'timeout' });
    sender.close();
  });
});

describe('reply channel — addresses', () => {
  it('accepts only the shapes the endpoint creates', () => {
    expect(isReplyAddress('/run/user/1000/recall-remote-Ab3xYz/reply.sock', 'linux')).toBe(true);
    expect(isReplyAddress('/tmp/evil.sock', 'linux')).toBe(false);
    expect(isReplyAddress('relative/recall-remote-Ab3xYz/reply.sock', 'linux')).toBe(false);
    expect(isReplyAddress('/tmp/recall-remote-Ab3xYz/../x/reply.sock', 'linux')).toBe(false);
    expect(isReplyAddress('/tmp/recall-remote-Ab3xYz/other.sock', 'linux')).toBe(false);
    expect(isReplyAddress(`/${'a'.repeat(90)}/recall-remote-Ab3xYz/reply.sock`, 'darwin')).toBe(false);
    expect(isReplyAddress(`\\\\.\\pipe\\recall-remote-${'0a'.repeat(16)}`, 'win32')).toBe(true);
    expect(isReplyAddress('\\\\.\\pipe\\someone-else', 'win32')).toBe(false);
    expect(isReplyAddress('/tmp/recall-remote-Ab3xYz/reply.sock', 'win32')).toBe(false);
  });
});

describe.skipIf(!posix)('reply channel — the running app refuses to write anywhere else', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  it('refuses an address of another shape or a bad nonce', async () => {
    await expect(connectReplyEndpoint('/tmp/evil.sock', 'a'.repeat(64))).rejects.toMatchObject({ kind: 'invalid_address' });
    const e = await endpoint();
    await expect(connectReplyEndpoint(e.address, 'not-a-nonce')).rejects.toMatchObject({ kind: 'invalid_address' });
  });

  it('refuses a socket in a directory others can enter', async () => {
    const dir = join(base, 'recall-remote-Open12');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const address = join(dir, 'reply.sock');
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(address, resolve));
    await expect(connectReplyEndpoint(address, 'a'.repeat(64))).rejects.toMatchObject({ kind: 'not_private' });
  });

  it('says the waiting process is gone when its socket no longer exists', async () => {
    const e = await endpoint();
    await e.close();
    await expect(connectReplyEndpoint(e.address, e.nonce)).rejects.toMatchObject({ kind: 'connect_failed' });
  });
});
