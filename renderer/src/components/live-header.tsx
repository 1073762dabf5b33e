// The live header (UI.md): a large state pill, the elapsed recorded time ticking locally between
// updates, the bot's name and platform, and the last error in words with a retry.
import type { ContractError } from '../../../electron/contract/result';
import type { SelectedBotState } from '../../../electron/contract/types';
import { formatDuration, formatTime, LIVE_LABELS, platformLabel, spokenDuration, statusPhrase } from '../lib/format';
import type { Loadable, ReceivedState } from '../lib/use-remote';
import { useNow } from '../lib/use-remote';
import { StateIcon } from './state-icon';

interface LiveHeaderProps {
  current: Loadable<ReceivedState>;
  retrying: boolean;
  onRetry(botId: string): void;
}

const SETTLED = new Set(['ended', 'fatal']);

function statusLine(state: SelectedBotState): string {
  const parts = [platformLabel(state.platform)];
  if (state.status) {
    parts.push(statusPhrase(state.status.code, state.status.subCode ?? state.endReason));
    const at = formatTime(state.status.at);
    if (at) parts.push(SETTLED.has(state.live) ? at : `since ${at}`);
  }
  return parts.join(' · ');
}

function Elapsed({ value }: { value: ReceivedState & { state: SelectedBotState } }) {
  const { state, receivedAt } = value;
  const ticking = state.live === 'recording' && state.lastError === null;
  const now = useNow(ticking);
  const ms = state.elapsedMs + (ticking ? Math.max(0, now - receivedAt) : 0);
  const hasRecording = state.recording !== null;
  return (
    <div className="elapsed-box">
      <p className={`elapsed${hasRecording ? '' : ' elapsed-idle'}`} data-testid="elapsed">
        <span className="visually-hidden">Recorded time: {spokenDuration(ms)}</span>
        <span aria-hidden="true">{formatDuration(ms)}</span>
      </p>
      <p className="elapsed-caption" aria-hidden="true">
        {hasRecording ? 'recorded' : 'no recording yet'}
      </p>
    </div>
  );
}

interface FooterProps {
  error: ContractError | null;
  /** Shown when there is no error: when the state was last confirmed. */
  updatedAt?: string | null;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A fixed-height line: the last error with a retry, else when the state was last confirmed. */
function Footer({ error, updatedAt, onRetry, retrying }: FooterProps) {
  const updated = formatTime(updatedAt ?? null);
  return (
    <div className="live-footer">
      {!error && updated && <p className="updated">Updated {updated}</p>}
      {error && (
        <>
          <p className="error-text" title={error.message}>
            <span className="error-mark" aria-hidden="true">
              !
            </span>
            {error.message}
          </p>
          {onRetry && (
            <button type="button" className="button button-small" onClick={onRetry} disabled={retrying}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

export function LiveHeader({ current, retrying, onRetry }: LiveHeaderProps) {
  let body;
  let announcement = '';
  if (current.status === 'loading') {
    body = (
      <>
        <div className="live-top">
          <div className="pill pill-none">Loading…</div>
        </div>
        <p className="bot-name bot-name-empty">&nbsp;</p>
        <p className="bot-meta">&nbsp;</p>
        <Footer error={null} />
      </>
    );
  } else if (current.status === 'error') {
    announcement = current.error.message;
    body = (
      <>
        <div className="live-top">
          <div className="pill pill-unknown" data-testid="state-pill">
            <StateIcon live="unknown" warning />
            <span>No state</span>
          </div>
        </div>
        <p className="bot-name bot-name-empty">The live state could not be read</p>
        <p className="bot-meta">&nbsp;</p>
        <Footer error={current.error} />
      </>
    );
  } else if (!current.value.state.selected) {
    announcement = 'No bot selected';
    body = (
      <>
        <div className="live-top">
          <div className="pill pill-none" data-testid="state-pill" data-live="none">
            <span>No bot selected</span>
          </div>
        </div>
        <p className="bot-name bot-name-empty">Pick a bot to follow</p>
        <p className="bot-meta">Choose a recent bot or paste a bot ID below.</p>
        <Footer error={null} />
      </>
    );
  } else {
    const state = current.value.state;
    const value = { ...current.value, state };
    const label = LIVE_LABELS[state.live];
    announcement = `${state.name ?? 'Bot'}: ${label}${state.lastError ? `. ${state.lastError.message}` : ''}`;
    body = (
      <>
        <div className="live-top">
          <div className={`pill pill-${state.live}`} data-testid="state-pill" data-live={state.live}>
            <StateIcon live={state.live} warning={state.lastError !== null} size={22} />
            <span>{label}</span>
          </div>
          <Elapsed value={value} />
        </div>
        <p className="bot-name" title={state.name ?? state.botId} data-testid="bot-name">
          {state.name ?? state.botId}
        </p>
        <p className="bot-meta" data-testid="bot-meta">
          {statusLine(state)}
        </p>
        <Footer error={state.lastError} updatedAt={state.updatedAt} retrying={retrying} onRetry={() => onRetry(state.botId)} />
      </>
    );
  }

  return (
    <section className="live" aria-labelledby="live-title">
      <h2 id="live-title" className="visually-hidden">
        Live state
      </h2>
      {body}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </section>
  );
}
