// Words and numbers the UI shows: state labels, platform names, h:mm:ss durations.
import type { LiveState } from '../../../electron/contract/types';

export const LIVE_LABELS: Record<LiveState, string> = {
  recording: 'Recording',
  paused: 'Paused',
  not_recording: 'Not recording',
  joining: 'Joining',
  ended: 'Ended',
  fatal: 'Failed',
  unknown: 'Unknown state',
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

/** What the bot is doing, in words: the sub-code when it says why, else the status phrase. */
export function statusPhrase(code: string, subCode: string | null): string {
  if (subCode) return humanizeCode(subCode);
  return STATUS_PHRASES[code] ?? humanizeCode(code);
}

export function formatTime(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}
