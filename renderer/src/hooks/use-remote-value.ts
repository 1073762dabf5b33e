// Reads one value from the core once, keeps it current from a push event when there is one, and
// lets callers store the fresher value a call returned (setHotkey → HotkeysView).
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../electron/contract/result';
import type { Loadable } from './loadable';
import { thrownError } from './loadable';

export interface RemoteValue<T> {
  current: Loadable<T>;
  accept(value: T): void;
  reload(): void;
}

/**
 * `load` and `subscribe` must be stable (module functions or memoized): a new identity reloads.
 * A push that arrives before the initial answer wins: it is at least as fresh.
 */
export function useRemoteValue<T>(load: () => Promise<Result<T>>, subscribe?: (listener: (value: T) => void) => () => void): RemoteValue<T> {
  const [current, setCurrent] = useState<Loadable<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const accept = useCallback((value: T) => setCurrent({ status: 'ready', value }), []);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const unsubscribe = subscribe?.((value) => {
      pushed = true;
      if (live) accept(value);
    });
    load().then(
      (result) => {
        if (!live || pushed) return;
        setCurrent(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
      },
      (error: unknown) => {
        if (live && !pushed) setCurrent({ status: 'error', error: thrownError(error) });
      },
    );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [load, subscribe, accept, generation]);

  return { current, accept, reload };
}
