// The selected bot and its live state: selecting fetches the bot (the selection only changes
// once the bot is confirmed to exist), then a refresh loop keeps the state current and reports
// every visible change. A refresh failure keeps the last known state and records why.
import { liveRecordingState } from '../recall';
import type { Bot } from '../recall';
import type { BotState, ContractError } from '../../contract';
import type { BotReader, Clock, PollIntervals, Timers } from './deps';
import { viewBot } from './bot-view';
import { CoreError, toContractError } from './errors';

interface Selection {
  botId: string;
  bot: Bot | null;
  fetchedAt: number | null;
  lastError: ContractError | null;
}

export interface SelectedBotOptions {
  client: BotReader;
  clock: Clock;
  timers: Timers;
  intervals: PollIntervals;
  onChange(state: BotState): void;
}

export interface SelectedBot {
  snapshot(): BotState;
  /** Resolves with the new state; rejects (selection unchanged) when the bot cannot be fetched. */
  select(botId: string): Promise<BotState>;
  refresh(): Promise<void>;
  close(): void;
}

const ENDED = new Set(['ended', 'fatal']);

export function createSelectedBot(options: SelectedBotOptions): SelectedBot {
  const { client, clock, timers, intervals, onChange } = options;
  let selection: Selection | null = null;
  let cancelTimer: (() => void) | null = null;
  let inflight: AbortController | null = null;
  let lastEmitted = '';
  let closed = false;
  let selecting = 0;

  const snapshot = (): BotState => {
    if (!selection) return { selected: false };
    const view = selection.bot ? viewBot(selection.bot, clock.now()) : null;
    return {
      selected: true,
      botId: selection.botId,
      name: view?.name ?? null,
      platform: view?.platform ?? null,
      live: view?.live ?? 'unknown',
      status: view?.status ?? null,
      recording: view?.recording ?? null,
      endReason: view?.endReason ?? null,
      elapsedMs: view?.elapsedMs ?? 0,
      updatedAt: selection.fetchedAt === null ? null : new Date(selection.fetchedAt).toISOString(),
      lastError: selection.lastError,
    };
  };

  // `updatedAt` moves on every poll; only a change the user could see is worth an event.
  const publish = () => {
    const state = snapshot();
    const key = JSON.stringify(state.selected ? { ...state, updatedAt: null } : state);
    if (key === lastEmitted) return;
    lastEmitted = key;
    onChange(state);
  };

  const cancel = () => {
    cancelTimer?.();
    cancelTimer = null;
    inflight?.abort();
    inflight = null;
  };

  const schedule = () => {
    if (closed || !selection) return;
    cancelTimer?.();
    const idle = selection.lastError !== null || (selection.bot !== null && ENDED.has(liveRecordingState(selection.bot)));
    cancelTimer = timers.after(idle ? intervals.idleMs : intervals.activeMs, () => {
      cancelTimer = null;
      void refresh();
    });
  };

  const fetchBot = async (botId: string): Promise<{ bot: Bot } | { aborted: true }> => {
    const controller = new AbortController();
    inflight = controller;
    try {
      const bot = await client.getBot(botId, { signal: controller.signal });
      // A newer request replaced this one while it was in flight: its answer is stale.
      return controller.signal.aborted ? { aborted: true } : { bot };
    } catch (error) {
      if (controller.signal.aborted) return { aborted: true };
      throw error;
    } finally {
      if (inflight === controller) inflight = null;
    }
  };

  async function refresh(): Promise<void> {
    const current = selection;
    // A selection in flight decides the next state; it reschedules the loop itself.
    if (!current || closed || selecting > 0) return;
    cancel();
    try {
      const result = await fetchBot(current.botId);
      if ('aborted' in result || selection !== current) return;
      current.bot = result.bot;
      current.fetchedAt = clock.now();
      current.lastError = null;
    } catch (error) {
      if (selection !== current) return;
      current.lastError = toContractError(error);
    }
    publish();
    schedule();
  }

  async function select(botId: string): Promise<BotState> {
    cancel();
    selecting += 1;
    let result: { bot: Bot } | { aborted: true };
    try {
      result = await fetchBot(botId);
    } catch (error) {
      if (inflight === null) schedule();
      throw error;
    } finally {
      selecting -= 1;
    }
    if ('aborted' in result) throw new CoreError('aborted', 'Another bot was selected before this one finished loading.');
    selection = { botId, bot: result.bot, fetchedAt: clock.now(), lastError: null };
    publish();
    schedule();
    return snapshot();
  }

  return {
    snapshot,
    select,
    refresh,
    close() {
      closed = true;
      cancel();
    },
  };
}
