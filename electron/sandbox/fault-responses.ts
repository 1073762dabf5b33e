// Bodies of injected failures, shaped like what each status looks like from Recall's edge:
// gateway errors are HTML pages, throttling and business errors are DRF JSON.
import { jsonResponse, type ApiResponse } from './http-io';

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function throttledResponse(retryAfterSeconds: number): ApiResponse {
  return jsonResponse(
    429,
    { detail: `Request was throttled. Expected available in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.` },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function faultResponse(status: number, retryAfterSeconds: number): ApiResponse {
  if (status === 429) return throttledResponse(retryAfterSeconds);
  if (status === 507) {
    return jsonResponse(
      507,
      { code: 'bot_pool_exhausted', detail: 'No ad-hoc bot is available right now (sandbox fault). Retry with a new Idempotency-Key.' },
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
  const reason = REASONS[status];
  if (reason !== undefined) {
    const body = `<html>\n<head><title>${status} ${reason}</title></head>\n<body>\n<center><h1>${status} ${reason}</h1></center>\n</body>\n</html>\n`;
    return { status, headers: { 'content-type': 'text/html' }, body };
  }
  return jsonResponse(status, { detail: `Sandbox injected error (HTTP ${status}).` });
}
