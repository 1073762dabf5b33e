// Projects the selected bot's controller snapshot into the renderer's SelectedBotState: the live
// header, the pending/queued/armed overlay, the recorded-time clock, and per-action availability
// decided by the controller's own rules — so a disabled button's reason is exactly what a press
// would answer.
import { decideAction, readRecordingClock } from '../control';
import type { ControllerSnapshot, ErrorInfo } from '../control';
import type { LiveRecordingState } from '../recall';
import type { ActionAvailability, BotState, ContractError, ControlAction, SelectedBotState } from '../../contract';
import { viewBot } from './bot-view';

export const NOT_LOADED = "Waiting for the bot's state…";

export interface StateContext {
  /** Core clock. */
  now: number;
  /** The renderer's clock (Date.now); `clockOffsetMs` = now − wallNow. */
  wallNow: number;
  /** Each action's global shortcut, formatted for the platform; null when none works. */
  hotkeys: Readonly<Record<ControlAction, string | null>>;
}

/** Whether pressing `action` would send something now, and if not, the controller's reason. */
export function availability(live: LiveRecordingState | null, action: ControlAction, hotkey: string | null): ActionAvailability {
  if (live === null) return { enabled: false, reason: NOT_LOADED, hotkey };
  const decision = decideAction(live, action);
  return decision.kind === 'refuse' ? { enabled: false, reason: decision.reason, hotkey } : { enabled: true, reason: null, hotkey };
}

function errorOf(info: ErrorInfo | null): ContractError | null {
  return info && { kind: info.kind, message: info.message };
}

export function selectedBotState(snapshot: ControllerSnapshot, ctx: StateContext): SelectedBotState {
  const view = snapshot.bot ? viewBot(snapshot.bot) : null;
  const clock = snapshot.recordingClock;
  const can = (action: ControlAction): ActionAvailability => availability(snapshot.live, action, ctx.hotkeys[action]);
  const actions: Record<ControlAction, ActionAvailability> = { pause: can('pause'), resume: can('resume'), start: can('start'), stop: can('stop'), leave: can('leave') };
  return {
    selected: true,
    botId: snapshot.botId,
    name: view?.name ?? null,
    platform: view?.platform ?? null,
    live: snapshot.live ?? 'unknown',
    status: view?.status ?? null,
    recording: view?.recording ?? null,
    endReason: view?.endReason ?? null,
    elapsedMs: readRecordingClock(clock, ctx.now),
    updatedAt: snapshot.lastRefreshAt === null ? null : new Date(snapshot.lastRefreshAt).toISOString(),
    lastError: errorOf(snapshot.refreshError),
    recordingClock: clock && { baseMs: clock.baseMs, runningSince: clock.runningSince },
    clockOffsetMs: ctx.now - ctx.wallNow,
    pending: snapshot.pending && { action: snapshot.pending.action, since: snapshot.pending.since, phase: snapshot.pending.phase },
    queued: [...snapshot.queued],
    armed: snapshot.armed && { action: snapshot.armed.action, until: snapshot.armed.until, message: snapshot.armed.message },
    actionError: errorOf(snapshot.lastError),
    actions,
  };
}

/**
 * What makes two states look different to a user. Left out: the fetch time, the clock offset
 * and the elapsed time, which move on every read; the recorded-time clock is compared by where
 * it points (its origin while running), not by when it was sampled.
 */
export function visibleKey(state: BotState): string {
  if (!state.selected) return JSON.stringify(state);
  const { updatedAt: _updatedAt, clockOffsetMs: _offset, elapsedMs: _elapsed, recordingClock, ...rest } = state;
  const clock = recordingClock && (recordingClock.runningSince === null ? { stoppedAt: recordingClock.baseMs } : { origin: recordingClock.runningSince - recordingClock.baseMs });
  return JSON.stringify({ ...rest, clock });
}
