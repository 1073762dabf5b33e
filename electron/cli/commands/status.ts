// `status BOT`: live recording state, recorded time of the latest recording, bot status.
import type { CommandSpec } from '../command';
import { EXIT } from '../errors';
import { formatDuration, stateLabel, statusSummary } from '../format';

export const status: CommandSpec = {
  name: 'status',
  summary: 'Live recording state, recorded time and bot status',
  args: ['BOT'],
  async run(ctx) {
    const bot = await ctx.client().getBot(ctx.args.BOT!, ctx.io.signal ? { signal: ctx.io.signal } : {});
    const summary = statusSummary(bot, (ctx.io.now ?? Date.now)());
    const rec = summary.recording;
    const recorded =
      rec && rec.recorded_ms !== null
        ? `${formatDuration(rec.recorded_ms)} recorded${rec.paused_ms ? ` (paused ${formatDuration(rec.paused_ms)})` : ''}`
        : 'nothing recorded yet';
    const botStatus = summary.status ? `bot ${summary.status.code}${summary.status.sub_code ? ` (${summary.status.sub_code})` : ''}` : 'bot has no status yet';
    ctx.print([`${stateLabel(summary.state)} · ${recorded} · ${botStatus}${summary.bot_name ? ` · ${summary.bot_name}` : ''}`], summary);
    return EXIT.ok;
  },
};
