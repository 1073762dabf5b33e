// A clean export's failures as the contract's errors: each ExportError kind maps to the closest
// contract kind and keeps its specific sentence; anything else goes through the core's mapping.
import { ExportError, type ExportErrorKind } from '../../export';
import type { ContractError, ErrorKind } from '../../../contract';
import { toContractError } from '../errors';

const KINDS: Record<ExportErrorKind, ErrorKind> = {
  input_missing: 'not_found',
  input_unreadable: 'storage',
  input_invalid: 'validation',
  invalid_request: 'validation',
  transcript_invalid: 'invalid_response',
  output_unwritable: 'storage',
  disk_full: 'storage',
  disk: 'storage',
  ffmpeg_missing: 'internal',
  ffmpeg_failed: 'internal',
  verification_failed: 'internal',
  cancelled: 'aborted',
};

export const CANCELLED_MESSAGE = 'Clean export cancelled';

export function exportContractError(error: unknown, cancelled: boolean): ContractError {
  if (cancelled) return { kind: 'aborted', message: CANCELLED_MESSAGE };
  if (error instanceof ExportError) return { kind: KINDS[error.kind], message: error.message };
  return toContractError(error);
}
