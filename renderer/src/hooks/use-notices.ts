// Notices the core pushes (`app:notice`) plus the window's own: at most three at a time, the
// oldest dropped first; info and warnings leave by themselves, errors stay until dismissed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { Notice } from '../../../electron/contract/types';

export interface ShownNotice extends Notice {
  id: number;
}

export const MAX_NOTICES = 3;
const LIFETIME_MS: Record<Notice['level'], number | null> = { info: 6_000, warning: 12_000, error: null };

export interface NoticesHook {
  notices: ShownNotice[];
  push(notice: Notice): void;
  dismiss(id: number): void;
}

export function useNotices(api: RecallRemoteApi): NoticesHook {
  const [notices, setNotices] = useState<ShownNotice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
    setNotices((list) => list.filter((notice) => notice.id !== id));
  }, []);

  const push = useCallback(
    (notice: Notice) => {
      const id = nextId.current++;
      // The same sentence twice in a row (a repeated hotkey press) replaces the older copy.
      setNotices((list) => [...list.filter((n) => n.message !== notice.message), { ...notice, id }].slice(-MAX_NOTICES));
      const lifetime = LIFETIME_MS[notice.level];
      if (lifetime !== null) timers.current.set(id, window.setTimeout(() => dismiss(id), lifetime));
    },
    [dismiss],
  );

  useEffect(() => api.onNotice(push), [api, push]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { notices, push, dismiss };
}
