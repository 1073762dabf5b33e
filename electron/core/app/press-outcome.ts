// A controller's ActionOutcome as the contract's PressOutcome: plain data, the error folded into
// `{ kind, message }`, the same sentences the tray, notifications and CLI show.
import type { ActionOutcome } from '../control';
import type { PressOutcome } from '../../contract';

export { NO_BOT_SELECTED } from '../hotkeys';

export function pressOutcome(outcome: ActionOutcome): PressOutcome {
  switch (outcome.status) {
    case 'confirmed':
      return { kind: 'confirmed', action: outcome.pressed, message: outcome.message };
    case 'refused':
      return { kind: 'refused', action: outcome.pressed, message: outcome.reason };
    case 'armed':
      return { kind: 'armed', action: 'start', message: outcome.message, until: outcome.until };
    case 'failed':
      return { kind: 'failed', action: outcome.pressed, error: { kind: outcome.error.kind, message: outcome.error.message } };
  }
}
