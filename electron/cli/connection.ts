// The one place the CLI turns connection flags and environment into a RecallClient:
// --api-base URL | --region R, --api-key K, with RECALL_API_BASE / RECALL_REGION /
// RECALL_API_KEY as fallbacks. Every command that talks to Recall goes through here.
import {
  DEFAULT_REGION,
  REGIONS,
  RecallClient,
  isRecallRegion,
  normalizeBaseUrl,
  regionBaseUrl,
  type RecallClientOptions,
  type RecallRegion,
} from '../core/recall';
import { UsageError } from './errors';

export const CONNECTION_OPTIONS = {
  'api-base': { type: 'string' },
  region: { type: 'string' },
  'api-key': { type: 'string' },
} as const;

export interface ConnectionFlags {
  apiBase?: string | undefined;
  region?: string | undefined;
  apiKey?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedConnection {
  baseUrl: string;
  /** Set when the base came from a region rather than an explicit URL. */
  region?: RecallRegion;
  apiKey: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseRegion(value: string, from: string): RecallRegion {
  if (!isRecallRegion(value)) throw new UsageError(`Unknown region "${value}" (${from}); use one of ${REGIONS.join(', ')}`);
  return value;
}

function parseBase(value: string, from: string): string {
  try {
    return normalizeBaseUrl(value);
  } catch (err) {
    throw new UsageError(`${from}: ${(err as Error).message}`);
  }
}

/** Where to connect: flags win over the environment; an explicit URL wins over a region. */
export function resolveEndpoint(flags: ConnectionFlags, env: Env): { baseUrl: string; region?: RecallRegion } {
  const apiBase = nonEmpty(flags.apiBase);
  const region = nonEmpty(flags.region);
  if (apiBase && region) throw new UsageError('Pass either --api-base or --region, not both');
  if (apiBase) return { baseUrl: parseBase(apiBase, '--api-base') };
  if (region) {
    const r = parseRegion(region, '--region');
    return { baseUrl: regionBaseUrl(r), region: r };
  }
  const envBase = nonEmpty(env.RECALL_API_BASE);
  if (envBase) return { baseUrl: parseBase(envBase, 'RECALL_API_BASE') };
  const envRegion = nonEmpty(env.RECALL_REGION);
  const r = envRegion ? parseRegion(envRegion, 'RECALL_REGION') : DEFAULT_REGION;
  return { baseUrl: regionBaseUrl(r), region: r };
}

export function resolveConnection(flags: ConnectionFlags, env: Env): ResolvedConnection {
  const endpoint = resolveEndpoint(flags, env);
  const apiKey = nonEmpty(flags.apiKey) ?? nonEmpty(env.RECALL_API_KEY);
  if (!apiKey) throw new UsageError('No API key: pass --api-key K or set RECALL_API_KEY');
  return { ...endpoint, apiKey };
}

export type ClientOverrides = Omit<RecallClientOptions, 'apiKey' | 'baseUrl' | 'region'>;

export function createClient(flags: ConnectionFlags, env: Env, overrides: ClientOverrides = {}): RecallClient {
  const { baseUrl, apiKey } = resolveConnection(flags, env);
  return new RecallClient({ ...overrides, apiKey, baseUrl });
}
