// The request pipeline shared by every sandbox route: WAF → auth → routing → rate limits →
// idempotency → latency/error faults → handler; plus the media host and the request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdminDeps, handleAdmin } from './admin';
import { ApiError } from './api-error';
import { matchRoute, type Route } from './api-routes';
import { checkAuthorization } from './auth';
import type { Clock } from './clock';
import { RATE_LIMITS } from './endpoint-class';
import { faultResponse, throttledResponse } from './fault-responses';
import type { FaultController } from './faults';
import { BodyTooLargeError, declaresBody, jsonResponse, readBody, writeResponse, type ApiResponse } from './http-io';
import type { IdempotencyStore } from './idempotency';
import { MEDIA_PREFIX } from './media-signing';
import { serveMedia, type MediaServerDeps } from './media-server';
import type { SlidingWindowRateLimiter } from './rate-limiter';
import { mentionsLocalhostUrl, wafBlockPage } from './waf';

export interface RequestLogEntry {
  method: string;
  path: string;
  idempotencyKey?: string;
  status: number;
  /** Sandbox time (epoch ms) when the response was sent. */
  at: number;
  /** Set when the response was an idempotent replay (the action was not applied again). */
  replayed?: true;
}

export interface PipelineDeps {
  apiKey: string;
  routes: readonly Route[];
  admin: AdminDeps;
  faults: FaultController;
  limiter: SlidingWindowRateLimiter;
  idempotency: IdempotencyStore;
  media: MediaServerDeps;
  clock: Clock;
  /** Applies retention before each API request. */
  sweep(): void;
  record(entry: RequestLogEntry): void;
  log(line: string): void;
}

const IDEMPOTENT_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function wallSleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

type Outcome = { response: ApiResponse; idempotencyKey?: string; replayed?: true };

function parseJsonBody(req: IncomingMessage, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new ApiError(415, { detail: `Unsupported media type "${type}" in request.` });
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ApiError(400, { detail: `JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}` });
  }
}

export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { faults, clock } = deps;

  async function apiRequest(req: IncomingMessage, method: string, url: URL, raw: string): Promise<Outcome> {
    const matched = matchRoute(deps.routes, method, stripTrailingSlash(url.pathname));
    if (matched instanceof ApiError) return { response: matched.response };
    const { route, params } = matched;
    deps.sweep();

    const burst = faults.takeRateLimitBurst();
    if (burst !== null) return { response: throttledResponse(burst) };
    if (route.cls !== 'media') {
      const decision = deps.limiter.take(route.op, RATE_LIMITS[route.cls]);
      if (!decision.allowed) return { response: throttledResponse(Math.max(1, Math.ceil(clock.toWallMs(decision.retryAfterSandboxMs) / 1000))) };
    }

    const header = req.headers['idempotency-key'];
    const key = IDEMPOTENT_METHODS.has(method) && typeof header === 'string' && header !== '' ? header : undefined;
    const idemPath = stripTrailingSlash(url.pathname);
    if (key !== undefined) {
      const decision = deps.idempotency.begin(key, method, idemPath);
      if (decision.kind === 'conflict') {
        return {
          idempotencyKey: key,
          response: jsonResponse(409, { code: 'idempotency_conflict', detail: 'A request with this Idempotency-Key is still being processed.' }),
        };
      }
      if (decision.kind === 'replay') {
        return { idempotencyKey: key, replayed: true, response: { ...decision.response, headers: { ...decision.response.headers, 'idempotent-replayed': 'true' } } };
      }
    }
    try {
      await wallSleep(faults.latencyFor(route.cls));
      const failure = faults.takeFailure(route.cls);
      const retryAfter = faults.get().retryAfterSeconds;
      if (failure !== null && !failure.afterApply) {
        const response = faultResponse(failure.status, retryAfter);
        // A 507 comes from Recall's application (bot pool), so it is replayed for its key like any response.
        if (key !== undefined) {
          if (failure.status === 507) deps.idempotency.complete(key, method, idemPath, response);
          else deps.idempotency.abandon(key, method, idemPath);
        }
        return { response, ...(key === undefined ? {} : { idempotencyKey: key }) };
      }
      let response: ApiResponse;
      try {
        const body = parseJsonBody(req, raw);
        response = route.handle({ method, path: stripTrailingSlash(url.pathname), query: url.searchParams, params, body });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        response = error.response;
      }
      if (key !== undefined) deps.idempotency.complete(key, method, idemPath, response);
      if (failure !== null) return { response: faultResponse(failure.status, retryAfter), ...(key === undefined ? {} : { idempotencyKey: key }) };
      return { response, ...(key === undefined ? {} : { idempotencyKey: key }) };
    } catch (error) {
      if (key !== undefined) deps.idempotency.abandon(key, method, idemPath);
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<Outcome | { status: number }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname.startsWith(MEDIA_PREFIX)) {
      await wallSleep(faults.latencyFor('media'));
      return { status: await serveMedia(req, res, url, deps.media) };
    }
    let raw: string;
    try {
      raw = (await readBody(req)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { response: jsonResponse(413, { detail: 'Request body too large.' }) };
      throw error;
    }
    const isApi = url.pathname.startsWith('/api/');
    if (isApi && (method === 'GET' || method === 'HEAD') && (declaresBody(req) || raw !== '')) return { response: wafBlockPage() };
    if (isApi && mentionsLocalhostUrl(raw)) return { response: wafBlockPage() };
    const denied = checkAuthorization(req.headers.authorization, deps.apiKey);
    if (denied !== null) return { response: denied };
    if (url.pathname.startsWith('/_sandbox/')) {
      try {
        return { response: handleAdmin(method, stripTrailingSlash(url.pathname), parseJsonBody(req, raw), deps.admin) };
      } catch (error) {
        if (error instanceof ApiError) return { response: error.response };
        throw error;
      }
    }
    return apiRequest(req, method, url, raw);
  }

  return (req, res) => {
    const began = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
    const finish = (status: number, extra: { idempotencyKey?: string; replayed?: true } = {}): void => {
      deps.record({ method, path, status, at: clock.now(), ...extra });
      deps.log(`${method} ${path} ${status} ${Date.now() - began}ms${extra.replayed === true ? ' (replayed)' : ''}`);
    };
    handle(req, res)
      .then((outcome) => {
        if ('status' in outcome) return finish(outcome.status);
        if (!res.headersSent && !res.destroyed) writeResponse(res, outcome.response, method === 'HEAD');
        finish(outcome.response.status, {
          ...(outcome.idempotencyKey === undefined ? {} : { idempotencyKey: outcome.idempotencyKey }),
          ...(outcome.replayed === true ? { replayed: true as const } : {}),
        });
      })
      .catch((error: unknown) => {
        deps.log(`internal error on ${method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent && !res.destroyed) writeResponse(res, jsonResponse(500, { detail: 'A server error occurred.' }));
        else res.destroy();
        finish(500);
      });
  };
}
