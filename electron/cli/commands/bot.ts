// `bot create`, `bot list`, `bot show`: creating a bot and reading bots.
import { latestRecording, liveRecordingState, type Bot } from '../../core/recall';
import type { CommandSpec } from '../command';
import { EXIT, UsageError } from '../errors';
import { meetingLabel, recordingLine, stateLabel, statusLabel } from '../format';

export const botCreate: CommandSpec = {
  name: 'bot create',
  summary: 'Send a bot to a meeting',
  options: {
    'meeting-url': { type: 'string', value: 'URL', required: true, description: 'Zoom / Meet / Teams / Webex / GoTo meeting URL' },
    name: { type: 'string', value: 'N', description: 'Name the bot shows in the call' },
    manual: { type: 'boolean', description: 'Record nothing until `start` (recording_config: null)' },
    'join-at': { type: 'string', value: 'ISO', description: 'Schedule the bot (ISO 8601 time with offset)' },
  },
  async run(ctx) {
    const meetingUrl = ctx.string('meeting-url')!;
    const name = ctx.string('name');
    const joinAt = ctx.string('join-at');
    const bot = await ctx.client().createBot(
      {
        meeting_url: meetingUrl,
        ...(name !== undefined && { bot_name: name }),
        ...(joinAt !== undefined && { join_at: joinAt }),
        ...(ctx.flag('manual') && { recording_config: null }),
      },
      ctx.io.signal ? { signal: ctx.io.signal } : {},
    );
    ctx.print(
      [`Created bot ${bot.id}${bot.bot_name ? ` ("${bot.bot_name}")` : ''} — ${ctx.flag('manual') ? 'manual recording control: run `start` when ready' : 'it records automatically once in the call'}`],
      bot,
    );
    return EXIT.ok;
  },
};

export const botList: CommandSpec = {
  name: 'bot list',
  summary: 'List bots, following every page',
  options: {
    limit: { type: 'string', value: 'N', description: 'Show at most N bots (default 50)' },
  },
  async run(ctx) {
    const limitText = ctx.string('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, not "${limitText}"`);
    const bots: Bot[] = [];
    for await (const bot of ctx.client().listBots({}, ctx.io.signal ? { signal: ctx.io.signal } : {})) {
      bots.push(bot);
      if (bots.length >= limit) break;
    }
    const lines = bots.length
      ? bots.map((b) => [b.id, stateLabel(liveRecordingState(b)).padEnd(22), statusLabel(b).padEnd(24), b.bot_name ?? ''].join('  ').trimEnd())
      : ['No bots.'];
    ctx.print(lines, bots);
    return EXIT.ok;
  },
};

export const botShow: CommandSpec = {
  name: 'bot show',
  summary: 'Show a bot, its status and its recordings',
  args: ['BOT'],
  async run(ctx) {
    const bot = await ctx.client().getBot(ctx.args.BOT!, ctx.io.signal ? { signal: ctx.io.signal } : {});
    const latest = latestRecording(bot);
    const lines = [
      `Bot         ${bot.id}${bot.bot_name ? `  "${bot.bot_name}"` : ''}`,
      `Meeting     ${meetingLabel(bot)}`,
      `State       ${stateLabel(liveRecordingState(bot))}`,
      `Status      ${statusLabel(bot)}`,
      `Recordings  ${bot.recordings.length}`,
      ...[...bot.recordings]
        .sort((a, b) => (a.started_at ?? a.created_at).localeCompare(b.started_at ?? b.created_at))
        .map((rec) => `  ${rec === latest ? '*' : ' '} ${recordingLine(rec)}`),
    ];
    ctx.print(lines, bot);
    return EXIT.ok;
  },
};
