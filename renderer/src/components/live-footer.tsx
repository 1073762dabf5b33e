// The header's fixed-height bottom line, in priority order: the action in flight (spinner,
// "Pausing…", what is queued behind it), the last action's error with Retry, the refresh error
// with Retry, else when the state was last confirmed.
import type { ContractError } from '../../../electron/contract/result';
import type { PendingAction, PressAction } from '../../../electron/contract/types';
import { ACTION_LABELS, ACTION_PROGRESS, formatTime } from '../lib/format';
import { Spinner } from './icons';

const PHASES: Record<PendingAction['phase'], string> = {
  checking: 'checking the bot first',
  sending: 'sending to Recall',
  confirming: 'waiting for Recall to confirm',
};

export interface FooterError {
  error: ContractError;
  /** What failed, as a short lead-in ("Start failed:"); null for a refresh error. */
  lead: string | null;
  /** Accessible name of the Retry button ("Retry Pause"). */
  retryName: string;
  retrying: boolean;
  onRetry: (() => void) | null;
}

interface LiveFooterProps {
  pending?: PendingAction | null;
  queued?: readonly PressAction[];
  error?: FooterError | null;
  updatedAt?: string | null;
}

export function pendingText(pending: PendingAction): string {
  return `${ACTION_PROGRESS[pending.action]}…`;
}

export function LiveFooter({ pending = null, queued = [], error = null, updatedAt = null }: LiveFooterProps) {
  if (pending) {
    return (
      <div className="live-footer live-footer-pending" data-testid="pending" data-action={pending.action}>
        <Spinner />
        <p className="pending-text">
          <strong>{pendingText(pending)}</strong>
          <span className="pending-phase"> {PHASES[pending.phase]}</span>
          {queued.length > 0 && (
            <span className="pending-queue" data-testid="queued">
              {' '}
              · then {queued.map((action) => ACTION_LABELS[action]).join(', ')}
            </span>
          )}
        </p>
      </div>
    );
  }
  if (error) {
    return (
      <div className="live-footer" data-testid="live-error" data-kind={error.error.kind}>
        <p className="error-text" title={error.error.message}>
          <span className="error-mark" aria-hidden="true">
            !
          </span>
          {error.error.message}
        </p>
        {error.onRetry && (
          <button type="button" className="button button-small" aria-label={error.retryName} onClick={error.onRetry} disabled={error.retrying}>
            {error.retrying ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
    );
  }
  const updated = formatTime(updatedAt);
  return <div className="live-footer">{updated && <p className="updated">Updated {updated}</p>}</div>;
}
