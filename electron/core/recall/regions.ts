// Recall regions and base-URL resolution: the four documented deployments, or a custom
// base (the sandbox, a proxy) normalized so paths can be appended without double slashes.
import { truncate } from './errors';

export type RecallRegion = 'us-west-2' | 'us-east-1' | 'eu-central-1' | 'ap-northeast-1';

export const REGIONS: readonly RecallRegion[] = ['us-west-2', 'us-east-1', 'eu-central-1', 'ap-northeast-1'];

export const DEFAULT_REGION: RecallRegion = 'us-west-2';

export function isRecallRegion(value: string): value is RecallRegion {
  return (REGIONS as readonly string[]).includes(value);
}

export function regionBaseUrl(region: RecallRegion): string {
  return `https://${region}.recall.ai`;
}

/**
 * Validates a custom base URL and strips trailing slashes, so `base + '/api/v1/…'` is always
 * well formed. Throws a TypeError with a user-facing sentence when the URL is unusable.
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Quoted in one short line: the text may be anything pasted (2 KB of it, line breaks).
    throw new TypeError(`"${truncate(raw, 80)}" is not a valid URL (expected e.g. https://us-west-2.recall.ai)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`API base URL must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.search || url.hash) {
    throw new TypeError('API base URL must not contain a query string or fragment');
  }
  if (url.username || url.password) {
    throw new TypeError('API base URL must not contain credentials; pass the API key separately');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
