// Words and numbers the UI shows: state labels, platform names, h:mm:ss durations, why a bot
// left a call, and what an action is doing ("Pausing…").
import type { LiveState, PressAction } from '../../../electron/contract/types';

export const LIVE_LABELS: Record<LiveState, string> = {
  recording: 'Recording',
  paused: 'Paused',
  not_recording: 'Not recording',
  joining: 'Joining',
  ended: 'Ended',
  fatal: 'Failed',
  unknown: 'Unknown state',
};

export const ACTION_LABELS: Record<PressAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  start: 'Start',
  stop: 'Stop',
  leave: 'Leave call',
  'toggle-pause': 'Pause/Resume',
};

/** Progressive form for the pending line: "Pausing…". */
export const ACTION_PROGRESS: Record<PressAction, string> = {
  pause: 'Pausing',
  resume: 'Resuming',
  start: 'Starting',
  stop: 'Stopping',
  leave: 'Leaving the call',
  'toggle-pause': 'Switching',
};

const PLATFORMS: Record<string, string> = {
  zoom: 'Zoom',
  zoom_rtms: 'Zoom',
  google_meet: 'Google Meet',
  google_meet_media_api: 'Google Meet',
  microsoft_teams: 'Microsoft Teams',
  microsoft_teams_live: 'Teams Live',
  webex: 'Webex',
  goto_meeting: 'GoTo Meeting',
  chime_sdk: 'Amazon Chime',
  slack_huddle_observer: 'Slack huddle',
  slack_authenticator: 'Slack',
  webrtc: 'WebRTC',
};

export function platformLabel(platform: string | null): string {
  if (!platform) return 'Unknown platform';
  const known = PLATFORMS[platform];
  if (known) return known;
  const words = platform.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** h:mm:ss (UI.md: durations as h:mm:ss). Negative or invalid input shows as 0:00:00. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Spoken form for screen readers: "1 hour 2 minutes 3 seconds". */
export function spokenDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const parts: string[] = [];
  const push = (n: number, unit: string) => {
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  };
  push(Math.floor(total / 3600), 'hour');
  push(Math.floor((total % 3600) / 60), 'minute');
  push(total % 60, 'second');
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

/** A status or sub-code for humans: "call_ended_by_host" → "Call ended by host". */
export function humanizeCode(code: string): string {
  const words = code.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS_PHRASES: Record<string, string> = {
  ready: 'Ready to join',
  joining_call: 'Joining the call',
  in_waiting_room: 'In the waiting room',
  in_call_not_recording: 'In the call',
  in_call_recording: 'In the call',
  recording_permission_allowed: 'Host allowed recording',
  recording_permission_denied: 'Host refused recording',
  recording_done: 'Recording finished',
  call_ended: 'Call ended',
  done: 'Left the call',
  fatal: 'Could not join',
  media_expired: 'Media expired',
};

/** Why a bot left or failed (recall-api.md §9.6 sub-codes), as a sentence. */
const END_REASONS: Record<string, string> = {
  call_ended_by_host: 'The host ended the call',
  call_ended_by_platform_idle: 'The meeting platform ended the idle call',
  call_ended_by_platform_max_length: 'The call reached the platform’s length limit',
  call_ended_by_platform_waiting_room_timeout: 'Nobody let the bot in from the waiting room',
  bot_received_leave_call: 'You made the bot leave',
  bot_kicked_from_call: 'Someone removed the bot from the call',
  bot_kicked_from_waiting_room: 'Someone removed the bot from the waiting room',
  timeout_exceeded_waiting_room: 'Left after waiting too long in the waiting room',
  timeout_exceeded_noone_joined: 'Left because nobody joined',
  timeout_exceeded_everyone_left: 'Left after everyone else left',
  timeout_exceeded_silence_detected: 'Left after a long silence',
  timeout_exceeded_only_bots_detected_using_participant_names: 'Left because only bots were in the call',
  timeout_exceeded_only_bots_detected_using_participant_events: 'Left because only bots were in the call',
  timeout_exceeded_in_call_not_recording: 'Left after too long in the call without recording',
  timeout_exceeded_in_call_recording: 'Left after recording for the maximum time',
  timeout_exceeded_recording_permission_denied: 'Left because recording permission was refused',
  timeout_exceeded_max_duration: 'Left at the maximum bot duration',
  bot_errored: 'The bot ran into an error',
  meeting_not_found: 'The meeting was not found',
  meeting_not_started: 'The meeting had not started',
  meeting_requires_registration: 'The meeting requires registration',
  meeting_requires_sign_in: 'The meeting requires signing in',
  meeting_link_expired: 'The meeting link has expired',
  meeting_link_invalid: 'The meeting link is not valid',
  meeting_password_incorrect: 'The meeting password is wrong',
  meeting_locked: 'The meeting is locked',
  meeting_full: 'The meeting is full',
  meeting_ended: 'The meeting had already ended',
};

/** Why the bot left, in words; an unknown sub-code is shown verbatim (never hidden). */
export function endReasonPhrase(subCode: string): string {
  return END_REASONS[subCode] ?? subCode;
}

/** What the bot is doing, in words: the reason when it says why, else the status phrase. */
export function statusPhrase(code: string, subCode: string | null): string {
  if (subCode) return END_REASONS[subCode] ?? humanizeCode(subCode);
  return STATUS_PHRASES[code] ?? humanizeCode(code);
}

export function formatTime(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}
