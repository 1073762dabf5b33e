// Where the app talks to: a live connection from the environment (RECALL_API_KEY, RECALL_API_BASE,
// RECALL_REGION — the same variables as the CLI), the endpoint a `connection:set` request asks
// for, and the summary the renderer sees (never the key).
import { checkCustomBaseUrl } from '../settings';
import type { ConnectionSettings } from '../settings';
import { DEFAULT_REGION, isRecallRegion, normalizeBaseUrl, regionBaseUrl, REGIONS } from '../recall';
import type { RecallRegion } from '../recall';
import type { ConnectionSummary } from '../../contract';
import type { Connection } from './deps';
import { CoreError } from './errors';

export type EnvLike = Readonly<Record<string, string | undefined>>;

/**
 * A live connection when RECALL_API_KEY is set (empty counts as unset), else null. Bad
 * RECALL_API_BASE / RECALL_REGION values throw a CoreError('invalid_request') naming the variable.
 */
export function liveConnectionFromEnv(env: EnvLike): Connection | null {
  const apiKey = env.RECALL_API_KEY?.trim();
  if (!apiKey) return null;
  const base = env.RECALL_API_BASE?.trim();
  if (base) {
    try {
      return { mode: 'live', apiKey, baseUrl: normalizeBaseUrl(base) };
    } catch (error) {
      throw new CoreError('invalid_request', `RECALL_API_BASE: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const region = env.RECALL_REGION?.trim();
  if (!region) return { mode: 'live', apiKey, region: DEFAULT_REGION };
  if (!isRecallRegion(region)) {
    throw new CoreError('invalid_request', `RECALL_REGION "${region}" is not a Recall region (use one of ${REGIONS.join(', ')}).`);
  }
  return { mode: 'live', apiKey, region };
}

export function connectionSummary(connection: Connection): ConnectionSummary {
  if (connection.baseUrl) return { kind: 'custom', baseUrl: connection.baseUrl };
  const region = connection.region ?? DEFAULT_REGION;
  return { kind: 'region', region, baseUrl: regionBaseUrl(region) };
}

/** The endpoint of a live connection: a custom base URL wins; the region is kept for switching back. */
export interface LiveEndpoint {
  region: RecallRegion;
  customBaseUrl: string | null;
}

/**
 * The endpoint a `connection:set` request asks for, completed from the saved one (omitted =
 * unchanged; `customBaseUrl: null` or '' = back to the region). Throws CoreError('validation')
 * with checkCustomBaseUrl's message for an unusable URL.
 */
export function requestedEndpoint(request: { region?: RecallRegion | undefined; customBaseUrl?: string | null | undefined }, saved: ConnectionSettings): LiveEndpoint {
  const region = request.region ?? saved.region;
  const raw = request.customBaseUrl === undefined ? saved.customBaseUrl : request.customBaseUrl;
  if (raw === null || raw.trim() === '') return { region, customBaseUrl: null };
  const checked = checkCustomBaseUrl(raw);
  if (!checked.ok) throw new CoreError('validation', checked.message);
  return { region, customBaseUrl: checked.baseUrl };
}

export function liveConnection(apiKey: string, endpoint: LiveEndpoint): Connection {
  return endpoint.customBaseUrl === null
    ? { mode: 'live', apiKey, region: endpoint.region }
    : { mode: 'live', apiKey, baseUrl: endpoint.customBaseUrl };
}
