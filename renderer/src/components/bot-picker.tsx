// Choosing the bot to follow: paste an ID (or any text holding one), pick from the recent bots
// the API lists, or send a new bot to a meeting. Every attempt ends in the new state or a
// specific error under the control.
import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { ContractError } from '../../../electron/contract/result';
import type { BotState, BotSummary, LiveState } from '../../../electron/contract/types';
import { LIVE_LABELS, platformLabel } from '../lib/format';
import type { Loadable } from '../hooks/loadable';
import { ChevronIcon } from './icons';
import { SendBotForm } from './send-bot-form';
import { StateIcon } from './state-icon';

/** The followed bot as the live header knows it (fresher than the list). */
export interface FollowedBot {
  botId: string;
  live: LiveState;
}

interface BotPickerProps {
  api: RecallRemoteApi;
  followed: FollowedBot | null;
  onSelected(state: BotState): void;
}

export function BotPicker({ api, followed, onSelected }: BotPickerProps) {
  const inputId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [pasteError, setPasteError] = useState<ContractError | null>(null);
  const [listError, setListError] = useState<ContractError | null>(null);
  const [bots, setBots] = useState<Loadable<BotSummary[]>>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [sending, setSending] = useState(false);
  const formId = useId();

  useEffect(() => {
    let live = true;
    api.listBots().then(
      (result) => {
        if (!live) return;
        setBots(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live) setBots({ status: 'error', error: { kind: 'internal', message: String(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [api, reloads]);

  const reload = useCallback(() => {
    setBots({ status: 'loading' });
    setReloads((n) => n + 1);
  }, []);

  const select = async (botId: string, source: 'paste' | 'list'): Promise<boolean> => {
    setPending(source === 'paste' ? 'paste' : botId);
    setPasteError(null);
    setListError(null);
    try {
      const result = await api.selectBot(botId);
      if (result.ok) {
        onSelected(result.value);
        return true;
      }
      if (result.error.kind !== 'aborted') (source === 'paste' ? setPasteError : setListError)(result.error);
      return false;
    } finally {
      setPending(null);
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await select(draft, 'paste')) setDraft('');
  };

  return (
    <section className="picker" aria-labelledby="picker-title">
      <h2 id="picker-title" className="section-title">
        Bot
      </h2>
      <form className="paste" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId} className="field-label">
          Bot ID
        </label>
        <div className="paste-row">
          <input
            id={inputId}
            className="input"
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste a bot ID or dashboard link"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={pasteError !== null}
            aria-describedby={errorId}
          />
          <button type="submit" className="button button-primary" disabled={pending !== null}>
            {pending === 'paste' ? 'Selecting…' : 'Select'}
          </button>
        </div>
        <p id={errorId} className="field-error" role={pasteError ? 'alert' : undefined}>
          {pasteError?.message ?? ''}
        </p>
      </form>

      <button
        type="button"
        className="disclosure"
        aria-expanded={sending}
        aria-controls={formId}
        onClick={() => setSending((open) => !open)}
      >
        <ChevronIcon open={sending} />
        Send a bot to a meeting
      </button>
      <div id={formId} hidden={!sending}>
        {sending && (
          <SendBotForm
            api={api}
            onCancel={() => setSending(false)}
            onSent={(state) => {
              setSending(false);
              onSelected(state);
              reload();
            }}
          />
        )}
      </div>

      <div className="recent-head">
        <h3 className="field-label">Recent bots</h3>
        <button type="button" className="button button-small" onClick={reload} disabled={bots.status === 'loading'}>
          Refresh
        </button>
      </div>
      {listError && (
        <p className="field-error" role="alert">
          {listError.message}
        </p>
      )}
      <RecentBots bots={bots} followed={followed} pending={pending} onPick={(id) => void select(id, 'list')} onRetry={reload} />
    </section>
  );
}

interface RecentBotsProps {
  bots: Loadable<BotSummary[]>;
  followed: FollowedBot | null;
  pending: string | null;
  onPick(botId: string): void;
  onRetry(): void;
}

function RecentBots({ bots, followed, pending, onPick, onRetry }: RecentBotsProps) {
  if (bots.status === 'loading') return <p className="list-note">Loading recent bots…</p>;
  if (bots.status === 'error') {
    return (
      <div className="list-note list-note-error">
        <p>{bots.error.message}</p>
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (bots.value.length === 0) {
    return <p className="list-note">No bots yet. Send a bot to a meeting, then refresh — or paste its ID above.</p>;
  }
  return (
    <ul className="bot-list" aria-label="Recent bots">
      {bots.value.map((bot) => {
        const current = bot.id === followed?.botId;
        const live = current && followed ? followed.live : bot.live;
        return (
          <li key={bot.id}>
            <button
              type="button"
              className={`bot-row${current ? ' bot-row-current' : ''}`}
              aria-current={current ? 'true' : undefined}
              aria-label={`${bot.name}, ${platformLabel(bot.platform)}, ${LIVE_LABELS[live]}${current ? ', selected' : ''}`}
              disabled={pending !== null}
              onClick={() => onPick(bot.id)}
            >
              <StateIcon live={live} size={16} />
              <span className="bot-row-name">{bot.name}</span>
              <span className="bot-row-meta">
                {pending === bot.id ? 'Loading…' : `${platformLabel(bot.platform)} · ${LIVE_LABELS[live]}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
