// The connection to Recall: read from the environment (RECALL_API_KEY, RECALL_API_BASE,
// RECALL_REGION — the same variables as the CLI) and summarised for the renderer without the key.
import { DEFAULT_REGION, isRecallRegion, normalizeBaseUrl, regionBaseUrl, REGIONS } from '../recall';
import type { ConnectionSummary } from '../../contract';
import type { Connection } from './deps';
import { CoreError } from './errors';

export type EnvLike = Readonly<Record<string, string | undefined>>;

/**
 * A live connection when RECALL_API_KEY is set (empty counts as unset), else null: the caller
 * then starts the embedded sandbox. Bad RECALL_API_BASE / RECALL_REGION values throw a
 * CoreError('invalid_request') naming the variable.
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

/** What a shell needs of a started sandbox: where it listens, its key, and how to stop it. */
export interface SandboxHandle {
  readonly baseUrl: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

export interface OpenedConnection<S extends SandboxHandle> {
  connection: Connection;
  /** The embedded sandbox when no API key was configured; the shell closes it on exit. */
  sandbox: S | null;
}

/** A configured key wins; otherwise the embedded sandbox starts and the app says "Sandbox". */
export async function openConnection<S extends SandboxHandle>(
  env: EnvLike,
  startSandbox: () => Promise<S>,
): Promise<OpenedConnection<S>> {
  const live = liveConnectionFromEnv(env);
  if (live) return { connection: live, sandbox: null };
  const sandbox = await startSandbox();
  return { connection: { mode: 'sandbox', apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl }, sandbox };
}
