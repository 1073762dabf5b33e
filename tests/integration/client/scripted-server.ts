// A real local HTTP server whose answers each test scripts: it records every request
// (method, path, headers, body) and can answer JSON, raw text, reset the socket or hang.
// Used by the client and CLI integration tests instead of the sandbox.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /api/v1/bot/?page=2 */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string> }
  /** Destroy the socket without answering (connection reset). */
  | 'reset'
  /** Never answer (for timeouts); the socket is destroyed when the server closes. */
  | 'hang';

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Exclude<Reply, 'reset' | 'hang'>): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body = reply.body ?? '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

export async function startScriptedServer(initial: Handler): Promise<ScriptedServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handler(recorded, requests.length - 1)).then(
        (reply) => {
          if (reply === 'reset') req.socket.destroy();
          else if (reply !== 'hang') send(res, reply);
        },
        (err: unknown) => send(res, { status: 599, body: String(err) }),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setHandler(next) {
      handler = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers with the given replies in order; the last one repeats. */
export function sequence(...replies: Reply[]): Handler {
  return (_req, index) => replies[Math.min(index, replies.length - 1)]!;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, json: body, ...(headers && { headers }) };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
