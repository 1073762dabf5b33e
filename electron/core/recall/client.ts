// RecallClient: the HTTP calls the product makes to Recall (recall-api.md §2, §4–§6, §8),
// with transport rules (auth, trailing slashes, no body on GET), bounded retries that honour
// Retry-After, per-attempt timeouts, caller cancellation and idempotency keys on POST.
import type { z } from 'zod';
import {
  RecallError,
  errorFromNetwork,
  errorFromResponse,
  isTransientNetworkCode,
  summarizeHtml,
  truncate,
  type RequestContext,
} from './errors';
import { DEFAULT_REGION, normalizeBaseUrl, regionBaseUrl, type RecallRegion } from './regions';
import {
  BotSchema,
  CreateBotInputSchema,
  ListBotsQuerySchema,
  PaginatedBotListSchema,
  RecordingConfigInputSchema,
  RecordingSchema,
  VideoMixedSchema,
  type Bot,
  type CreateBotInput,
  type ListBotsQuery,
  type PaginatedBotList,
  type Recording,
  type RecordingConfigInput,
  type VideoMixed,
} from './schemas';
import { abortedError, realSleep, sleepUnlessAborted, throwIfAborted, type Sleep } from './timing';

export interface RetryInfo {
  /** The attempt that failed, 1-based. */
  attempt: number;
  delayMs: number;
  error: RecallError;
}

export interface RecallClientOptions {
  apiKey: string;
  /** Custom base (sandbox, proxy); otherwise the region's host. */
  baseUrl?: string;
  /** Default 'us-west-2' when no baseUrl. */
  region?: RecallRegion;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  /** Per attempt, default 15000. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 4. */
  maxRetries?: number;
  onRetry?: (info: RetryInfo) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** One key per logical action; reused across retries (except after a 507). */
  idempotencyKey?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RETRIES = 4;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
const RATE_LIMIT_BASE_MS = 2_000;
/** Recall asks for a retry "every ~30 s" when the ad-hoc pool is empty (recall-api.md §8.1). */
const POOL_EXHAUSTED_DEFAULT_MS = 30_000;
/** Longer waits are surfaced to the user (with retryAfterMs) instead of blocking the action. */
const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

interface RequestSpec<T> {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  schema: z.ZodType<T>;
  resource?: string;
}

function validationError(what: string, issues: z.core.$ZodIssue[]): RecallError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'non_field_errors';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
  return new RecallError({ kind: 'validation', message: `Invalid ${what}: ${truncate(summary, 200)}`, fieldErrors });
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function requireId(kind: string, id: string): string {
  const trimmed = id.trim();
  if (!trimmed) throw new RecallError({ kind: 'validation', message: `The ${kind} id is empty` });
  return encodeURIComponent(trimmed);
}

export class RecallClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;

