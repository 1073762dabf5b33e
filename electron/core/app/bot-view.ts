// Turns a Recall Bot into the plain, renderer-facing shapes of the contract: the bot part of the
// live header (the recorded time comes from the controller's clock) and the bot picker's lines.
import { currentStatus, latestRecording, liveRecordingState } from '../recall';
import type { Bot } from '../recall';
import type { BotSummary, LiveState, SelectedBotState } from '../../contract';

export type BotView = Pick<SelectedBotState, 'name' | 'platform' | 'live' | 'status' | 'recording' | 'endReason'>;

const PLATFORM_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\.)zoom\.us$/i, 'zoom'],
  [/^meet\.google\.com$/i, 'google_meet'],
  [/(^|\.)teams\.(microsoft|live)\.com$/i, 'microsoft_teams'],
  [/(^|\.)webex\.com$/i, 'webex'],
  [/(^|\.)goto\.com$|(^|\.)gotomeeting\.com$/i, 'goto_meeting'],
];

/** `meeting_url.platform` in responses; a string URL (older payloads) is classified by host. */
export function meetingPlatform(bot: Bot): string | null {
  const url = bot.meeting_url;
  if (url === null) return null;
  if (typeof url !== 'string') return url.platform ?? null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  return PLATFORM_HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? null;
}

export function botName(bot: Bot): string {
  const name = bot.bot_name?.trim();
  return name ? name : `Bot ${bot.id.slice(0, 8)}`;
}

// Typed as the contract's LiveState so the compiler flags any drift from LiveRecordingState.
function live(bot: Bot): LiveState {
  return liveRecordingState(bot);
}

const ENDING_CODES = new Set(['call_ended', 'fatal']);

/** The sub_code of the latest call_ended/fatal change: `done` that follows carries none. */
export function endReason(bot: Bot): string | null {
  const ending = bot.status_changes.filter((change) => ENDING_CODES.has(change.code) && change.sub_code);
  return ending.at(-1)?.sub_code ?? null;
}

export function viewBot(bot: Bot): BotView {
  const status = currentStatus(bot);
  const recording = latestRecording(bot);
  return {
    name: botName(bot),
    platform: meetingPlatform(bot),
    live: live(bot),
    status: status && {
      code: status.code,
      subCode: status.sub_code ?? null,
      message: status.message ?? null,
      at: status.created_at,
    },
    recording: recording && {
      id: recording.id,
      startedAt: recording.started_at ?? null,
      completedAt: recording.completed_at ?? null,
      statusCode: recording.status?.code ?? null,
    },
    endReason: endReason(bot),
  };
}

export function summarizeBot(bot: Bot): BotSummary {
  const status = currentStatus(bot);
  return {
    id: bot.id,
    name: botName(bot),
    platform: meetingPlatform(bot),
    live: live(bot),
    statusCode: status?.code ?? null,
    lastChangeAt: status?.created_at ?? null,
  };
}
