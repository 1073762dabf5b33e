// The Recall sandbox: a Recall-compatible HTTP API (bots, recording control, recordings,
// video_mixed) with real MP4 media behind pre-signed URLs, on one 127.0.0.1 port.
//
// Knobs (all optional; every duration below is SANDBOX time unless marked "wall"):
//   SandboxOptions
//     port            listen port on 127.0.0.1; default 0 (random).
//     apiKey          accepted key (`Authorization: Token <key>` or the bare key); default random `sandbox-…`.
//     speed           time scale: sandbox time = start + wall elapsed × speed; every lifecycle timer,
//                     rate-limit window, idempotency TTL, URL expiry and retention runs on it. Default 1.
//     startMode       Start Recording while a recording is active (recording or paused):
//                     'replace' (default) — the old recording is overwritten: it disappears from the bot's
//                       `recordings`, and GET /recording/{old}/ shows it with status `deleted`
//                       (sub_code `replaced_by_new_recording`) and no media;
//                     'keep' — the old recording is finished like Stop Recording and kept as its own entry.
//     urlTtlSeconds   lifetime of pre-signed media URLs; default 21600 (6 h).
//     media           {width, height, fps} of rendered MP4s; default 1280x720@30.
//     dataDir         where MP4s/transcripts (and the renderer cache) are written; default a temp dir
//                     that close() removes.
//     faults          initial FaultConfig (see below); log: receives one line per request/error.
//   FaultConfig (sandbox.faults.set/get/reset, PUT/GET/DELETE /_sandbox/faults, CLI flags), off by default:
//     latencyMs {create|list|retrieve|control|artifact_list|artifact_retrieve|media: wall ms}
//     errorRate 0..1 + errorStatuses [500,502,503] + errorClasses [] (empty = all API classes) + seed:
//                     seeded random failures before the action is applied (deterministic per seed).
//     rateLimitBurst N  the next N API requests get 429 with `Retry-After: retryAfterSeconds`.
//     failNext {count, status, afterApply?}  the next `count` API requests fail with `status`; with
//                     afterApply the action IS applied (and cached for its Idempotency-Key) but the
//                     client sees the error — the "response lost" case.
//     urlTtlSeconds   overrides the URL lifetime (short expiry).
//     truncateMediaAtBytes / truncateMediaAtFraction  media transfers are cut after N bytes / a fraction.
//     throttleMediaBps  media bodies are sent at most N bytes per wall second.
//   Per-bot knobs, as reserved `metadata` keys at creation:
//     sandbox_join_seconds (default 3)  joining_call → in call;
//     sandbox_waiting_room_seconds N    the bot sits `in_waiting_room` for N seconds first;
//     sandbox_fatal <sub_code>          the bot fails to join (`fatal` with that sub_code).
// Lifecycle: create → (1 s, or at join_at) joining_call → [in_waiting_room] → in_call_not_recording →
//   auto-record (unless recording_config is null or start_recording_on is "manual"; 0/1/2 s for
//   call_join/participant_join/participant_speak) → in_call_recording. Stopped recordings take at
//   least 3 s of processing and are `done` only once the MP4 exists. call_ended → done 1 s after
//   every recording of the bot is final.
// Retention: recording_config.retention {type:'timed',hours} (default 168) → expires_at = the moment
//   media became `done` + hours; afterwards status `deleted`, URLs null, files removed. {type:'forever'}
//   → expires_at null. null (zero data retention) → no media files at all.
// Lists: bots page-number (`?page=N`), recordings/video_mixed cursor (`?cursor=`); 10 per page,
//   `?page_size=N` (≤ 100) changes it; newest first.
// Rate limits per operation per sliding sandbox minute: create 120, list 60, bot retrieve and each
//   control 300, recording/video_mixed lists 60, their retrieves 300. Retry-After is given in wall
//   seconds (rounded up), since that is what an HTTP client sleeps on.
// Idempotency-Key (POST/PUT/PATCH): (key, method, path) replays the first response for 1 h; a
//   duplicate while the first is in flight gets 409. Injected 5xx faults (except 507) are not cached.
// Admin (needs the API key): GET|PUT|DELETE /_sandbox/faults, POST /_sandbox/bots/{id}/end_call
//   ({"sub_code"} optional, default call_ended_by_host), GET /_sandbox/state.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { apiRoutes } from './api-routes';
import { BotEngine, type StartMode } from './bots';
import { createSandboxClock } from './clock';
import { FaultController, type FaultConfig } from './faults';
import { IdempotencyStore } from './idempotency';
import { MediaRenderer, makeTranscript } from './media';
import { MediaProcessor } from './media-processing';
import { MediaUrlSigner } from './media-signing';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { RecordingStore } from './recordings';
import { Serializer } from './serialize';
import { createRequestHandler, type RequestLogEntry } from './server';

