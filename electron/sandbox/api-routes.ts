// The Recall endpoints the sandbox implements (recall-api.md §2): route table, list filters and
// handlers that translate HTTP into bot-engine calls and serialized responses.
import { ApiError, fieldErrors, notFound } from './api-error';
import { validateCreateBot } from './bot-input';
import { BotEngine } from './bots';
import type { EndpointClass } from './endpoint-class';
import { emptyResponse, jsonResponse, type ApiResponse } from './http-io';
import { cursorPage, pageNumberPage } from './pagination';
import { normalizeRecordingConfig } from './recording-config';
import type { Recording, RecordingStore } from './recordings';
import type { Serializer } from './serialize';
import { parseIsoDateTime } from './time-format';

export interface RequestContext {
  method: string;
  /** Path without its trailing slash. */
  path: string;
  query: URLSearchParams;
  params: string[];
  body: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Operation name; each operation has its own rate-limit window. */
  op: string;
  cls: EndpointClass;
  handle(ctx: RequestContext): ApiResponse;
}

export interface ApiDeps {
  engine: BotEngine;
  store: RecordingStore;
  serializer: Serializer;
  clock: { now(): number };
  baseUrl: () => string;
}

const BOT_STATUSES = [
  'ready',
  'joining_call',
  'in_waiting_room',
  'in_call_not_recording',
  'recording_permission_allowed',
  'recording_permission_denied',
  'in_call_recording',
  'recording_done',
  'call_ended',
  'done',
  'fatal',
  'media_expired',
  'analysis_done',
  'analysis_failed',
];
const PLATFORMS = [
  'chime_sdk',
  'google_meet',
  'google_meet_media_api',
  'goto_meeting',
  'microsoft_teams',
  'microsoft_teams_live',
  'slack_authenticator',
  'slack_huddle_observer',
  'webex',
  'zoom',
  'zoom_rtms',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values of a repeatable filter (`?status=a&status=b` or `?status=a,b`), validated against `allowed`. */
function multi(query: URLSearchParams, name: string, allowed: readonly string[]): string[] | null {
  const values = query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return null;
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw fieldErrors({ [name]: [`Select a valid choice. ${bad} is not one of the available choices.`] });
  return values;
}

function dateFilter(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const t = parseIsoDateTime(raw);
  if (Number.isNaN(t)) throw fieldErrors({ [name]: ['Enter a valid date/time.'] });
  return t;
}

function uuidFilter(query: URLSearchParams, name: string): string | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  if (!UUID.test(raw)) throw fieldErrors({ [name]: ['Enter a valid UUID.'] });
  return raw.toLowerCase();
}

function choiceFilter(query: URLSearchParams, name: string, allowed: readonly string[]): string | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  if (!allowed.includes(raw)) throw fieldErrors({ [name]: [`Select a valid choice. ${raw} is not one of the available choices.`] });
  return raw;
}

