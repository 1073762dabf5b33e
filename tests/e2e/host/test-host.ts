// The web test host: serves the built renderer (out/renderer) to a browser with a bridge that
// defines `window.recallRemote` over a WebSocket, routed to the real app core (the same
// createCore + dispatch as Electron main) against the embedded sandbox, or the real API when
// RECALL_API_KEY is set. `/__host/…` has a small JSON admin for tests (sandbox only).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { WebSocket } from 'ws';
import { EVENT_NAMES } from '../../../electron/contract';
import { createCore, createEventHub, openConnection } from '../../../electron/core/app';
import type { Core, EnvLike, PollIntervals, Timers } from '../../../electron/core/app';
import { RecallClient } from '../../../electron/core/recall';
import type { CreateBotInput } from '../../../electron/core/recall';
import { startSandbox } from '../../../electron/sandbox';
import type { Sandbox } from '../../../electron/sandbox';
import { BRIDGE_PATH, WS_PATH } from './protocol';
import type { BridgeRequest, HostMessage } from './protocol';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_RENDERER_DIR = join(ROOT, 'out/renderer');

export interface TestHostOptions {
  /** Listen port on 127.0.0.1; default 0 (random). */
  port?: number;
  /** The built renderer; default out/renderer. */
  rendererDir?: string;
  /** Sandbox time scale (sandbox only); default 10, so bots join within a second. */
  speed?: number;
  /** Where RECALL_API_KEY / RECALL_API_BASE / RECALL_REGION come from; default process.env. */
  env?: EnvLike;
  poll?: Partial<PollIntervals>;
  log?: (line: string) => void;
}

export interface TestHost {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly mode: 'sandbox' | 'live';
  readonly core: Core;
  readonly sandbox: Sandbox | null;
  close(): Promise<void>;
}

export class RendererMissingError extends Error {
  constructor(dir: string) {
    super(`The built renderer is missing (${join(dir, 'index.html')} not found). Run \`npm run build\` first.`);
    this.name = 'RendererMissingError';
  }
}

/** A request to the admin that cannot be served: answered with `status` and the message. */
class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
} as const;

const timers: Timers = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};

/** Bundles bridge.ts (and the contract's zod-free API it uses) into one classic script. */
async function bundleBridge(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      emptyOutDir: false,
      minify: false,
      lib: { entry: join(dirname(fileURLToPath(import.meta.url)), 'bridge.ts'), formats: ['iife'], name: 'recallRemoteBridge' },
    },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('bundling the test host bridge produced no script');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new AdminError(415, 'Send the admin request as application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 64 * 1024) throw new AdminError(413, 'The admin request body is too large.');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, 'The admin request body is not valid JSON.');
  }
}

const CreateBotBody = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  meetingUrl: z.string().min(1).optional(),
  /** true: `recording_config: null`, the bot records nothing until Start Recording. */
  manual: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});
