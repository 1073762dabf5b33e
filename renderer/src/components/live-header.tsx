// The live header (UI.md): a large state pill, the recorded time ticking locally, the bot's name
// and platform (or why it left), and a fixed-height line for the pending action or the last
// error with a retry. State changes are announced politely; the card never changes height.
import type { ContractError } from '../../../electron/contract/result';
import type { BotState, PressAction, SelectedBotState } from '../../../electron/contract/types';
import { ACTION_LABELS, endReasonPhrase, formatTime, LIVE_LABELS, platformLabel, statusPhrase } from '../lib/format';
import type { Loadable } from '../hooks/loadable';
import { LiveFooter, pendingText } from './live-footer';
import type { FooterError } from './live-footer';
import { RecordedTime } from './recorded-time';
import { StateIcon } from './state-icon';

const SETTLED = new Set(['ended', 'fatal']);

function statusLine(state: SelectedBotState): string {
  const parts = [platformLabel(state.platform)];
  if (SETTLED.has(state.live) && state.endReason) {
    parts.push(endReasonPhrase(state.endReason));
    const at = formatTime(state.status?.at ?? null);
    if (at) parts.push(at);
  } else if (state.status) {
    parts.push(statusPhrase(state.status.code, state.status.subCode));
    const at = formatTime(state.status.at);
    if (at) parts.push(SETTLED.has(state.live) ? at : `since ${at}`);
  }
  return parts.join(' · ');
}

/** What a screen reader hears when the state changes (one sentence, no timer noise). */
function announcement(state: SelectedBotState): string {
  const name = state.name ?? 'Bot';
  if (state.pending) return `${name}: ${pendingText(state.pending)}`;
  let text = `${name}: ${LIVE_LABELS[state.live]}`;
  if (SETTLED.has(state.live) && state.endReason) text += `. ${endReasonPhrase(state.endReason)}`;
  const error = state.actionError ?? state.lastError;
  if (error) text += `. ${error.message}`;
  return text;
}

export interface ActionRetry {
  action: PressAction | null;
  /** A failure of a press from this window the core has not reported (yet). */
  localError: ContractError | null;
  onRetry(action: PressAction): void;
}

interface LiveHeaderProps {
  current: Loadable<BotState>;
  refreshing: boolean;
  onRefresh(botId: string): void;
  retry: ActionRetry;
}

function footerError(state: SelectedBotState, refreshing: boolean, onRefresh: (id: string) => void, retry: ActionRetry): FooterError | null {
  const actionError = state.actionError ?? retry.localError;
  if (actionError) {
    const action = retry.action;
    return {
      error: actionError,
      lead: action ? `${ACTION_LABELS[action]} failed:` : null,
      retryName: action ? `Retry ${ACTION_LABELS[action]}` : 'Retry',
      retrying: false,
      onRetry: action && !SETTLED.has(state.live) ? () => retry.onRetry(action) : null,
    };
  }
  if (state.lastError) {
    return { error: state.lastError, lead: null, retryName: 'Retry reading the bot', retrying: refreshing, onRetry: () => onRefresh(state.botId) };
  }
  return null;
}

export function LiveHeader({ current, refreshing, onRefresh, retry }: LiveHeaderProps) {
  let body;
  let said = '';
  if (current.status === 'loading') {
    body = (
      <>
        <div className="live-top">
          <div className="pill pill-none">Loading…</div>
        </div>
        <p className="bot-name bot-name-empty">&nbsp;</p>
        <p className="bot-meta">&nbsp;</p>
        <LiveFooter />
      </>
    );
  } else if (current.status === 'error') {
    said = current.error.message;
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
        <LiveFooter error={{ error: current.error, lead: null, retryName: 'Retry', retrying: false, onRetry: null }} />
      </>
    );
  } else if (!current.value.selected) {
    said = 'No bot selected';
    body = (
      <>
        <div className="live-top">
          <div className="pill pill-none" data-testid="state-pill" data-live="none">
            <span>No bot selected</span>
          </div>
        </div>
        <p className="bot-name bot-name-empty">Pick a bot to follow</p>
        <p className="bot-meta">Paste a bot ID, pick a recent bot, or send one.</p>
        <LiveFooter />
      </>
    );
  } else {
    const state = current.value;
    const label = LIVE_LABELS[state.live];
    said = announcement(state);
    body = (
      <>
        <div className="live-top">
          <div className={`pill pill-${state.live}`} data-testid="state-pill" data-live={state.live}>
            <StateIcon live={state.live} warning={state.lastError !== null} size={22} />
            <span>{label}</span>
          </div>
          <RecordedTime state={state} />
        </div>
        <p className="bot-name" title={state.name ?? state.botId} data-testid="bot-name">
          {state.name ?? state.botId}
        </p>
        <p className="bot-meta" data-testid="bot-meta">
          {statusLine(state)}
        </p>
        <LiveFooter
          pending={state.pending}
          queued={state.queued}
          error={footerError(state, refreshing, onRefresh, retry)}
          updatedAt={state.updatedAt}
        />
      </>
    );
  }

  return (
    <section className="live" aria-labelledby="live-title" data-testid="live-header">
      <h2 id="live-title" className="visually-hidden">
        Live state
      </h2>
      {body}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {said}
      </p>
    </section>
  );
}
