// React hooks over `window.recallRemote`: app info, the live bot state (initial fetch plus
// `state:changed` pushes) and a clock that ticks only while something is counting.
import { useCallback, useEffect, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { ContractError } from '../../../electron/contract/result';
import type { AppInfo, BotState } from '../../../electron/contract/types';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ContractError };

export function useAppInfo(api: RecallRemoteApi): Loadable<AppInfo> {
  const [info, setInfo] = useState<Loadable<AppInfo>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api.getInfo().then(
      (result) => {
        if (live) setInfo(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live) setInfo({ status: 'error', error: { kind: 'internal', message: String(error) } });
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  return info;
}

export interface ReceivedState {
  state: BotState;
  /** `performance.now()` when it arrived: the base for ticking the elapsed time locally. */
  receivedAt: number;
}

export interface BotStateHook {
  current: Loadable<ReceivedState>;
  /** Feed a state obtained from a call (e.g. selectBot) without waiting for the push. */
  accept(state: BotState): void;
}

export function useBotState(api: RecallRemoteApi): BotStateHook {
  const [current, setCurrent] = useState<Loadable<ReceivedState>>({ status: 'loading' });
  const accept = useCallback((state: BotState) => {
    setCurrent({ status: 'ready', value: { state, receivedAt: performance.now() } });
  }, []);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const unsubscribe = api.onStateChanged((state) => {
      pushed = true;
      if (live) accept(state);
    });
    api.getState().then(
      (result) => {
        // A push that arrived meanwhile is at least as fresh as this answer.
        if (!live || pushed) return;
        if (result.ok) accept(result.value);
        else setCurrent({ status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live && !pushed) setCurrent({ status: 'error', error: { kind: 'internal', message: String(error) } });
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, accept]);

  return { current, accept };
}

/** `performance.now()`, refreshed a few times a second while `active` so seconds flip on time. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => setNow(performance.now()), 250);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}
