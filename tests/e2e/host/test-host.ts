// The web test host: serves the built renderer (out/renderer) to a browser with a bridge that
// defines `window.recallRemote` over a WebSocket, routed to the real app core (the same
// createCore + dispatch as Electron main, with in-memory settings, vault, shortcut registrar,
// notifier and launch-at-login ports) against the embedded sandbox, or the real API when
// RECALL_API_KEY is set. Beside the app, the page shows the tray model (icon, tooltip, menu) in a
// panel of the host's own. `/__host/…` has a small JSON admin for tests.
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { WebSocket } from 'ws';
import { EVENT_NAMES } from '../../../electron/contract';
import { createCore, createEventHub, liveConnectionFromEnv, trayModelView } from '../../../electron/core/app';
import type { Core, EnvLike, PollIntervals } from '../../../electron/core/app';
import { systemClock } from '../../../electron/core/control';
import { nodeLocalFs } from '../../../electron/core/downloads';
import { handlePreviewRequest, mediaUrlFor } from '../../../electron/core/preview';
import { RecallClient } from '../../../electron/core/recall';
import type { CreateBotInput } from '../../../electron/core/recall';
import { TRAY_ICON_IDS, parseTrayMenuId } from '../../../electron/core/tray';
import type { SecretAvailability } from '../../../electron/core/settings';
import { startSandbox } from '../../../electron/sandbox';
import type { Sandbox, StartMode } from '../../../electron/sandbox';
import { faultUpdateSchema } from '../../../electron/sandbox/faults';
import { isPowerEvent, isRemoteAction } from '../../../electron/core/automation';
import { MemoryHotkeyRegistrar, MemoryLaunchAtLogin, MemorySettingsStore, MemoryVault, RecordingNotifier } from './memory-ports';
import { BRIDGE_PATH, MEDIA_PATH, PANEL_SCRIPT_PATH, PANEL_STYLE_PATH, TRAY_ICON_PATH, WS_PATH } from './protocol';
import type { BridgeRequest, HostMessage } from './protocol';
import { scaledTime } from './scaled-time';
import { createLibraryHost } from './library-host';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_RENDERER_DIR = join(ROOT, 'out/renderer');

export interface TestHostOptions {
  /** Listen port on 127.0.0.1; default 0 (random). */
  port?: number;
  /** The built renderer; default out/renderer. */
  rendererDir?: string;
  /** Sandbox time scale (sandbox only); default 10, so bots join within a second. */
  speed?: number;
  /** Start Recording while recording: the sandbox's 'replace' (default) or 'keep'. */
  startMode?: StartMode;
  /** How the in-memory vault protects a key: 'os' (default), or Linux's 'basic_text' that needs consent. */
  keyStorage?: SecretAvailability;
  /** Where RECALL_API_KEY / RECALL_API_BASE / RECALL_REGION come from; default process.env. */
  env?: EnvLike;
  poll?: Partial<PollIntervals>;
  log?: (line: string) => void;
}

export interface TestHost {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** The core's current connection mode. */
  readonly mode: 'sandbox' | 'live';
  readonly core: Core;
  /** The embedded sandbox the core runs on now; null in live mode. */
  readonly sandbox: Sandbox | null;
  readonly settings: MemorySettingsStore;
  readonly hotkeys: MemoryHotkeyRegistrar;
  readonly notifier: RecordingNotifier;
  /** How often the show-window shortcut asked for the window. */
  readonly windowShown: number;
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
const AcceleratorBody = z.strictObject({ accelerator: z.string().min(1).max(100) });
const TrayClickBody = z.strictObject({ id: z.string().min(1).max(300) });
const VaultBody = z.strictObject({ keyStorage: z.enum(['os', 'basic_text', 'unavailable']) });
const ActionBody = z.strictObject({ confirm: z.boolean().optional() });
const DispatchBody = z.strictObject({ channel: z.string(), payload: z.unknown().optional() });
const BridgeRequestSchema = z.object({ id: z.number().int(), channel: z.string(), payload: z.unknown().optional() });
const PackageJson = z.looseObject({ version: z.string() });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AdminError(400, `Bad admin request: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid body'}`);
}

