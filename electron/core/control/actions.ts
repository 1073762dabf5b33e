// The recording actions and the pure rules about them: which action a press means in a given
// live state (or why it sends nothing), and which observed bot state confirms a sent action.
import { confirmsAction, liveRecordingState } from '../recall';
import type { Bot, ControlAction, LiveRecordingState } from '../recall';

export type { ControlAction };
/** What a user can press: the actions plus `toggle-pause` (pause if recording, resume if paused). */
export type PressAction = ControlAction | 'toggle-pause';

export const PRESS_ACTIONS: readonly PressAction[] = ['pause', 'resume', 'start', 'stop', 'leave', 'toggle-pause'];

export const ACTION_LABELS: Readonly<Record<PressAction, string>> = {
  pause: 'Pause',
  resume: 'Resume',
  start: 'Start',
  stop: 'Stop',
  leave: 'Leave call',
  'toggle-pause': 'Pause/Resume',
};

/** Progressive form, for "Pausing…" status lines. */
export const ACTION_PROGRESS: Readonly<Record<PressAction, string>> = {
  pause: 'Pausing',
  resume: 'Resuming',
  start: 'Starting',
  stop: 'Stopping',
  leave: 'Leaving',
  'toggle-pause': 'Switching',
};

export const ACTION_DONE: Readonly<Record<ControlAction, string>> = {
  pause: 'Recording paused',
  resume: 'Recording resumed',
  start: 'Recording started',
  stop: 'Recording stopped',
  leave: 'The bot left the call',
};

export type RefusalCode =
  | 'not_recording'
  | 'already_paused'
  | 'not_paused'
  | 'nothing_to_stop'
  | 'bot_left'
  | 'not_joined'
  | 'state_unknown';

export const REFUSALS: Readonly<Record<RefusalCode, string>> = {
  not_recording: 'Not recording — nothing to pause',
  already_paused: 'Already paused',
  not_paused: 'Not paused — nothing to resume',
  nothing_to_stop: 'Nothing is recording — nothing to stop',
  bot_left: 'The bot has left the call',
  not_joined: 'The bot has not joined the call yet',
  state_unknown: "The bot's state is unknown — can't tell whether to pause or resume",
};

export const OVERWRITE_WARNING = 'Press again within 3 s to overwrite the current recording';
/** The same guard where no second press is possible (the CLI asks for --force instead). */
export const OVERWRITES_RECORDING = 'Start would overwrite the current recording';

export type Decision =
  | { kind: 'send'; action: ControlAction }
  | { kind: 'refuse'; code: RefusalCode; reason: string }
  /** Start while a recording is running or paused: destructive, needs a confirmation. */
  | { kind: 'needs_confirmation'; action: 'start' };

function refuse(code: RefusalCode): Decision {
  return { kind: 'refuse', code, reason: REFUSALS[code] };
}

/**
 * What a press means in `live`. An unrecognised state (`unknown`: a status code this app does
 * not know) lets explicit actions through so Recall itself judges them — refusing would block
 * the user on a code Recall added after this release; only toggle-pause, which cannot pick a
 * direction without knowing the state, is refused.
 */
export function decideAction(live: LiveRecordingState, pressed: PressAction): Decision {
  if (live === 'ended' || live === 'fatal') return refuse('bot_left');
  if (live === 'joining' && pressed !== 'leave') return refuse('not_joined');
  switch (pressed) {
    case 'toggle-pause':
      if (live === 'recording') return { kind: 'send', action: 'pause' };
      if (live === 'paused') return { kind: 'send', action: 'resume' };
      if (live === 'unknown') return refuse('state_unknown');
      return refuse('not_recording');
    case 'pause':
      if (live === 'paused') return refuse('already_paused');
      if (live === 'not_recording') return refuse('not_recording');
      return { kind: 'send', action: 'pause' };
    case 'resume':
      if (live === 'recording' || live === 'not_recording') return refuse('not_paused');
      return { kind: 'send', action: 'resume' };
    case 'stop':
      if (live === 'not_recording') return refuse('nothing_to_stop');
      return { kind: 'send', action: 'stop' };
    case 'start':
      if (live === 'recording' || live === 'paused') return { kind: 'needs_confirmation', action: 'start' };
      return { kind: 'send', action: 'start' };
    case 'leave':
      return { kind: 'send', action: 'leave' };
  }
}

export type Confirmation = 'confirmed' | 'waiting' | 'bot_left';

/**
 * Whether `bot` shows `action` done, given the bot as it was before sending. A Start needs a
 * NEW recording when one was running (Start while recording stays in `in_call_recording`
 * throughout). Stop and Leave are also confirmed by the bot ending (the recording is over
 * either way); the others fail fast then.
 */
export function confirmationOf(action: ControlAction, before: Bot | null, bot: Bot): Confirmation {
  if (confirmsAction(action, before)(bot)) return 'confirmed';
  const live = liveRecordingState(bot);
  if (live !== 'ended' && live !== 'fatal') return 'waiting';
  return action === 'stop' || action === 'leave' ? 'confirmed' : 'bot_left';
}

/** The live state a confirmed action leads to (the tray draws it dimmed while pending). */
export function targetStateOf(action: PressAction, live: LiveRecordingState | null): LiveRecordingState | null {
  switch (action) {
    case 'pause':
      return 'paused';
    case 'resume':
    case 'start':
      return 'recording';
    case 'stop':
      return 'not_recording';
    case 'leave':
      return 'ended';
    case 'toggle-pause':
      return live === 'recording' ? 'paused' : live === 'paused' ? 'recording' : null;
  }
}
