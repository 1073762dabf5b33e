// The typed failure of a recording action: Recall's own error kinds passed through with their
// message, plus the controller's — the new state never showed up, or the bot left meanwhile.
import { isRecallError } from '../recall';
import type { LiveRecordingState, RecallErrorKind } from '../recall';
import type { ControlAction } from './actions';

export type ControlErrorKind =
  | RecallErrorKind
  /** The request was accepted but the new state was not seen before the confirmation timeout. */
  | 'unconfirmed'
  /** The bot left the call (or failed) before the action was confirmed. */
  | 'bot_ended'
  /** A programming error or an unexpected exception; the message says what it was. */
  | 'internal';

export class ControlError extends Error {
  readonly kind: ControlErrorKind;
  readonly action: ControlAction | null;
  /** The last live state seen before giving up (for 'unconfirmed', what the bot still reported). */
  readonly lastSeen: LiveRecordingState | null;
  /** HTTP status when the failure came from Recall. */
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(init: {
    kind: ControlErrorKind;
    message: string;
    action: ControlAction | null;
    lastSeen?: LiveRecordingState | null;
    status?: number;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ControlError';
    this.kind = init.kind;
    this.action = init.action;
    this.lastSeen = init.lastSeen ?? null;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/** Wraps whatever a client call threw: a RecallError keeps its kind and its message. */
export function toControlError(err: unknown, action: ControlAction | null, lastSeen: LiveRecordingState | null): ControlError {
  if (err instanceof ControlError) return err;
  if (isRecallError(err)) {
    return new ControlError({
      kind: err.kind,
      message: err.message,
      action,
      lastSeen,
      ...(err.status !== undefined && { status: err.status }),
      ...(err.retryAfterMs !== undefined && { retryAfterMs: err.retryAfterMs }),
      cause: err,
    });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new ControlError({ kind: 'internal', message: `Unexpected failure: ${detail}`, action, lastSeen, cause: err });
}
