// Download and file failures as the contract's errors: each DownloadError kind maps to the
// closest contract kind and keeps its specific sentence; Recall and core errors pass through.
import { isDownloadError, type DownloadErrorKind } from '../../downloads';
import type { ErrorKind } from '../../../contract';
import { CoreError } from '../errors';

const KINDS: Record<DownloadErrorKind, ErrorKind> = {
  disk_full: 'storage',
  disk_quota: 'storage',
  disk_permission: 'storage',
  disk_read_only: 'storage',
  disk: 'storage',
  not_ready: 'wrong_state',
  not_found: 'not_found',
  expired: 'network',
  network: 'network',
  server: 'server',
  rate_limited: 'rate_limited',
  integrity: 'server',
  api: 'server',
  cancelled: 'aborted',
};

export function toLibraryError(error: unknown): unknown {
  if (isDownloadError(error)) return new CoreError(KINDS[error.kind], error.message);
  return error;
}

/** Runs `work`, rethrowing download failures as CoreErrors the dispatcher can report. */
export async function reported<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toLibraryError(error);
  }
}