  constructor(opts: RecallClientOptions) {
    const apiKey = opts.apiKey.trim();
    if (!apiKey) throw new RecallError({ kind: 'auth', message: 'No Recall API key is configured' });
    if (/[\r\n\0]/.test(apiKey)) {
      throw new RecallError({ kind: 'auth', message: 'The API key contains line breaks or control characters; paste it again' });
    }
    this.apiKey = apiKey;
    this.baseUrl = opts.baseUrl !== undefined ? normalizeBaseUrl(opts.baseUrl) : regionBaseUrl(opts.region ?? DEFAULT_REGION);
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = Math.max(0, opts.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.onRetry = opts.onRetry;
  }

  async createBot(input: CreateBotInput, o: CallOptions = {}): Promise<Bot> {
    const parsed = CreateBotInputSchema.safeParse(input);
    if (!parsed.success) throw validationError('bot settings', parsed.error.issues);
    return this.send({ method: 'POST', url: this.url('/api/v1/bot/'), body: parsed.data, schema: BotSchema, resource: 'new bot' }, o);
  }

  /** Every bot matching `query`, following the absolute `next` links page by page. */
  async *listBots(query: ListBotsQuery = {}, o: CallOptions = {}): AsyncGenerator<Bot> {
    const parsed = ListBotsQuerySchema.safeParse(query);
    if (!parsed.success) throw validationError('bot list filter', parsed.error.issues);
    let url: string | null = this.url('/api/v1/bot/', listQuery(parsed.data));
    const visited = new Set<string>();
    while (url !== null) {
      visited.add(url);
      const page: PaginatedBotList = await this.send({ method: 'GET', url, schema: PaginatedBotListSchema }, o);
      for (const bot of page.results) yield bot;
      url = page.next === null ? null : this.followNext(page.next, visited);
    }
  }

  async getBot(botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.send({ method: 'GET', url: this.url(`/api/v1/bot/${requireId('bot', botId)}/`), schema: BotSchema, resource: `bot ${botId}` }, o);
  }

  async leaveCall(botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.command(botId, 'leave_call', undefined, o);
  }

  async pauseRecording(botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.command(botId, 'pause_recording', undefined, o);
  }

  async resumeRecording(botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.command(botId, 'resume_recording', undefined, o);
  }

  /** `config` is sent FLAT as the body; omitted fields take the endpoint's defaults (§5.3). */
  async startRecording(botId: string, config?: RecordingConfigInput, o: CallOptions = {}): Promise<Bot> {
    if (config === undefined) return this.command(botId, 'start_recording', undefined, o);
    const parsed = RecordingConfigInputSchema.safeParse(config);
    if (!parsed.success) throw validationError('recording settings', parsed.error.issues);
    return this.command(botId, 'start_recording', parsed.data, o);
  }

  async stopRecording(botId: string, o: CallOptions = {}): Promise<Bot> {
    return this.command(botId, 'stop_recording', undefined, o);
  }

  async getRecording(recordingId: string, o: CallOptions = {}): Promise<Recording> {
    return this.send(
      { method: 'GET', url: this.url(`/api/v1/recording/${requireId('recording', recordingId)}/`), schema: RecordingSchema, resource: `recording ${recordingId}` },
      o,
    );
  }

  async getVideoMixed(videoMixedId: string, o: CallOptions = {}): Promise<VideoMixed> {
    return this.send(
      { method: 'GET', url: this.url(`/api/v1/video_mixed/${requireId('mixed video', videoMixedId)}/`), schema: VideoMixedSchema, resource: `mixed video ${videoMixedId}` },
      o,
    );
  }

  private async command(botId: string, action: string, body: unknown, o: CallOptions): Promise<Bot> {
    const url = this.url(`/api/v1/bot/${requireId('bot', botId)}/${action}/`);
    return this.send({ method: 'POST', url, body, schema: BotSchema, resource: `bot ${botId}` }, o);
  }

  private url(path: string, query?: URLSearchParams): string {
    const qs = query?.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /** `next` links are followed verbatim, but never to another origin: that would leak the key. */
  private followNext(next: string, visited: Set<string>): string {
    const base = new URL(this.baseUrl);
    let target: URL;
    try {
      target = new URL(next, `${this.baseUrl}/`);
    } catch {
      throw new RecallError({ kind: 'invalid_response', message: `Recall's bot list has an invalid next-page link: ${truncate(next, 100)}` });
    }
    // A proxy-terminated TLS deployment may advertise http:// links for its https:// host.
    if (target.protocol === 'http:' && base.protocol === 'https:' && target.host === base.host) target.protocol = 'https:';
    if (target.origin !== base.origin) {
      throw new RecallError({
        kind: 'invalid_response',
        message: `Recall's bot list points to another host (${target.host}) for the next page; refusing to send the API key there`,
      });
    }
    if (visited.has(target.href)) {
      throw new RecallError({ kind: 'invalid_response', message: `Recall's bot list links back to a page already read (${truncate(target.pathname + target.search, 100)})` });
    }
    return target.href;
  }

  private async send<T>(spec: RequestSpec<T>, o: CallOptions): Promise<T> {
    throwIfAborted(o.signal);
    let idempotencyKey = spec.method === 'POST' ? (o.idempotencyKey ?? crypto.randomUUID()) : undefined;
    for (let attempt = 1; ; attempt++) {
      let error: RecallError;
      try {
        return await this.attempt(spec, idempotencyKey, o);
      } catch (caught) {
        if (!(caught instanceof RecallError)) throw caught;
        error = caught;
      }
      const delayMs = attempt <= this.maxRetries ? this.retryDelay(error, attempt) : undefined;
      if (delayMs === undefined) throw error;
      // A 507 is replayed for the same key (recall-api.md §8.5): the retry needs a fresh one.
      if (error.kind === 'pool_exhausted' && idempotencyKey !== undefined) idempotencyKey = crypto.randomUUID();
      this.onRetry?.({ attempt, delayMs, error });
      await sleepUnlessAborted(this.sleep, delayMs, o.signal);
    }
  }

  private retryDelay(error: RecallError, attempt: number): number | undefined {
    const honoured = (ms: number): number | undefined => (ms <= MAX_HONOURED_RETRY_AFTER_MS ? ms : undefined);
    switch (error.kind) {
      case 'rate_limited':
        return error.retryAfterMs !== undefined ? honoured(error.retryAfterMs) : this.backoff(attempt, RATE_LIMIT_BASE_MS);
      case 'pool_exhausted':
        return honoured(error.retryAfterMs ?? POOL_EXHAUSTED_DEFAULT_MS);
      case 'conflict':
      case 'timeout':
        return this.backoff(attempt, BACKOFF_BASE_MS);
      case 'server':
        if (error.status !== 502 && error.status !== 503 && error.status !== 504) return undefined;
        return error.retryAfterMs !== undefined ? honoured(error.retryAfterMs) : this.backoff(attempt, BACKOFF_BASE_MS);
      case 'network':
        return isTransientNetworkCode(error.code) ? this.backoff(attempt, BACKOFF_BASE_MS) : undefined;
      default:
        return undefined;
    }
  }

  /** Exponential backoff with jitter in [½, 1] of the step, so clients do not retry in lockstep. */
  private backoff(attempt: number, baseMs: number): number {
    const step = Math.min(BACKOFF_CAP_MS, baseMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + (step / 2) * this.random());
  }

  private async attempt<T>(spec: RequestSpec<T>, idempotencyKey: string | undefined, o: CallOptions): Promise<T> {
    const target = new URL(spec.url);
    const ctx: RequestContext = {
      method: spec.method,
      path: target.pathname + target.search,
      host: target.host,
      ...(spec.resource !== undefined && { resource: spec.resource }),
    };
    const headers: Record<string, string> = { Authorization: `Token ${this.apiKey}`, Accept: 'application/json' };
    let body: string | undefined;
    if (spec.method !== 'GET' && spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['Content-Type'] = 'application/json';
    }
    if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;

    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout.signal]) : timeout.signal;
    let status: number;
    let contentType: string;
    let retryAfter: string | null;
    let bodyText: string;
    try {
      const res = await this.fetchImpl(spec.url, { method: spec.method, headers, ...(body !== undefined && { body }), signal });
      status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      retryAfter = res.headers.get('retry-after');
      bodyText = await res.text();
    } catch (err) {
      if (o.signal?.aborted) throw abortedError(err);
      if (timeout.signal.aborted) {
        throw new RecallError({
          kind: 'timeout',
          message: `Recall did not answer within ${formatSeconds(timeoutMs)} (${ctx.method} ${ctx.path})`,
          cause: err,
        });
      }
      throw errorFromNetwork(err, ctx);
    } finally {
      clearTimeout(timer);
    }

    if (status < 200 || status >= 300) throw errorFromResponse({ status, contentType, bodyText, retryAfter }, ctx, this.now());
    return parseBody(spec, ctx, status, contentType, bodyText);
  }
}

