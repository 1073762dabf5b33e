// Runs an action forwarded from `--action` in the running app exactly like a global shortcut (same
// controller, same notification) and turns its outcome into a serializable reply with the exit
// code the forwarding process ends with.
import { z } from 'zod';
import { systemClock } from '../control/clock';
import type { Clock } from '../control/clock';
import { HotkeyDispatcher } from '../hotkeys/dispatcher';
import type { DispatchTarget, HotkeyOutcome } from '../hotkeys/dispatcher';
import { REMOTE_ACTIONS } from './action-args';
import type { ActionRequest } from './action-args';

/** Exit codes of `--action` (0–3 as the recall-remote CLI). */
export const ACTION_EXIT = Object.freeze({
  /** The new state is confirmed by Recall. */
  ok: 0,
  /** Refused (nothing to do, or Start needs --confirm) or Recall answered with an error. */
  failed: 1,
  /** Bad `--action` value. */
  usage: 2,
  /** Network trouble, no confirmation in time, or the running app did not answer in time. */
  timeout: 3,
  /** The app runs but no bot is selected. */
  noBot: 4,
  /** Recall Remote is not running. */
  notRunning: 5,
});

export type ActionExitCode = (typeof ACTION_EXIT)[keyof typeof ACTION_EXIT];

/** Error kinds that mean "could not reach Recall / no answer in time" rather than "Recall said no". */
const TIMEOUT_KINDS: ReadonlySet<string> = new Set(['network', 'timeout', 'unconfirmed']);

export const REPLY_MESSAGE_MAX = 500;

/** The outcome sent back to the forwarding process: plain data, parsed again on arrival. */
export const ActionReplySchema = z.strictObject({
  /** Null when the running app could not read which action was meant. */
  action: z.enum(REMOTE_ACTIONS).nullable(),
  status: z.enum(['done', 'armed', 'refused', 'error']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  message: z.string().min(1).max(REPLY_MESSAGE_MAX),
  /** The error kind for status 'error' (a RecallErrorKind or controller kind). */
  kind: z.string().max(40).regex(/^[a-z_]+$/).optional(),
});
export type ActionReply = z.infer<typeof ActionReplySchema>;

export interface ActionRouterOptions {
  /** The selected bot's controller, or null when none is selected (same as the HotkeyDispatcher's). */
  target: () => DispatchTarget | null;
  /** The shortcut notifier: the user sees a forwarded action's outcome like a shortcut's. */
  notify: (outcome: HotkeyOutcome) => void;
  clock?: Clock;
  onNotifyError?: (error: unknown) => void;
}

export type ActionRouter = (request: ActionRequest) => Promise<ActionReply>;

function clip(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > REPLY_MESSAGE_MAX ? `${line.slice(0, REPLY_MESSAGE_MAX - 1)}…` : line || 'No details';
}

export function armedMessage(secondsLeft: number): string {
  const again = secondsLeft > 0 ? `, or run it again within ${secondsLeft} s,` : '';
  return `Start would overwrite the current recording — nothing was sent. Add --confirm${again} to overwrite it`;
}

/** The reply for a dispatcher outcome; `noBot` = the dispatcher found no bot selected. */
export function replyFor(action: ActionRequest['action'], outcome: HotkeyOutcome, noBot: boolean, now: number): ActionReply {
  switch (outcome.status) {
    case 'done':
      return { action, status: 'done', exitCode: ACTION_EXIT.ok, message: clip(outcome.message) };
    case 'armed':
      return { action, status: 'armed', exitCode: ACTION_EXIT.failed, message: armedMessage(Math.max(0, Math.floor((outcome.until - now) / 1000))) };
    case 'refused':
      return { action, status: 'refused', exitCode: noBot ? ACTION_EXIT.noBot : ACTION_EXIT.failed, message: clip(outcome.message) };
    case 'error': {
      const kind = /^[a-z_]{1,40}$/.test(outcome.kind) ? outcome.kind : 'internal';
      return { action, status: 'error', exitCode: TIMEOUT_KINDS.has(kind) ? ACTION_EXIT.timeout : ACTION_EXIT.failed, message: clip(outcome.message), kind };
    }
  }
}

/**
 * A router for forwarded actions. Each request goes through a HotkeyDispatcher (so it resolves,
 * never rejects, and notifies exactly once); `confirm` is passed to the controller's press, which
 * the shortcut path never does.
 */
export function createActionRouter(opts: ActionRouterOptions): ActionRouter {
  const clock = opts.clock ?? systemClock;
  return async (request) => {
    let noBot = false;
    const dispatcher = new HotkeyDispatcher({
      target: () => {
        const target = opts.target();
        if (!target) {
          noBot = true;
          return null;
        }
        return { press: (action, options) => target.press(action, { ...options, confirm: request.confirm }) };
      },
      // A forwarded action never shows the window; the dispatcher needs the hook for show-window only.
      showWindow: () => undefined,
      notify: opts.notify,
      clock,
      ...(opts.onNotifyError && { onNotifyError: opts.onNotifyError }),
    });
    const outcome = await dispatcher.dispatch(request.action);
    return ActionReplySchema.parse(replyFor(request.action, outcome, noBot, clock.now()));
  };
}
