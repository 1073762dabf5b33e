// `status BOT`: the live recording state and the recorded time of the latest recording, read
// through the app's RecordingController (the same state and clock the tray shows), the bot
// status, and with --json what each action would do now, in the app's words.
import { readRecordingClock, RecordingController } from '../../core/control';
import { availability } from '../../core/app/bot-state';
import type { CommandSpec } from '../command';
import { EXIT } from '../errors';
import { formatDuration, stateLabel, statusSummary } from '../format';
import { controlTime } from './control-time';

const ACTIONS = ['pause', 'resume', 'start', 'stop', 'leave'] as const;

export const status: CommandSpec = {
  name: 'status',
  summary: 'Live recording state, recorded time and bot status',
  args: ['BOT'],
  async run(ctx) {
    const time = controlTime(ctx.io);
    const controller = new RecordingController({ botId: ctx.args.BOT!, client: ctx.client(), ...time, onListenerError: () => undefined });
    const cancel = (): void => controller.dispose();
    ctx.io.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const bot = await controller.refresh();
      const now = time.clock.now();
      const snapshot = controller.getSnapshot();
      const summary = statusSummary(bot, now);
      const rec = summary.recording;
      if (rec && snapshot.recordingClock?.recordingId === rec.id) {
        const recorded = readRecordingClock(snapshot.recordingClock, now);
        const started = Date.parse(rec.started_at ?? '');
        const ended = rec.completed_at ? Date.parse(rec.completed_at) : now;
        rec.recorded_ms = recorded;
        rec.paused_ms = Number.isNaN(started) ? rec.paused_ms : Math.max(0, ended - started - recorded);
      }
      const live = snapshot.live ?? summary.state;
      const actions = Object.fromEntries(ACTIONS.map((action) => {
        const { enabled, reason } = availability(live, action, null);
        return [action, { enabled, reason }];
      }));
      const recorded =
        rec && rec.recorded_ms !== null
          ? `${formatDuration(rec.recorded_ms)} recorded${rec.paused_ms ? ` (paused ${formatDuration(rec.paused_ms)})` : ''}`
          : 'nothing recorded yet';
      const botStatus = summary.status ? `bot ${summary.status.code}${summary.status.sub_code ? ` (${summary.status.sub_code})` : ''}` : 'bot has no status yet';
      ctx.print([`${stateLabel(live)} · ${recorded} · ${botStatus}${summary.bot_name ? ` · ${summary.bot_name}` : ''}`], { ...summary, state: live, actions });
      return EXIT.ok;
    } finally {
      ctx.io.signal?.removeEventListener('abort', cancel);
      controller.dispose();
    }
  },
};
