// Whether the core's "press Start again to overwrite" arming is still live: it expires at
// `until` on the core's clock, so a timer hides it then without asking the core.
import { useEffect, useState } from 'react';
import type { SelectedBotState } from '../../../electron/contract/types';

export function useArmed(armed: SelectedBotState['armed'], clockOffsetMs: number): SelectedBotState['armed'] {
  const until = armed?.until ?? null;
  const [expired, setExpired] = useState<number | null>(null);
  useEffect(() => {
    if (until === null) return;
    const handle = window.setTimeout(() => setExpired(until), Math.max(0, until - (Date.now() + clockOffsetMs)));
    return () => window.clearTimeout(handle);
  }, [until, clockOffsetMs]);
  return armed !== null && expired !== armed.until ? armed : null;
}
