// Validation of a user-entered custom API base URL: http(s) only, and plain http only towards
// this machine (the sandbox, a local proxy) so an API key never crosses a network unencrypted.
import { normalizeBaseUrl } from '../recall';

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

/** `localhost`, `*.localhost` (RFC 6761), 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkCustomBaseUrl(input: string): BaseUrlCheck {
  if (input.trim() === '') return { ok: false, message: 'The custom API base URL is empty — enter one (e.g. https://proxy.example.com) or pick a region' };
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(input);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const url = new URL(baseUrl);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: `Plain http is only allowed for this computer (localhost, 127.0.0.1) — use https://${url.host}${url.pathname === '/' ? '' : url.pathname}` };
  }
  return { ok: true, baseUrl };
}
