// Maps anything a handler throws to the contract's serializable `{ kind, message }`.
// Recall and control errors keep their kind and their user-facing sentence; anything else is a
// bug of ours, reported as 'internal' without leaking internals beyond the message.
import { ControlError } from '../control';
import { RecallError } from '../recall';
import type { ContractError, ErrorKind } from '../../contract';

/** Thrown by core code for a failure the user caused or can fix. */
export class CoreError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'CoreError';
    this.kind = kind;
  }
}

export function toContractError(error: unknown): ContractError {
  if (error instanceof RecallError) {
    const kind: ErrorKind = error.kind;
    return { kind, message: error.message };
  }
  if (error instanceof CoreError) return { kind: error.kind, message: error.message };
  if (error instanceof ControlError) {
    const kind: ErrorKind = error.kind;
    return { kind, message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Recall Remote hit an unexpected error: ${detail}` };
}
