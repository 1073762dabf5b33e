// The one-shot reply path from the running app back to a `--action` process, which Electron's
// single-instance lock lacks. The `--action` process listens on a private local endpoint — a Unix
// socket in a fresh 0700 directory (socket 0600), or a randomly named Windows pipe — and passes
// its address and a random nonce along with the action; the running app connects, writes JSON
// lines echoing the nonce, and everything read is size-capped and schema-checked on arrival.
import { randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, lstat, mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { z } from 'zod';
import { systemTimers } from '../control/clock';
import type { TimerHandle, Timers } from '../control/clock';
import { ActionReplySchema } from './action-routing';
import type { ActionReply } from './action-routing';

export const REPLY_PROTOCOL_VERSION = 1;
/** Far more than one reply needs; a peer sending more is cut off. */
export const REPLY_MAX_BYTES = 8 * 1024;
const DIR_PREFIX = 'recall-remote-';
const SOCKET_NAME = 'reply.sock';
const DIR_PATTERN = /^recall-remote-[A-Za-z0-9]{6}$/;
const PIPE_PATTERN = /^\\\\\.\\pipe\\recall-remote-[0-9a-f]{32}$/;
/** sun_path is 104 bytes on macOS, 108 on Linux (with the terminating NUL). */
const SOCKET_PATH_MAX = 103;

export const NonceSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a reply nonce');

export const ReplyWireSchema = z.discriminatedUnion('type', [
  z.strictObject({ v: z.literal(REPLY_PROTOCOL_VERSION), type: z.literal('accepted'), nonce: NonceSchema }),
  z.strictObject({ v: z.literal(REPLY_PROTOCOL_VERSION), type: z.literal('outcome'), nonce: NonceSchema, reply: ActionReplySchema }),
]);
export type ReplyWireMessage = z.infer<typeof ReplyWireSchema>;

export type ReplyChannelErrorKind = 'invalid_address' | 'not_private' | 'connect_failed' | 'send_failed' | 'listen_failed';

export class ReplyChannelError extends Error {
  readonly kind: ReplyChannelErrorKind;
  constructor(kind: ReplyChannelErrorKind, message: string) {
    super(message);
    this.name = 'ReplyChannelError';
    this.kind = kind;
  }
}

/** Whether `address` has the exact shape this module creates (checked before connecting to it). */
export function isReplyAddress(address: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return PIPE_PATTERN.test(address);
  return (
    isAbsolute(address) &&
    normalize(address) === address &&
    Buffer.byteLength(address) <= SOCKET_PATH_MAX &&
    basename(address) === SOCKET_NAME &&
    DIR_PATTERN.test(basename(dirname(address)))
  );
}

export interface ReplyEndpointOptions {
  platform?: NodeJS.Platform;
  /** Parent of the private directory (POSIX). Default $XDG_RUNTIME_DIR when it exists, else the OS temp dir. */
  baseDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
  randomBytes?: (size: number) => Buffer;
  timers?: Timers;
}

export type ReplyWait =
  | { readonly kind: 'outcome'; readonly reply: ActionReply }
  /** Nothing valid arrived before the acknowledgement deadline: the running app did not understand or is stuck. */
  | { readonly kind: 'no_answer' }
  /** Acknowledged, but no outcome before the outcome deadline. */
  | { readonly kind: 'timeout' }
  /** Acknowledged, then the connection closed without an outcome (the app quit or crashed). */
  | { readonly kind: 'hung_up' };

export interface ReplyWaitLimits {
  ackTimeoutMs: number;
  outcomeTimeoutMs: number;
}

export interface ReplyEndpoint {
  readonly address: string;
  readonly nonce: string;
  /** What valid messages have arrived so far. */
  received(): { readonly accepted: boolean; readonly outcome: boolean };
  /** Resolves with the outcome or why there is none; messages that arrived before the call count. */
  wait(limits: ReplyWaitLimits): Promise<ReplyWait>;
  /** Stops listening and removes the private directory. Idempotent. */
  close(): Promise<void>;
}

function defaultBase(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (platform === 'linux' && runtime && isAbsolute(runtime) && existsSync(runtime) && statSync(runtime).isDirectory()) return runtime;
  return tmpdir();
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(new ReplyChannelError('listen_failed', `Could not open a reply channel at ${address}: ${error.message}`));
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function sameNonce(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Opens the endpoint a `--action` process waits on. */
export async function openReplyEndpoint(opts: ReplyEndpointOptions = {}): Promise<ReplyEndpoint> {
  const platform = opts.platform ?? process.platform;
  const random = opts.randomBytes ?? nodeRandomBytes;
  const timers = opts.timers ?? systemTimers;
  const nonce = random(32).toString('hex');
  let dir: string | null = null;
  let address: string;
  if (platform === 'win32') {
    address = `\\\\.\\pipe\\${DIR_PREFIX}${random(16).toString('hex')}`;
  } else {
    let base = opts.baseDir ?? defaultBase(opts.env ?? process.env, platform);
    // mkdtemp adds 6 characters; a deep temp dir could overflow sun_path.
    if (Buffer.byteLength(join(base, `${DIR_PREFIX}XXXXXX`, SOCKET_NAME)) > SOCKET_PATH_MAX) base = '/tmp';
    try {
      dir = await mkdtemp(join(base, DIR_PREFIX));
    } catch (error) {
      throw new ReplyChannelError('listen_failed', `Could not create a private folder for the reply in ${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
    address = join(dir, SOCKET_NAME);
  }

  const sockets = new Set<Socket>();
  let accepted = false;
  let outcome: ActionReply | null = null;
  let hungUp = false;
  let closed = false;
  const wakers = new Set<() => void>();
  const wake = (): void => {
    for (const waker of [...wakers]) waker();
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    let buffered = '';
    let received = 0;
    let trusted = false;
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (trusted && outcome === null) {
        hungUp = true;
        wake();
      }
    });
    const onLine = (line: string): boolean => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return false;
      }
      const parsed = ReplyWireSchema.safeParse(json);
      if (!parsed.success || !sameNonce(parsed.data.nonce, nonce)) return false;
      trusted = true;
      if (parsed.data.type === 'accepted') {
        accepted = true;
      } else if (outcome === null) {
        outcome = parsed.data.reply;
      }
      wake();
      return true;
    };
    socket.on('data', (chunk: string) => {
      received += Buffer.byteLength(chunk);
      if (received > REPLY_MAX_BYTES) {
        socket.destroy();
        return;
      }
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        // Anything unexpected ends this peer: only the running app knows the nonce.
        if (!onLine(line)) {
          socket.destroy();
          return;
        }
      }
    });
  });
  server.maxConnections = 4;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (dir !== null) await rm(dir, { recursive: true, force: true });
    wake();
  };

  try {
    await listen(server, address);
    if (platform !== 'win32') await chmod(address, 0o600);
  } catch (error) {
    await close();
    throw error instanceof ReplyChannelError ? error : new ReplyChannelError('listen_failed', `Could not open a reply channel: ${error instanceof Error ? error.message : String(error)}`);
  }

  const wait = (limits: ReplyWaitLimits): Promise<ReplyWait> =>
    new Promise<ReplyWait>((resolve) => {
      const timerHandles: TimerHandle[] = [];
      const settle = (result: ReplyWait): void => {
        wakers.delete(check);
        for (const handle of timerHandles) timers.clearTimeout(handle);
        resolve(result);
      };
      let ackMissed = false;
      let outcomeMissed = false;
      function check(): void {
        if (outcome !== null) settle({ kind: 'outcome', reply: outcome });
        else if (hungUp) settle({ kind: 'hung_up' });
        else if (!accepted && (ackMissed || closed)) settle({ kind: 'no_answer' });
        else if (outcomeMissed || closed) settle({ kind: 'timeout' });
      }
      wakers.add(check);
      timerHandles.push(
        timers.setTimeout(() => {
          ackMissed = true;
          check();
        }, limits.ackTimeoutMs),
        timers.setTimeout(() => {
          outcomeMissed = true;
          check();
        }, limits.outcomeTimeoutMs),
      );
      check();
    });

  return { address, nonce, received: () => ({ accepted, outcome: outcome !== null }), wait, close };
}

export interface ReplySender {
  /** Tells the waiting process the request arrived and is being handled. */
  accepted(): Promise<void>;
  /** Sends the outcome and closes the connection. */
  outcome(reply: ActionReply): Promise<void>;
  /** Drops the connection without an outcome. */
  close(): void;
}

export interface ConnectReplyOptions {
  platform?: NodeJS.Platform;
  connectTimeoutMs?: number;
  timers?: Timers;
}

/**
 * POSIX: the socket must sit in a private (0700, not a symlink) directory owned by this user, and
 * be a socket owned by this user — the running app never writes to anything another user made.
 */
async function checkPrivate(address: string): Promise<void> {
  const uid = process.getuid?.();
  const dir = await lstat(dirname(address)).catch(() => null);
  const socket = await lstat(address).catch(() => null);
  if (!dir || !socket) throw new ReplyChannelError('connect_failed', 'The waiting --action process is gone (its reply channel no longer exists)');
  const owned = uid === undefined || (dir.uid === uid && socket.uid === uid);
  if (!dir.isDirectory() || (dir.mode & 0o077) !== 0 || !socket.isSocket() || !owned) {
    throw new ReplyChannelError('not_private', 'Refused to answer: the reply channel is not a private socket of this user');
  }
}

/** Connects the running app to a waiting `--action` process, after checking the address it was given. */
export async function connectReplyEndpoint(address: string, nonce: string, opts: ConnectReplyOptions = {}): Promise<ReplySender> {
  const platform = opts.platform ?? process.platform;
  if (!isReplyAddress(address, platform) || !NonceSchema.safeParse(nonce).success) {
    throw new ReplyChannelError('invalid_address', 'Refused to answer: the reply address or nonce is not one Recall Remote creates');
  }
  if (platform !== 'win32') await checkPrivate(address);
  const timers = opts.timers ?? systemTimers;
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(address);
    const timer = timers.setTimeout(() => {
      s.destroy();
      reject(new ReplyChannelError('connect_failed', 'The waiting --action process did not accept the reply in time'));
    }, opts.connectTimeoutMs ?? 3000);
    s.once('connect', () => {
      timers.clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (error) => {
      timers.clearTimeout(timer);
      reject(new ReplyChannelError('connect_failed', `Could not reach the waiting --action process: ${error.message}`));
    });
  });
  socket.on('error', () => undefined);
  // Nothing is ever read from the waiting process.
  socket.on('data', () => socket.destroy());

  const write = (message: ReplyWireMessage, end: boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      if (socket.destroyed) {
        reject(new ReplyChannelError('send_failed', 'The waiting --action process went away before the reply was sent'));
        return;
      }
      const line = `${JSON.stringify(ReplyWireSchema.parse(message))}\n`;
      const done = (error?: Error | null): void => {
        if (error) reject(new ReplyChannelError('send_failed', `Could not send the reply: ${error.message}`));
        else resolve();
      };
      if (end) socket.end(line, () => done());
      else socket.write(line, done);
    });

  return {
    accepted: () => write({ v: REPLY_PROTOCOL_VERSION, type: 'accepted', nonce }, false),
    outcome: (reply) => write({ v: REPLY_PROTOCOL_VERSION, type: 'outcome', nonce, reply }, true),
    close: () => {
      socket.destroy();
    },
  };
}