function parseBody<T>(spec: RequestSpec<T>, ctx: RequestContext, status: number, contentType: string, bodyText: string): T {
  let json: unknown;
  try {
    json = JSON.parse(bodyText) as unknown;
  } catch {
    // A login or proxy page answering 200 is named by its title, never quoted as raw HTML.
    const html = /html/i.test(contentType) || /^\s*<(!doctype|html|head|body)/i.test(bodyText);
    const shown = html ? `an HTML page ("${summarizeHtml(bodyText)}")` : bodyText.trim() ? `"${truncate(bodyText, 80)}"` : 'an empty body';
    throw new RecallError({
      kind: 'invalid_response',
      status,
      message: `Recall answered ${ctx.method} ${ctx.path} with ${shown} (${contentType || 'no content type'}) instead of JSON`,
    });
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    throw new RecallError({
      kind: 'invalid_response',
      status,
      message: `Recall's answer to ${ctx.method} ${ctx.path} has an unexpected shape: ${truncate(describeIssues(parsed.error.issues), 200)}`,
    });
  }
  return parsed.data;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function listQuery(query: z.output<typeof ListBotsQuerySchema>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.page !== undefined) params.set('page', String(query.page));
  for (const status of query.status ?? []) params.append('status', status);
  for (const platform of query.platform ?? []) params.append('platform', platform);
  if (query.join_at_after !== undefined) params.set('join_at_after', query.join_at_after);
  if (query.join_at_before !== undefined) params.set('join_at_before', query.join_at_before);
  if (query.meeting_url !== undefined) params.set('meeting_url', query.meeting_url);
  for (const [key, value] of Object.entries(query.metadata ?? {})) params.append(`metadata__${key}`, value);
  return params;
}
