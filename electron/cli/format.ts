// Human-readable renderings shared by the CLI commands: durations, states, bots.
import {
  currentStatus,
  latestRecording,
  liveRecordingState,
  recordedTime,
  type Bot,
  type BotRecording,
  type LiveRecordingState,
} from '../core/recall';

/** h:mm:ss, as in the UI. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const STATE_LABELS: Record<LiveRecordingState, string> = {
  recording: 'Recording',
  paused: 'Paused',
  not_recording: 'In call, not recording',
  joining: 'Joining',
  ended: 'Ended',
  fatal: 'Failed',
  unknown: 'Unknown',
};

export function stateLabel(state: LiveRecordingState): string {
  return STATE_LABELS[state];
}

export function meetingLabel(bot: Bot): string {
  const url = bot.meeting_url;
  if (url === null) return '(meeting URL cleared)';
  if (typeof url === 'string') return url;
  return [url.platform, url.meeting_id].filter(Boolean).join(' ') || '(unknown meeting)';
}

export function statusLabel(bot: Bot): string {
  const status = currentStatus(bot);
  if (!status) return 'no status yet';
  return status.sub_code ? `${status.code} (${status.sub_code})` : status.code;
}

export interface StatusSummary {
  bot_id: string;
  bot_name: string | null;
  state: LiveRecordingState;
  status: { code: string; sub_code: string | null; created_at: string } | null;
  recording: {
    id: string;
    status: string | null;
    started_at: string | null;
    completed_at: string | null;
    recorded_ms: number | null;
    paused_ms: number | null;
  } | null;
}

export function statusSummary(bot: Bot, nowMs: number): StatusSummary {
  const status = currentStatus(bot);
  const rec = latestRecording(bot);
  const time = rec ? recordedTime(bot, rec, nowMs) : null;
  return {
    bot_id: bot.id,
    bot_name: bot.bot_name ?? null,
    state: liveRecordingState(bot),
    status: status ? { code: status.code, sub_code: status.sub_code, created_at: status.created_at } : null,
    recording: rec
      ? {
          id: rec.id,
          status: rec.status?.code ?? null,
          started_at: rec.started_at,
          completed_at: rec.completed_at,
          recorded_ms: time?.recordedMs ?? null,
          paused_ms: time?.pausedMs ?? null,
        }
      : null,
  };
}

export function recordingLine(rec: BotRecording): string {
  const vm = rec.media_shortcuts?.video_mixed;
  return [
    rec.id,
    rec.status?.code ?? 'no status',
    `started ${rec.started_at ?? '—'}`,
    `completed ${rec.completed_at ?? '—'}`,
    `video_mixed ${vm ? vm.status.code : 'none'}`,
  ].join('  ');
}
