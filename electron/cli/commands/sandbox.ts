// `sandbox`: runs the built-in Recall sandbox until Ctrl-C or SIGTERM (flags and behaviour live
// in electron/sandbox/cli.ts; this file only adapts it to the command table).
import { runSandboxCommand, SANDBOX_OPTION_HELP, untilInterrupted } from '../../sandbox/cli';
import type { CommandSpec, OptionSpec } from '../command';

const options: Record<string, OptionSpec> = Object.fromEntries(
  SANDBOX_OPTION_HELP.map(({ name, value, description }) => [
    name,
    value === undefined ? { type: 'boolean', description } : { type: 'string', value, description },
  ]),
);

export const sandbox: CommandSpec = {
  name: 'sandbox',
  summary: 'Run a local Recall-compatible API (prints RECALL_API_BASE and RECALL_API_KEY)',
  options,
  run(ctx) {
    const argv: string[] = [];
    for (const { name, value } of SANDBOX_OPTION_HELP) {
      if (value === undefined) {
        if (ctx.flag(name)) argv.push(`--${name}`);
        continue;
      }
      const given = ctx.string(name);
      if (given !== undefined) argv.push(`--${name}=${given}`);
    }
    return runSandboxCommand(argv, {
      stdout: (line) => ctx.io.stdout(line),
      stderr: (line) => ctx.io.stderr(line),
      untilStopped: () => untilInterrupted(ctx.io.signal),
    });
  },
};
