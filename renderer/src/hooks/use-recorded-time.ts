// Recorded time that ticks locally between state pushes: from the core's recording clock
// (`baseMs + (coreNow - runningSince)`, coreNow = Date.now() + clockOffsetMs), re-rendering only
// when the shown second flips — no polling of the core.
import { useEffect, useState } from 'react';
import type { SelectedBotState } from '../../../electron/contract/types';

type ClockInput = Pick<SelectedBotState, 'recordingClock' | 'clockOffsetMs' | 'elapsedMs'>;

export function recordedAt(state: ClockInput, wallNow: number): number {
  const clock = state.recordingClock;
  if (clock === null) return state.elapsedMs;
  if (clock.runningSince === null) return clock.baseMs;
  return clock.baseMs + Math.max(0, wallNow + state.clockOffsetMs - clock.runningSince);
}

export function useRecordedTime(state: ClockInput): number {
  const [wallNow, setWallNow] = useState(() => Date.now());
  const clock = state.recordingClock;
  const baseMs = clock?.baseMs ?? null;
  const runningSince = clock?.runningSince ?? null;
  const offset = state.clockOffsetMs;

  useEffect(() => {
    if (baseMs === null || runningSince === null) return;
    let handle = 0;
    const tick = () => {
      const now = Date.now();
      setWallNow(now);
      const shown = baseMs + Math.max(0, now + offset - runningSince);
      handle = window.setTimeout(tick, 1000 - (shown % 1000) + 10);
    };
    handle = window.setTimeout(tick, 0);
    return () => window.clearTimeout(handle);
  }, [baseMs, runningSince, offset]);

  return recordedAt(state, wallNow);
}
