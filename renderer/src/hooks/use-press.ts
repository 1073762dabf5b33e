// Presses from this window: sends them to the core and keeps the last outcome for the status
// line (confirmed and refused fade after a while; a failure stays until the next press).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { PressAction, PressOutcome } from '../../../electron/contract/types';
import { thrownError } from './loadable';

export interface ShownOutcome {
  outcome: PressOutcome;
  /** Increments per outcome: a repeated identical message is still announced. */
  serial: number;
}

export interface PressHook {
  press(action: PressAction, confirm?: boolean): Promise<PressOutcome>;
  /** Shows an outcome decided in the window (a disabled button's reason). */
  show(outcome: PressOutcome): void;
  last: ShownOutcome | null;
  /** Presses from this window still waiting for the core's answer. */
  inFlight: number;
}

const FADE_MS: Record<PressOutcome['kind'], number | null> = { confirmed: 5_000, refused: 8_000, armed: null, failed: null };

export function usePress(api: RecallRemoteApi): PressHook {
  const [last, setLast] = useState<ShownOutcome | null>(null);
  const [inFlight, setInFlight] = useState(0);
  const serial = useRef(0);
  const fade = useRef(0);

  const show = useCallback((outcome: PressOutcome) => {
    window.clearTimeout(fade.current);
    const shown = { outcome, serial: ++serial.current };
    setLast(shown);
    const after = FADE_MS[outcome.kind];
    if (after !== null) fade.current = window.setTimeout(() => setLast((current) => (current === shown ? null : current)), after);
  }, []);

  const press = useCallback(
    async (action: PressAction, confirm?: boolean): Promise<PressOutcome> => {
      window.clearTimeout(fade.current);
      setLast(null);
      setInFlight((n) => n + 1);
      let outcome: PressOutcome;
      try {
        const result = await api.press(action, confirm);
        outcome = result.ok ? result.value : { kind: 'failed', action, error: result.error };
      } catch (error) {
        outcome = { kind: 'failed', action, error: thrownError(error) };
      } finally {
        setInFlight((n) => n - 1);
      }
      show(outcome);
      return outcome;
    },
    [api, show],
  );

  useEffect(() => () => window.clearTimeout(fade.current), []);

  return { press, show, last, inFlight };
}
