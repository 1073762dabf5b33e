// `pause`, `resume`, `start`, `stop`, `leave`: the app's own RecordingController runs the press,
// so the CLI decides, refuses, confirms and words everything exactly as the tray and the window
// do. Exit 0 only once a re-read of the bot confirms the new state; `start` while a recording
// runs overwrites it and needs --force (the app's second press / confirm).
import { OVERWRITES_RECORDING, RecordingController } from '../../core/control';
import type { ActionOutcome, ControlAction, ControlErrorKind } from '../../core/control';
import type { LiveRecordingState } from '../../core/recall';
import type { CommandContext, CommandSpec, OptionSpec } from '../command';
import { EXIT } from '../errors';
import { stateLabel } from '../format';
import { controlTime } from './control-time';

const DEFAULT_TIMEOUT_MS = 10_000;

const TIMEOUT_OPTION: OptionSpec = {
  type: 'string',
  value: 'S',
  description: `Seconds to wait for the new state to be confirmed (default ${DEFAULT_TIMEOUT_MS / 1000})`,
};

const SUMMARIES: Record<ControlAction, string> = {
  pause: 'Pause the recording (one file; the pause becomes black, silent video)',
  resume: 'Resume the paused recording',
  start: 'Start a new recording (refuses to overwrite a running one unless --force)',
  stop: 'Stop the recording; it becomes its own downloadable recording',
  leave: 'Make the bot leave the call (irreversible)',
};

/** Exit code of a failed action: no answer in time is a network problem; Ctrl-C is 130. */
function failureExit(kind: ControlErrorKind): number {
  if (kind === 'network' || kind === 'timeout') return EXIT.network;
  if (kind === 'aborted') return EXIT.interrupted;
  return EXIT.failure;
}

interface Report {
  ok: boolean;
  action: ControlAction;
  bot_id: string;
  outcome: 'confirmed' | 'refused' | 'unconfirmed' | 'failed';
  before: LiveRecordingState;
  state: LiveRecordingState;
  message: string;
  error_kind?: ControlErrorKind;
}

function finish(ctx: CommandContext, report: Report, exit: number): number {
  if (report.ok) {
    ctx.print([`${report.message} — confirmed: the bot is now ${stateLabel(report.state).toLowerCase()}`], report);
    return exit;
  }
  if (ctx.json) ctx.print([], report);
  ctx.io.stderr(`recall-remote: ${report.message}`);
  return exit;
}

function describe(outcome: ActionOutcome): { outcome: Report['outcome']; message: string; exit: number; kind?: ControlErrorKind } {
  switch (outcome.status) {
    case 'confirmed':
      return { outcome: 'confirmed', message: outcome.message, exit: EXIT.ok };
    case 'refused':
      return { outcome: 'refused', message: outcome.reason, exit: EXIT.failure };
    case 'armed':
      // Nothing was sent: here the confirming second press is --force.
      return { outcome: 'refused', message: `${OVERWRITES_RECORDING}; pass --force`, exit: EXIT.failure };
    case 'failed':
      return {
        outcome: outcome.error.kind === 'unconfirmed' ? 'unconfirmed' : 'failed',
        message: outcome.error.message,
        exit: failureExit(outcome.error.kind),
        kind: outcome.error.kind,
      };
  }
}

function controlCommand(action: ControlAction): CommandSpec {
  return {
    name: action,
    summary: SUMMARIES[action],
    args: ['BOT'],
    options: {
      timeout: TIMEOUT_OPTION,
      ...(action === 'start' && { force: { type: 'boolean', description: 'Start even though it overwrites the current recording' } }),
    },
    async run(ctx) {
      const botId = ctx.args.BOT!;
      const controller = new RecordingController({
        botId,
        client: ctx.client(),
        ...controlTime(ctx.io),
        confirmTimeoutMs: ctx.seconds('timeout', DEFAULT_TIMEOUT_MS),
        onListenerError: () => undefined,
      });
      const cancel = (): void => controller.dispose();
      ctx.io.signal?.addEventListener('abort', cancel, { once: true });
      try {
        // A read first: an unknown bot or a bad key fails here, before anything is sent.
        await controller.refresh();
        const before = controller.getSnapshot().live ?? 'unknown';
        const outcome = await controller.press(action, { confirm: ctx.flag('force') });
        const state = outcome.status === 'confirmed' ? outcome.live : (controller.getSnapshot().live ?? before);
        const described = describe(outcome);
        return finish(
          ctx,
          {
            ok: outcome.status === 'confirmed',
            action,
            bot_id: botId,
            outcome: described.outcome,
            before,
            state,
            message: described.message,
            ...(described.kind !== undefined && { error_kind: described.kind }),
          },
          described.exit,
        );
      } finally {
        ctx.io.signal?.removeEventListener('abort', cancel);
        controller.dispose();
      }
    },
  };
}

export const controlCommands: readonly CommandSpec[] = (['pause', 'resume', 'start', 'stop', 'leave'] as const).map(controlCommand);
