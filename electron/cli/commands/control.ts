// `pause`, `resume`, `start`, `stop`, `leave`: send the action and exit 0 only once a re-read
// of the bot confirms the new state (the logic lives in core/recall/confirm.ts).
import { performControl, type ControlAction } from '../../core/recall';
import type { CommandSpec, OptionSpec } from '../command';
import { EXIT } from '../errors';
import { stateLabel } from '../format';

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
      const outcome = await performControl(ctx.client(), botId, action, {
        timeoutMs: ctx.seconds('timeout', DEFAULT_TIMEOUT_MS),
        force: ctx.flag('force'),
        ...(ctx.io.signal && { signal: ctx.io.signal }),
        ...(ctx.io.sleep && { sleep: ctx.io.sleep }),
        ...(ctx.io.now && { now: ctx.io.now }),
      });
      const report = { ok: outcome.status === 'confirmed', action, bot_id: botId, outcome: outcome.status, before: outcome.before, state: outcome.state, message: outcome.message };
      if (outcome.status === 'confirmed') {
        ctx.print([`${outcome.message} — confirmed: the bot is now ${stateLabel(outcome.state).toLowerCase()}`], report);
        return EXIT.ok;
      }
      const reason = outcome.status === 'refused' && outcome.refusal.overridable ? `${outcome.message}; pass --force` : outcome.message;
      if (ctx.json) ctx.print([], { ...report, message: reason });
      ctx.io.stderr(`recall-remote: ${reason}`);
      return EXIT.failure;
    },
  };
}

export const controlCommands: readonly CommandSpec[] = (['pause', 'resume', 'start', 'stop', 'leave'] as const).map(controlCommand);