export function apiRoutes(deps: ApiDeps): Route[] {
  const { engine, store, serializer } = deps;
  const botJson = (id: string): ApiResponse => {
    const bot = engine.get(id);
    return jsonResponse(200, serializer.bot(bot, engine.recordingsOf(bot)));
  };
  const idParam = (ctx: RequestContext): string => ctx.params[0] ?? '';
  const absolute = (path: string): string => `${deps.baseUrl()}${path}`;
  const recordingFilters = (ctx: RequestContext, statuses: readonly string[], statusOf: (r: Recording) => string): Recording[] => {
    const botId = uuidFilter(ctx.query, 'bot_id');
    const recordingId = uuidFilter(ctx.query, 'recording_id');
    const after = dateFilter(ctx.query, 'created_at_after');
    const before = dateFilter(ctx.query, 'created_at_before');
    const statusCode = choiceFilter(ctx.query, 'status_code', statuses);
    return store
      .all()
      .filter((r) => botId === null || r.botId === botId)
      .filter((r) => recordingId === null || r.id === recordingId)
      .filter((r) => after === null || r.createdAt >= after)
      .filter((r) => before === null || r.createdAt <= before)
      .filter((r) => statusCode === null || statusOf(r) === statusCode);
  };
  const command = (op: string, run: (id: string, ctx: RequestContext) => void): Route => ({
    method: 'POST',
    pattern: new RegExp(`^/api/v1/bot/([^/]+)/${op}$`),
    op: `bot.${op}`,
    cls: 'control',
    handle: (ctx) => {
      run(idParam(ctx), ctx);
      return botJson(idParam(ctx));
    },
  });

  return [
    {
      method: 'POST',
      pattern: /^\/api\/v1\/bot$/,
      op: 'bot.create',
      cls: 'create',
      handle: (ctx) => {
        const result = validateCreateBot(ctx.body, deps.clock.now());
        if (!result.ok) throw fieldErrors(result.errors);
        const bot = engine.create(result.input);
        return jsonResponse(201, serializer.bot(bot, []));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/bot$/,
      op: 'bot.list',
      cls: 'list',
      handle: (ctx) => {
        const statuses = multi(ctx.query, 'status', BOT_STATUSES);
        const platforms = multi(ctx.query, 'platform', PLATFORMS);
        const meetingUrl = ctx.query.get('meeting_url');
        const after = dateFilter(ctx.query, 'join_at_after');
        const before = dateFilter(ctx.query, 'join_at_before');
        const metadata = [...ctx.query.entries()]
          .filter(([k]) => k.startsWith('metadata__'))
          .map(([k, v]) => [k.slice('metadata__'.length), v] as const);
        const bots = engine
          .all()
          .filter((b) => statuses === null || statuses.includes(BotEngine.currentCode(b) ?? 'ready'))
          .filter((b) => platforms === null || platforms.includes(b.input.meetingUrl.platform))
          .filter((b) => meetingUrl === null || b.input.meetingUrlInput === meetingUrl)
          .filter((b) => after === null || (b.joinAt !== null && b.joinAt >= after))
          .filter((b) => before === null || (b.joinAt !== null && b.joinAt <= before))
          .filter((b) => metadata.every(([k, v]) => b.input.metadata[k] === v));
        const page = pageNumberPage(bots, ctx.query, absolute('/api/v1/bot/'));
        return jsonResponse(200, { ...page, results: page.results.map((b) => serializer.bot(b, engine.recordingsOf(b))) });
      },
    },
    { method: 'GET', pattern: /^\/api\/v1\/bot\/([^/]+)$/, op: 'bot.retrieve', cls: 'retrieve', handle: (ctx) => botJson(idParam(ctx)) },
    {
      method: 'DELETE',
      pattern: /^\/api\/v1\/bot\/([^/]+)$/,
      op: 'bot.destroy',
      cls: 'control',
      handle: (ctx) => {
        engine.delete(idParam(ctx));
        return emptyResponse(204);
      },
    },
    command('leave_call', (id) => engine.leave(id)),
    command('pause_recording', (id) => engine.pause(id)),
    command('resume_recording', (id) => engine.resume(id)),
    command('stop_recording', (id) => engine.stop(id)),
    command('start_recording', (id, ctx) => {
      engine.get(id);
      const result = normalizeRecordingConfig(ctx.body === null ? undefined : ctx.body);
      if (!result.ok) throw fieldErrors(result.errors);
      engine.start(id, result.config);
    }),
    {
      method: 'GET',
      pattern: /^\/api\/v1\/recording$/,
      op: 'recording.list',
      cls: 'artifact_list',
      handle: (ctx) => {
        const items = recordingFilters(ctx, ['processing', 'paused', 'done', 'failed'], (r) => r.status.code);
        const page = cursorPage(items, ctx.query, absolute('/api/v1/recording/'));
        return jsonResponse(200, { ...page, results: page.results.map((r) => serializer.recording(r, engine.find(r.botId))) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/recording\/([^/]+)$/,
      op: 'recording.retrieve',
      cls: 'artifact_retrieve',
      handle: (ctx) => {
        const recording = store.get(idParam(ctx));
        if (recording === undefined) throw notFound();
        return jsonResponse(200, serializer.recording(recording, engine.find(recording.botId)));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/video_mixed$/,
      op: 'video_mixed.list',
      cls: 'artifact_list',
      handle: (ctx) => {
        const items = recordingFilters(ctx, ['processing', 'done', 'failed'], (r) => r.artifacts.video_mixed?.status.code ?? '').filter(
          (r) => r.artifacts.video_mixed !== undefined,
        );
        const page = cursorPage(items, ctx.query, absolute('/api/v1/video_mixed/'));
        return jsonResponse(200, {
          ...page,
          results: page.results.flatMap((r) => (r.artifacts.video_mixed === undefined ? [] : [serializer.videoMixed(r, r.artifacts.video_mixed)])),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/video_mixed\/([^/]+)$/,
      op: 'video_mixed.retrieve',
      cls: 'artifact_retrieve',
      handle: (ctx) => {
        const id = idParam(ctx);
        const recording = store.all().find((r) => r.artifacts.video_mixed?.id === id);
        const artifact = recording?.artifacts.video_mixed;
        if (recording === undefined || artifact === undefined) throw notFound();
        return jsonResponse(200, serializer.videoMixed(recording, artifact));
      },
    },
  ];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the route for a request; a known path with another method is a 405. */
export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | ApiError {
  const lookup = method === 'HEAD' ? 'GET' : method;
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    if (route.method === lookup) return { route, params: match.slice(1).map(safeDecode) };
    allowed.push(route.method);
  }
  if (allowed.length === 0) return notFound();
  return new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow: [...allowed, 'OPTIONS'].join(', ') });
}
