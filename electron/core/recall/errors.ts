// The typed error of every Recall call and the mapping from HTTP answers and transport
// failures to it (recall-api.md §8). Each message is one specific, user-facing sentence.

export type RecallErrorKind =
  | 'auth'
  | 'payment'
  | 'blocked'
  | 'not_found'
  | 'method_not_allowed'
  | 'wrong_state'
  | 'validation'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'pool_exhausted'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_response';

export interface RecallErrorInit {
  kind: RecallErrorKind;
  message: string;
  status?: number;
  code?: string;
  detail?: string;
  fieldErrors?: Record<string, string[]>;
  retryAfterMs?: number;
  cause?: unknown;
}

export class RecallError extends Error {
  readonly kind: RecallErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterMs?: number;

  constructor(init: RecallErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RecallError';
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.fieldErrors !== undefined) this.fieldErrors = init.fieldErrors;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export function isRecallError(value: unknown): value is RecallError {
  return value instanceof RecallError;
}

const MAX_SNIPPET = 160;

/** One line, at most `max` characters, so a server's page never floods a message. */
export function truncate(text: string, max = MAX_SNIPPET): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/**
 * `Retry-After` as milliseconds: integer seconds (what Recall documents) or, defensively, an
 * HTTP-date. Returns undefined when absent or unparseable so the caller uses its default.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** What the request was about, for messages: "bot 1234", "recording 42". */
export interface RequestContext {
  method: string;
  /** Path and query as sent, e.g. /api/v1/bot/1234/pause_recording/ */
  path: string;
  host: string;
  resource?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  bodyText: string;
  retryAfter: string | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return undefined;
  return JSON.stringify(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Flattens a Django-REST-Framework validation body ({field: [msg]}, nested objects, or a bare
 * list) into `path → messages`. Returns undefined when the body is not of that shape.
 */
export function drfFieldErrors(body: unknown): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  const walk = (node: unknown, path: string): boolean => {
    if (Array.isArray(node)) {
      if (node.length > 0 && node.every((m) => typeof m === 'string')) {
        out[path || 'non_field_errors'] = node as string[];
        return true;
      }
      return node.length > 0 && node.every((item, i) => walk(item, `${path}[${i}]`) || isEmptyObject(item));
    }
    if (isObject(node)) {
      const entries = Object.entries(node);
      return entries.length > 0 && entries.every(([key, value]) => walk(value, path ? `${path}.${key}` : key));
    }
    return false;
  };
  if (isObject(body) && ('detail' in body || 'code' in body)) return undefined;
  return walk(body, '') ? out : undefined;
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

function formatFieldErrors(fields: Record<string, string[]>): string {
  return truncate(
    Object.entries(fields)
      .map(([field, messages]) => (field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`))
      .join('; '),
    240,
  );
}

/** Summarizes an HTML page (a WAF/CDN block) by its title or first heading — never raw HTML. */
export function summarizeHtml(html: string): string {
  const pick = (re: RegExp): string | undefined => {
    const match = re.exec(html);
    const text = match?.[1]?.replace(/<[^>]*>/g, ' ');
    return text && text.trim() ? decodeEntities(truncate(text, 80)) : undefined;
  };
  return pick(/<title[^>]*>([\s\S]*?)<\/title>/i) ?? pick(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/i) ?? 'an HTML error page';
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function looksLikeHtml(answer: HttpAnswer): boolean {
  return /html/i.test(answer.contentType) || /^\s*<(!doctype|html|head|body)/i.test(answer.bodyText);
}

function secondsText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} s`;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail ? `${sentence}: ${truncate(detail)}` : sentence;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const WRONG_STATE_MESSAGES: Record<string, string> = {
  cannot_command_completed_bot: 'The bot has already left the call or failed, so it no longer accepts commands',
  cannot_command_unstarted_bot: 'The bot has not joined the call yet, so it cannot take this command',
};

/** Maps a non-2xx answer to a RecallError (recall-api.md §8.1, §8.2). */
export function errorFromResponse(answer: HttpAnswer, ctx: RequestContext, nowMs: number): RecallError {
  const { status } = answer;
  const html = looksLikeHtml(answer);
  const body = html ? undefined : parseJson(answer.bodyText);
  const obj = isObject(body) ? body : undefined;
  const code = typeof obj?.code === 'string' ? obj.code : undefined;
  const detail = asText(obj?.detail) ?? (obj === undefined && !html && answer.bodyText.trim() ? truncate(answer.bodyText) : undefined);
  const retryAfterMs = parseRetryAfter(answer.retryAfter, nowMs);
  const base = { status, ...(code !== undefined && { code }), ...(detail !== undefined && { detail }) };
  const what = ctx.resource ? capitalize(ctx.resource) : `${ctx.method} ${ctx.path}`;

  switch (true) {
    case status === 400: {
      const fieldErrors = drfFieldErrors(body);
      if (fieldErrors) {
        return new RecallError({ ...base, kind: 'validation', fieldErrors, message: `Recall rejected the request: ${formatFieldErrors(fieldErrors)}` });
      }
      if (code !== undefined) {
        const known = WRONG_STATE_MESSAGES[code];
        const message = known
          ? `${known} (${code})`
          : `Not possible in the bot's current state: ${truncate(detail ?? code)} (${code})`;
        return new RecallError({ ...base, kind: 'wrong_state', message });
      }
      return new RecallError({ ...base, kind: 'validation', message: withDetail('Recall rejected the request (400)', detail) });
    }
    case status === 401:
      return new RecallError({
        ...base,
        kind: 'auth',
        message: `Recall rejected the API key (401${detail ? `: ${truncate(detail, 80)}` : ''}) — check the key and that it belongs to ${ctx.host}`,
      });
    case status === 402:
      return new RecallError({ ...base, kind: 'payment', message: withDetail('Recall refused the request: the account has insufficient credit (402)', detail) });
    case status === 403:
      if (html || obj === undefined) {
        return new RecallError({
          ...base,
          kind: 'blocked',
          message: `Recall's firewall blocked the request (403, ${html ? `"${summarizeHtml(answer.bodyText)}"` : 'no details'}) — ${ctx.method} ${ctx.path} was flagged`,
        });
      }
      return new RecallError({ ...base, kind: 'blocked', message: withDetail('Recall refused the request (403)', detail) });
    case status === 404:
      return new RecallError({
        ...base,
        kind: 'not_found',
        message: ctx.resource
          ? `${what} was not found (404) — check the id and that it belongs to ${ctx.host}`
          : `Not found (404): ${ctx.method} ${ctx.path}`,
      });
    case status === 405:
      return new RecallError({ ...base, kind: 'method_not_allowed', message: withDetail(`Recall does not allow ${ctx.method} ${ctx.path} (405)`, detail) });
    case status === 409:
      return new RecallError({ ...base, kind: 'conflict', message: withDetail('Recall reports a conflict (409): the same action is still in progress, try again shortly', detail) });
    case status === 429:
      return new RecallError({
        ...base,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        kind: 'rate_limited',
        message: `Recall's rate limit was reached (429) — try again${retryAfterMs !== undefined ? ` in ${secondsText(retryAfterMs)}` : ' shortly'}`,
      });
    case status === 507:
      return new RecallError({
        ...base,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        kind: 'pool_exhausted',
        message: `No bot is available in Recall's ad-hoc pool right now (507) — try again in ${secondsText(retryAfterMs ?? 30_000)}`,
      });
    case status >= 500:
      return new RecallError({
        ...base,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
        kind: 'server',
        message:
          status === 502 || status === 503 || status === 504
            ? `Recall is temporarily unavailable (${status}) — try again shortly`
            : withDetail(`Recall had an internal error (${status})`, html ? summarizeHtml(answer.bodyText) : detail),
      });
    default:
      return new RecallError({
        ...base,
        kind: 'validation',
        message: withDetail(`Recall rejected ${ctx.method} ${ctx.path} (${status})`, html ? summarizeHtml(answer.bodyText) : detail),
      });
  }
}

function errorCode(err: unknown): string | undefined {
  for (let current = err, depth = 0; isObject(current) || current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (depth > 4) break;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a fetch rejection (undici wraps the socket error in `cause`) to a 'network' error. */
export function errorFromNetwork(err: unknown, ctx: RequestContext): RecallError {
  const code = errorCode(err);
  const messages: Record<string, string> = {
    ENOTFOUND: `The host ${ctx.host} could not be resolved (DNS lookup failed) — check the API base URL or region and your internet connection`,
    EAI_AGAIN: `The host ${ctx.host} could not be resolved right now (temporary DNS failure) — check your internet connection`,
    ECONNREFUSED: `Connection to ${ctx.host} was refused — nothing is listening there; check the API base URL`,
    ECONNRESET: `The connection to ${ctx.host} was reset before Recall answered`,
    UND_ERR_SOCKET: `The connection to ${ctx.host} was closed before Recall answered`,
    EPIPE: `The connection to ${ctx.host} was closed while sending the request`,
    ETIMEDOUT: `Connecting to ${ctx.host} timed out — check your network`,
    UND_ERR_CONNECT_TIMEOUT: `Connecting to ${ctx.host} timed out — check your network`,
    ENETUNREACH: `The network is unreachable while contacting ${ctx.host} — check your connection`,
    EHOSTUNREACH: `The host ${ctx.host} is unreachable — check your connection`,
    CERT_HAS_EXPIRED: `The TLS certificate of ${ctx.host} has expired — refusing to send the API key`,
  };
  const fallback = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
  const message = (code && messages[code]) ?? `Network error while contacting ${ctx.host}: ${truncate(fallback, 120)}`;
  return new RecallError({ kind: 'network', message, ...(code !== undefined && { code }), cause: err });
}

/** Codes of transport failures worth retrying: the server may well answer on the next try. */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
