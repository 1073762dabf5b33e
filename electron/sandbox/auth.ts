// API-key check: `Authorization: Token <key>` or the bare key, with Recall's 401 bodies.
import { timingSafeEqual } from 'node:crypto';
import { jsonResponse, type ApiResponse } from './http-io';

const CHALLENGE = { 'www-authenticate': 'Token' };

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns the 401 response to send, or null when the header carries the sandbox key. */
export function checkAuthorization(header: string | undefined, apiKey: string): ApiResponse | null {
  const value = header?.trim() ?? '';
  if (value === '') {
    return jsonResponse(401, { code: 'not_authenticated', detail: 'Authentication credentials were not provided.' }, CHALLENGE);
  }
  const match = /^Token\s+(.+)$/i.exec(value);
  const presented = (match?.[1] ?? value).trim();
  if (sameKey(presented, apiKey)) return null;
  return jsonResponse(401, { code: 'authentication_failed', detail: 'Invalid API token.' }, CHALLENGE);
}