const RESOURCES_TRAY = join(ROOT, 'resources/tray');
const PANEL_DIR = dirname(fileURLToPath(import.meta.url));

/** The renderer's page with the bridge, and the tray panel laid out beside the 420 px app. */
function hostPage(indexHtml: string): string {
  return indexHtml
    .replace('</head>', `  <script src="${BRIDGE_PATH}"></script>\n    <link rel="stylesheet" href="${PANEL_STYLE_PATH}" />\n  </head>`)
    .replace('<body>', '<body data-host-layout>')
    .replace(
      '</body>',
      `  <aside id="host-tray-panel" aria-label="Tray (test host)"></aside>\n    <script src="${PANEL_SCRIPT_PATH}"></script>\n  </body>`,
    );
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) throw new RendererMissingError(rendererDir);
  const log = options.log ?? (() => {});
  const env = options.env ?? process.env;
  const envConnection = liveConnectionFromEnv(env);
  // The core runs on sandbox time (sandbox only), so elapsed times from sandbox timestamps stay
  // coherent; its timers are scaled alike. User-facing windows (Start's 3 s overwrite guard, the
  // 10 s confirmation) are scaled back up so they last as long for a person as in the app.
  const scale = envConnection ? 1 : (options.speed ?? 10);
  const { clock, timers } = scaledTime(scale);
  const bridge = await bundleBridge();

  const defaultDownloadDir = (): string => join(ROOT, 'test-results/downloads');
  // Set from the core's callbacks; read by the admin and the TestHost getters.
  const live: { sandbox: Sandbox | null; registrar: MemoryHotkeyRegistrar | null; windowShown: number } = { sandbox: null, registrar: null, windowShown: 0 };
  const platform = process.platform;
  const settings = new MemorySettingsStore({ platform, now: () => clock.now() });
  const library = await createLibraryHost({ settings, log });
  const notifier = new RecordingNotifier();
  const vault = new MemoryVault(options.keyStorage ?? 'os');
  const events = createEventHub();
  const core = await createCore({
    app: { name: 'Recall Remote', version: await appVersion(), platform },
    clock,
    timers,
    wallClock: systemClock,
    events,
    settings,
    vault,
    envConnection,
    createClient: (c, tuning) => library.wrapClient(new RecallClient({ apiKey: c.apiKey, baseUrl: c.baseUrl, region: c.region, ...tuning })),
    startSandbox: async () => {
      const started = await startSandbox({ speed: scale, media: { width: 320, height: 180, fps: 10 }, ...(options.startMode && { startMode: options.startMode }) });
      live.sandbox = started;
      return {
        baseUrl: started.baseUrl,
        apiKey: started.apiKey,
        close: async () => {
          if (live.sandbox === started) live.sandbox = null;
          await started.close();
        },
      };
    },
    registerHotkeys: (target) => {
      live.registrar = new MemoryHotkeyRegistrar(target, platform);
      return live.registrar;
    },
    notifier,
    launchAtLogin: new MemoryLaunchAtLogin(),
    showWindow: () => {
      live.windowShown += 1;
    },
    library: library.ports,
    control: { armWindowMs: 3_000 * scale, confirmTimeoutMs: 10_000 * scale },
    ...(options.poll && { poll: options.poll }),
    log: (level, message) => log(`[core ${level}] ${message}`),
  });
  const hotkeys = live.registrar;
  if (!hotkeys) throw new Error('the core did not build its shortcut registrar');
  const requireSandbox = (): Sandbox => {
    if (!live.sandbox) throw new AdminError(403, 'The host admin only drives the embedded sandbox (the core runs against a live Recall now).');
    return live.sandbox;
  };
  const adminClient = (): RecallClient => {
    const running = requireSandbox();
    return new RecallClient({ apiKey: running.apiKey, baseUrl: running.baseUrl });
  };

  let origin = '';

  const sendFile = async (res: ServerResponse, file: string): Promise<void> => {
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
    res.end(await readFile(file));
  };

  const serveStatic = async (pathname: string, res: ServerResponse): Promise<void> => {
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, {
        'Content-Type': MIME['.html'] ?? 'text/html',
        // frame-ancestors only works as a header (the page's <meta> CSP cannot carry it).
        'Content-Security-Policy': "frame-ancestors 'none'",
        ...SECURITY_HEADERS,
      });
      // Read per request: a rebuilt renderer (new asset names) is picked up without a restart.
      res.end(hostPage(await readFile(indexPath, 'utf8')));
      return;
    }
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) {
      sendJson(res, 404, { error: `Not found: ${pathname}` });
      return;
    }
    await sendFile(res, file);
  };

  /** The tray panel's own files (never part of the renderer bundle) and the tray icons. */
  const servePanel = async (pathname: string, res: ServerResponse): Promise<boolean> => {
    if (pathname === PANEL_SCRIPT_PATH) {
      await sendFile(res, join(PANEL_DIR, 'tray-panel.js'));
      return true;
    }
    if (pathname === PANEL_STYLE_PATH) {
      await sendFile(res, join(PANEL_DIR, 'tray-panel.css'));
      return true;
    }
    if (pathname.startsWith(TRAY_ICON_PATH)) {
      const name = pathname.slice(TRAY_ICON_PATH.length);
      const match = /^([a-z-]+)(@2x)?\.png$/.exec(name);
      const iconId = match?.[1];
      if (!iconId || !TRAY_ICON_IDS.some((id) => id === iconId)) throw new AdminError(404, `No tray icon ${name}.`);
      await sendFile(res, join(RESOURCES_TRAY, name));
      return true;
    }
    return false;
  };

  /** Downloaded videos for the preview, served like Electron's recall-media:// protocol (same handler). */
  const serveMedia = async (method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers: Record<string, string> = {};
    if (typeof req.headers.range === 'string') headers.range = req.headers.range;
    const answer = await handlePreviewRequest(
      { url: mediaUrlFor(decodeURIComponent(pathname.slice(MEDIA_PATH.length))), method, headers },
      { downloadDir: settings.get().downloadDir ?? defaultDownloadDir(), fs: nodeLocalFs },
    );
    res.writeHead(answer.status, answer.headers);
    if (!answer.body) {
      res.end();
      return;
    }
    for await (const chunk of answer.body) res.write(chunk);
    res.end();
  };

  const admin = async (method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (method === 'GET' && (pathname === '/__host/' || pathname === '/__host')) {
      sendJson(res, 200, {
        info: await core.dispatch('app:getInfo', undefined),
        endpoints: {
          'GET /__host/health': 'liveness',
          'GET /__host/info': 'mode and sandbox base URL',
          'POST /__host/bots': '{ name?, meetingUrl?, manual?, metadata? } → creates a sandbox bot',
          'POST /__host/bots/{id}/end': '{ subCode? } → the host ends the sandbox meeting',
          'POST /__host/dispatch': '{ channel, payload? } → the core’s Result, as the renderer would get it',
          'POST /__host/hotkey/{action}': 'presses a global shortcut (toggle-pause, pause, resume, start, stop, show-window) → its outcome',
          'POST /__host/hotkeys/simulate-in-use': '{ accelerator } → another app takes that shortcut → the shortcuts view',
          'POST /__host/hotkeys/release': '{ accelerator } → the other app lets it go → the shortcuts view',
          'GET /__host/tray': 'the current tray model',
          'POST /__host/tray/click': '{ id } → clicks a tray menu item',
          'GET /__host/notifications': 'system notifications the app would have shown, and window requests',
          'POST /__host/faults': 'sandbox FaultConfig fields → set (sandbox only)',
          'DELETE /__host/faults': 'clears every sandbox fault',
          'GET /__host/requests': 'the sandbox request log (method, path, idempotency key, status)',
          'POST /__host/vault': '{ keyStorage: os | basic_text | unavailable } → how the OS would protect a saved key from now on',
          'POST /__host/library/seed': '{ count, name? } → a synthetic ended bot with that many finished recordings → { id }',
          'GET /__host/library/shell': 'files the library opened / showed in their folder',
          'GET /__host/library/dir': 'the download folder',
          'GET /__host/downloads': 'the files in the download folder (name, bytes)',
          'POST /__host/power/{lock-screen|unlock-screen|suspend|resume}': 'the OS reports a power event (as Electron’s powerMonitor) → the automation view and tray',
          'POST /__host/action/{pause|resume|start|stop|toggle-pause}': '{ confirm? } → runs it like a forwarded `--action` → its reply',
          'GET /__media/file/{name}': 'a downloaded video, as recall-media://file/{name} serves it in the app',
        },
      });
      return;
    }
    if (method === 'GET' && pathname === '/__host/health') return sendJson(res, 200, { ok: true });
    if (method === 'GET' && pathname === '/__host/info') {
      const info = await core.dispatch('app:getInfo', undefined);
      return sendJson(res, 200, { mode: info.ok ? info.value.mode : null, url: `${origin}/`, sandboxBaseUrl: live.sandbox?.baseUrl ?? null });
    }
    if (method === 'POST' && pathname === '/__host/dispatch') {
      const body = parseBody(DispatchBody, await readJson(req));
      return sendJson(res, 200, await core.dispatch(body.channel, body.payload));
    }
    const hotkey = /^\/__host\/hotkey\/([^/]+)$/.exec(pathname);
    if (method === 'POST' && hotkey?.[1]) return sendJson(res, 200, await core.pressHotkey(decodeURIComponent(hotkey[1])));
    if (method === 'POST' && pathname === '/__host/hotkeys/simulate-in-use') {
      hotkeys.simulateInUse(parseBody(AcceleratorBody, await readJson(req)).accelerator);
      return sendJson(res, 200, core.reapplyHotkeys());
    }
    if (method === 'POST' && pathname === '/__host/hotkeys/release') {
      hotkeys.releaseElsewhere(parseBody(AcceleratorBody, await readJson(req)).accelerator);
      return sendJson(res, 200, core.reapplyHotkeys());
    }
    if (method === 'GET' && pathname === '/__host/tray') return sendJson(res, 200, trayModelView(core.tray.current()));
    if (method === 'POST' && pathname === '/__host/tray/click') {
      const { id } = parseBody(TrayClickBody, await readJson(req));
      const command = parseTrayMenuId(id);
      if (!command) throw new AdminError(400, `"${id}" is not a clickable tray item.`);
      if (command.kind === 'press' || command.kind === 'select-bot') await core.trayAction(command);
      else if (command.kind === 'open-window' || command.kind === 'settings') live.windowShown += 1;
      return sendJson(res, 200, { command, tray: trayModelView(core.tray.current()) });
    }
    if (method === 'GET' && pathname === '/__host/notifications') return sendJson(res, 200, { notifications: notifier.shown, windowShown: live.windowShown });
    if (method === 'POST' && pathname === '/__host/faults') {
      const running = requireSandbox();
      running.faults.set(parseBody(faultUpdateSchema, await readJson(req)));
      return sendJson(res, 200, running.faults.get());
    }
    if (method === 'DELETE' && pathname === '/__host/faults') {
      requireSandbox().faults.reset();
      return sendJson(res, 200, requireSandbox().faults.get());
    }
    if (method === 'GET' && pathname === '/__host/requests') return sendJson(res, 200, requireSandbox().requestLog());
    if (method === 'POST' && pathname === '/__host/vault') {
      vault.setAvailability(parseBody(VaultBody, await readJson(req)).keyStorage);
      return sendJson(res, 200, await core.dispatch('connection:get', undefined));
    }
    if (method === 'POST' && pathname === '/__host/bots') {
      const body = parseBody(CreateBotBody, await readJson(req));
      const input: CreateBotInput = {
        meeting_url: body.meetingUrl ?? 'https://us02web.zoom.us/j/84512345678?pwd=sandbox',
        bot_name: body.name ?? 'Sandbox bot',
        ...(body.manual === true && { recording_config: null }),
        metadata: { sandbox_join_seconds: '2', ...body.metadata },
      };
      const bot = await adminClient().createBot(input);
      return sendJson(res, 201, { id: bot.id, name: bot.bot_name ?? null });
    }
    const end = /^\/__host\/bots\/([^/]+)\/end$/.exec(pathname);
    if (method === 'POST' && end?.[1]) {
      const body = parseBody(EndCallBody, await readJson(req));
      requireSandbox().endCall(decodeURIComponent(end[1]), body.subCode);
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && pathname === '/__host/downloads') {
      const dir = settings.get().downloadDir ?? (await library.ports.defaultDownloadDir());
      const names = (await readdir(dir).catch(() => [])).filter((name) => !name.startsWith('.'));
      const files = await Promise.all(names.sort().map(async (name) => ({ name, bytes: (await stat(join(dir, name))).size })));
      return sendJson(res, 200, { dir, files });
    }
    const power = /^\/__host\/power\/([^/]+)$/.exec(pathname);
    if (method === 'POST' && power?.[1]) {
      const event = decodeURIComponent(power[1]);
      if (!isPowerEvent(event)) throw new AdminError(400, `"${event}" is not a power event: use lock-screen, unlock-screen, suspend or resume.`);
      await core.handlePowerEvent(event);
      return sendJson(res, 200, { automation: await core.dispatch('automation:get', undefined), tray: trayModelView(core.tray.current()) });
    }
    const forwarded = /^\/__host\/action\/([^/]+)$/.exec(pathname);
    if (method === 'POST' && forwarded?.[1]) {
      const action = decodeURIComponent(forwarded[1]);
      if (!isRemoteAction(action)) throw new AdminError(400, `"${action}" is not an --action: use pause, resume, start, stop or toggle-pause.`);
      const { confirm } = parseBody(ActionBody, await readJson(req));
      return sendJson(res, 200, await core.routeAction({ action, confirm: confirm ?? false }));
    }
    throw new AdminError(404, `No admin endpoint ${method} ${pathname}.`);
  };

  const route = async (method: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (pathname === BRIDGE_PATH) {
      res.writeHead(200, { 'Content-Type': MIME['.js'] ?? 'text/javascript', ...SECURITY_HEADERS });
      res.end(bridge);
      return;
    }
    if (method === 'GET' && (await servePanel(pathname, res))) return;
    if ((method === 'GET' || method === 'HEAD') && pathname.startsWith(MEDIA_PATH)) return serveMedia(method, pathname, req, res);
    if (await library.route(method, pathname, req, res)) return;
    if (pathname.startsWith('/__host')) return admin(method, pathname, req, res);
    if (method === 'GET' || method === 'HEAD') return serveStatic(pathname, res);
    throw new AdminError(405, `${method} is not served here.`);
  };

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const { pathname } = new URL(req.url ?? '/', 'http://host.invalid');
    route(method, pathname, req, res).catch((error: unknown) => {
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
  const broadcast = (message: HostMessage): void => {
    const text = JSON.stringify(message);
    for (const client of clients) if (client.readyState === client.OPEN) client.send(text);
  };
  const unsubscribe = EVENT_NAMES.map((event) => events.on(event, (payload) => broadcast({ kind: 'event', event, payload })));

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the test host has no TCP address'));
      else resolvePort(address.port);
    });
  });
  origin = `http://127.0.0.1:${port}`;
  log(`[host] serving ${rendererDir} at ${origin}/ (${live.sandbox ? `sandbox ${live.sandbox.baseUrl}, speed ${scale}` : 'live'})`);

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/`,
    get mode() {
      return live.sandbox ? 'sandbox' : 'live';
    },
    core,
    get sandbox() {
      return live.sandbox;
    },
    settings,
    hotkeys,
    notifier,
    get windowShown() {
      return live.windowShown;
    },
    close() {
      closing ??= (async () => {
        for (const off of unsubscribe) off();
        for (const client of clients) client.terminate();
        await new Promise<void>((done) => wss.close(() => done()));
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await core.close();
        await library.close();
      })();
      return closing;
    },
  };
}

async function appVersion(): Promise<string> {
  return PackageJson.parse(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))).version;
}