const EndCallBody = z.strictObject({ subCode: z.string().min(1).optional() });
const DispatchBody = z.strictObject({ channel: z.string(), payload: z.unknown().optional() });
const BridgeRequestSchema = z.object({ id: z.number().int(), channel: z.string(), payload: z.unknown().optional() });
const PackageJson = z.looseObject({ version: z.string() });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AdminError(400, `Bad admin request: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid body'}`);
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) throw new RendererMissingError(rendererDir);
  const log = options.log ?? (() => {});
  const speed = options.speed ?? 10;
  const bridge = await bundleBridge();
  const indexHtml = (await readFile(indexPath, 'utf8')).replace(
    '</head>',
    `  <script src="${BRIDGE_PATH}"></script>\n  </head>`,
  );

  // The core's clock follows sandbox time (which runs `speed` times faster than the wall clock),
  // so elapsed times computed from sandbox timestamps stay coherent.
  const wallStart = Date.now();
  const opened = await openConnection(options.env ?? process.env, () => startSandbox({ speed, media: { width: 320, height: 180, fps: 10 } }));
  const { connection, sandbox } = opened;
  const scale = sandbox ? speed : 1;
  const events = createEventHub();
  const core = createCore({
    app: { name: 'Recall Remote', version: await appVersion(), platform: process.platform },
    connection,
    createClient: (c) => new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region }),
    clock: { now: () => wallStart + (Date.now() - wallStart) * scale },
    timers,
    events,
    ...(options.poll && { poll: options.poll }),
    log: (level, message) => log(`[core ${level}] ${message}`),
  });
  const adminClient = sandbox ? new RecallClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl }) : null;

  let origin = '';

  const serveStatic = async (pathname: string, res: ServerResponse): Promise<void> => {
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, {
        'Content-Type': MIME['.html'] ?? 'text/html',
        // frame-ancestors only works as a header (the page's <meta> CSP cannot carry it).
        'Content-Security-Policy': "frame-ancestors 'none'",
        ...SECURITY_HEADERS,
      });
      res.end(indexHtml);
      return;
    }
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) {
      sendJson(res, 404, { error: `Not found: ${pathname}` });
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
    res.end(await readFile(file));
  };

  const admin = async (method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (method === 'GET' && (pathname === '/__host/' || pathname === '/__host')) {
      sendJson(res, 200, {
        mode: connection.mode,
        endpoints: {
          'GET /__host/health': 'liveness',
          'GET /__host/info': 'mode and sandbox base URL',
          'POST /__host/bots': '{ name?, meetingUrl?, manual?, metadata? } → creates a sandbox bot',
          'POST /__host/bots/{id}/end': '{ subCode? } → the host ends the sandbox meeting',
          'POST /__host/dispatch': '{ channel, payload? } → the core’s Result, as the renderer would get it',
        },
      });
      return;
    }
    if (method === 'GET' && pathname === '/__host/health') return sendJson(res, 200, { ok: true });
    if (method === 'GET' && pathname === '/__host/info') {
      return sendJson(res, 200, { mode: connection.mode, url: `${origin}/`, sandboxBaseUrl: sandbox?.baseUrl ?? null });
    }
    if (method === 'POST' && pathname === '/__host/dispatch') {
      const body = parseBody(DispatchBody, await readJson(req));
      return sendJson(res, 200, await core.dispatch(body.channel, body.payload));
    }
    if (!sandbox || !adminClient) throw new AdminError(403, 'The host admin only drives the embedded sandbox (RECALL_API_KEY is set).');
    if (method === 'POST' && pathname === '/__host/bots') {
      const body = parseBody(CreateBotBody, await readJson(req));
      const input: CreateBotInput = {
        meeting_url: body.meetingUrl ?? 'https://us02web.zoom.us/j/84512345678?pwd=sandbox',
        bot_name: body.name ?? 'Sandbox bot',
        ...(body.manual === true && { recording_config: null }),
        metadata: { sandbox_join_seconds: '2', ...body.metadata },
      };
      const bot = await adminClient.createBot(input);
      return sendJson(res, 201, { id: bot.id, name: bot.bot_name ?? null });
    }
    const end = /^\/__host\/bots\/([^/]+)\/end$/.exec(pathname);
    if (method === 'POST' && end?.[1]) {
      const body = parseBody(EndCallBody, await readJson(req));
      sandbox.endCall(decodeURIComponent(end[1]), body.subCode);
      return sendJson(res, 200, { ok: true });
    }
    throw new AdminError(404, `No admin endpoint ${method} ${pathname}.`);
  };

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const { pathname } = new URL(req.url ?? '/', 'http://host.invalid');
    const work =
      pathname === BRIDGE_PATH
        ? Promise.resolve().then(() => {
            res.writeHead(200, { 'Content-Type': MIME['.js'] ?? 'text/javascript', ...SECURITY_HEADERS });
            res.end(bridge);
          })
        : pathname.startsWith('/__host')
          ? admin(method, pathname, req, res)
          : method === 'GET' || method === 'HEAD'
            ? serveStatic(pathname, res)
            : Promise.reject(new AdminError(405, `${method} is not served here.`));
    work.catch((error: unknown) => {
      const status = error instanceof AdminError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) log(`[host] ${method} ${pathname} failed: ${message}`);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });

  // Only pages served by this host (as 127.0.0.1 or localhost) may open the bridge socket.
  const wss = new WebSocketServer({
    server,
    path: WS_PATH,
    verifyClient: ({ origin: from }: { origin: string }) => from === origin || from === origin.replace('127.0.0.1', 'localhost'),
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data) => {
      let request: BridgeRequest;
      try {
        request = BridgeRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        log('[host] ignored a malformed bridge message');
        return;
      }
      void core.dispatch(request.channel, request.payload).then((result) => {
        const message: HostMessage = { kind: 'result', id: request.id, result };
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      });
    });
  });
  const unsubscribe = EVENT_NAMES.map((event) =>
    events.on(event, (payload) => {
      const message: HostMessage = { kind: 'event', event, payload };
      const text = JSON.stringify(message);
      for (const client of clients) if (client.readyState === client.OPEN) client.send(text);
    }),
  );

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the test host has no TCP address'));
      else resolvePort(address.port);
    });
  });
  origin = `http://127.0.0.1:${port}`;
  log(`[host] serving ${rendererDir} at ${origin}/ (${connection.mode}${sandbox ? `, sandbox ${sandbox.baseUrl}, speed ${speed}` : ''})`);

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/`,
    mode: connection.mode,
    core,
    sandbox,
    close() {
      closing ??= (async () => {
        core.close();
        for (const off of unsubscribe) off();
        for (const client of clients) client.terminate();
        await new Promise<void>((done) => wss.close(() => done()));
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await sandbox?.close();
      })();
      return closing;
    },
  };
}

async function appVersion(): Promise<string> {
  return PackageJson.parse(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))).version;
}