export type { FaultConfig, FailNext } from './faults';
export type { EndpointClass } from './endpoint-class';
export type { StartMode } from './bots';
export type { RequestLogEntry } from './server';

export interface SandboxOptions {
  port?: number;
  apiKey?: string;
  speed?: number;
  startMode?: StartMode;
  urlTtlSeconds?: number;
  media?: { width: number; height: number; fps: number };
  dataDir?: string;
  faults?: Partial<FaultConfig>;
  log?: (line: string) => void;
}

export interface Sandbox {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly faults: { set(f: Partial<FaultConfig>): void; reset(): void; get(): FaultConfig };
  endCall(botId: string, subCode?: string): void;
  mediaFile(recordingId: string): string | null;
  requestLog(): ReadonlyArray<RequestLogEntry>;
  close(): Promise<void>;
}

export const DEFAULT_URL_TTL_SECONDS = 21_600;
export const DEFAULT_MEDIA = { width: 1280, height: 720, fps: 30 } as const;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('sandbox server has no TCP address'));
      else resolve(address.port);
    });
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const urlTtlSeconds = opts.urlTtlSeconds ?? DEFAULT_URL_TTL_SECONDS;
  if (!(urlTtlSeconds > 0)) throw new RangeError(`urlTtlSeconds must be positive, got ${urlTtlSeconds}`);
  const media = opts.media ?? DEFAULT_MEDIA;
  const startMode = opts.startMode ?? 'replace';
  const apiKey = opts.apiKey ?? `sandbox-${randomBytes(18).toString('base64url')}`;
  const log = opts.log ?? (() => {});
  const clock = createSandboxClock({ speed: opts.speed ?? 1 });
  const faults = new FaultController(opts.faults ?? {});
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'recall-sandbox-')));

  let baseUrl = '';
  const signer = new MediaUrlSigner(() => baseUrl, () => clock.now());
  const renderer = new MediaRenderer({ cacheDir: join(dataDir, 'cache'), width: media.width, height: media.height, fps: media.fps, timeScale: clock.speed });
  const store = new RecordingStore((recording) => {
    void processor.removeFiles(recording);
  });
  const processor = new MediaProcessor({ store, clock, renderer, makeTranscript, mediaDir: join(dataDir, 'media'), log });
  const engine = new BotEngine({ clock, store, processor, startMode });
  const serializer = new Serializer((urlPath) => signer.sign(urlPath, faults.urlTtlOverride() ?? urlTtlSeconds));

  const mediaFile = (recordingId: string): string | null => {
    store.expireDue(clock.now());
    const artifact = store.get(recordingId)?.artifacts.video_mixed;
    const path = artifact?.status.code === 'done' ? artifact.file?.filePath : undefined;
    return path !== undefined && existsSync(path) ? path : null;
  };

  const requests: RequestLogEntry[] = [];
  const handler = createRequestHandler({
    apiKey,
    routes: apiRoutes({ engine, store, serializer, clock, baseUrl: () => baseUrl }),
    admin: {
      engine,
      serializer,
      faults,
      clock,
      mediaFile,
      settings: () => ({ start_mode: startMode, url_ttl_seconds: urlTtlSeconds, media }),
    },
    faults,
    limiter: new SlidingWindowRateLimiter(() => clock.now()),
    idempotency: new IdempotencyStore(() => clock.now()),
    media: {
      signer,
      faults,
      now: () => clock.now(),
      lookup: (urlPath) => {
        store.expireDue(clock.now());
        const found = store.byMediaPath(urlPath);
        if (found === undefined || found.artifact.status.code !== 'done' || found.artifact.file === null) return null;
        return existsSync(found.artifact.file.filePath) ? found.artifact.file : null;
      },
    },
    clock,
    sweep: () => store.expireDue(clock.now()),
    record: (entry) => requests.push(entry),
    log,
  });

  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, opts.port ?? 0);
  baseUrl = `http://127.0.0.1:${port}`;
  log(`sandbox listening on ${baseUrl} (speed ${clock.speed}, start mode ${startMode})`);

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    engine.dispose();
    clock.dispose();
    await processor.close();
    await renderer.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  return {
    baseUrl,
    apiKey,
    faults: {
      set: (f) => faults.set(f),
      reset: () => faults.reset(),
      get: () => faults.get(),
    },
    endCall: (botId, subCode) => {
      if (engine.find(botId) === undefined) throw new Error(`The sandbox has no bot ${botId}`);
      engine.hostEndsCall(botId, subCode);
    },
    mediaFile,
    requestLog: () => [...requests],
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
