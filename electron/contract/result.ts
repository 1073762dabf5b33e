// The one shape every IPC response takes. Electron's structured clone drops custom error
// properties, so failures cross the boundary as data: `{ ok: false, error: { kind, message } }`.

// Failure classes of the Recall client (mirrors RecallErrorKind in electron/core/recall; the core
// maps one onto the other so the compiler flags any drift) plus the IPC layer's own.
export const ERROR_KINDS = [
  'auth',
  'payment',
  'blocked',
  'not_found',
  'method_not_allowed',
  'wrong_state',
  'validation',
  'conflict',
  'rate_limited',
  'server',
  'pool_exhausted',
  'network',
  'timeout',
  'aborted',
  'invalid_response',
  'invalid_request',
  'unknown_channel',
  'forbidden',
  'internal',
  'unconfirmed',
  'bot_ended',
  'storage',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ContractError {
  kind: ErrorKind;
  /** One specific, user-facing sentence. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ErrorKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}
