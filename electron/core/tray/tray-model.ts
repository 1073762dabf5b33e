// The tray as pure data: from the live state, the pending/armed overlay, shortcuts and errors to
// the icon id, the tooltip and the context menu (UI.md). The Electron adapter only maps this to
// Tray.setImage/setToolTip/Menu.buildFromTemplate and routes clicked ids back to the core.
import type { LiveRecordingState } from '../recall';
import type { ControlAction, PressAction } from '../control/actions';
import { ACTION_PROGRESS, OVERWRITE_WARNING, targetStateOf } from '../control/actions';
import type { HotkeyAction, HotkeyBindings } from '../hotkeys/hotkey-map';
import type { RegistrationStatus } from '../hotkeys/registration';
import { registrationProblem } from '../hotkeys/registration';
import { escapeMenuLabel, formatClock, formatShort, sanitizeName, truncateText } from './text';

const ICON_BASES = [
  'not-recording',
  'recording',
  'paused',
  'switching-recording',
  'switching-paused',
  'switching-not-recording',
  'ended',
  'error',
] as const;

export type TrayIconBase = (typeof ICON_BASES)[number];
export type TrayIconId = TrayIconBase | `${TrayIconBase}-sandbox`;

/**
 * Every icon the tray can ask for; resources/tray/<id>.png and <id>@2x.png must exist for each.
 * switching-* = an action is pending: the TARGET state's shape, dimmed. error = offline, state
 * unreadable, bot failed or in a state this app does not know. -sandbox = the same, badged "S".
 */
export const TRAY_ICON_IDS: readonly TrayIconId[] = Object.freeze([
  ...ICON_BASES,
  ...ICON_BASES.map((base): TrayIconId => `${base}-sandbox`),
]);

/** Windows caps a notification-area tooltip at 127 characters; the others allow more. */
export const TOOLTIP_MAX = 127;
/** Longest bot name shown in a menu (keeps the menu narrow). */
export const MENU_NAME_MAX = 48;
/** Longest automation line in the menu and the tooltip. */
export const AUTOMATION_LINE_MAX = 60;

export interface TrayRecentBot {
  readonly id: string;
  readonly name: string | null;
}

export interface TrayInput {
  /** The selected bot; null when none is selected. */
  botId: string | null;
  botName: string | null;
  /** Null before the selected bot's first read. */
  live: LiveRecordingState | null;
  /** `target` null: not known yet (an unresolved toggle). */
  pending: { readonly action: PressAction; readonly target?: LiveRecordingState | null } | null;
  armed: { readonly until: number } | null;
  /** Normalized bindings. */
  hotkeys: HotkeyBindings;
  /** Registration status per action; a missing entry is assumed to work. */
  hotkeyStatuses: Readonly<Partial<Record<HotkeyAction, RegistrationStatus>>>;
  /** The error to show in words (last failed action, or why the state could not be read). */
  lastError: { readonly kind: string; readonly message: string } | null;
  /** The state shown is old: the last read failed. */
  stale: boolean;
  /** Recorded time of the current recording, paused spans excluded. */
  recordedMs: number | null;
  sandbox: boolean;
  recentBots: readonly TrayRecentBot[];
  online: boolean;
  /** `process.platform` (tooltip escaping); default: none applied. */
  platform?: string;
  /** What automation is doing ("Auto-paused on lock — resumes on unlock"); null/absent: nothing. */
  automationLine?: string | null;
}

export type TrayMenuItemType = 'normal' | 'separator' | 'radio' | 'checkbox' | 'submenu';

export interface TrayMenuItem {
  /** What the adapter routes on click (parseTrayMenuId); informational items have ids too. */
  readonly id: string;
  /** Already escaped for Electron ('&&' shows one '&'). */
  readonly label: string;
  readonly enabled: boolean;
  readonly type?: TrayMenuItemType;
  /** Shown next to the item; register it with `registerAccelerator: false` (it is global). */
  readonly accelerator?: string;
  readonly checked?: boolean;
  readonly submenu?: readonly TrayMenuItem[];
}

export interface TrayModel {
  readonly iconId: TrayIconId;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

export type TrayCommand =
  | { readonly kind: 'press'; readonly action: ControlAction }
  | { readonly kind: 'select-bot'; readonly botId: string }
  | { readonly kind: 'open-window' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'quit' };

const PRESS_IDS: readonly ControlAction[] = ['pause', 'resume', 'start', 'stop', 'leave'];
const SELECT_PREFIX = 'select-bot:';

/** What a clicked menu id asks for; null for informational ids (status lines, separators). */
export function parseTrayMenuId(id: string): TrayCommand | null {
  const press = PRESS_IDS.find((action) => action === id);
  if (press) return { kind: 'press', action: press };
  if (id.startsWith(SELECT_PREFIX) && id.length > SELECT_PREFIX.length) return { kind: 'select-bot', botId: id.slice(SELECT_PREFIX.length) };
  if (id === 'open-window' || id === 'settings' || id === 'quit') return { kind: id };
  return null;
}

const STATE_WORDS: Readonly<Record<LiveRecordingState, string>> = {
  recording: 'Recording',
  paused: 'Paused',
  not_recording: 'In call, not recording',
  joining: 'Joining the call',
  ended: 'Call ended',
  fatal: 'Bot failed',
  unknown: 'State unknown',
};

function iconBase(input: TrayInput): TrayIconBase {
  if (input.botId === null) return 'not-recording';
  if (!input.online) return 'error';
  if (input.pending) {
    const target = input.pending.target ?? targetStateOf(input.pending.action, input.live);
    if (target === 'recording') return 'switching-recording';
    if (target === 'paused') return 'switching-paused';
    return 'switching-not-recording';
  }
  if (input.stale || input.live === 'fatal' || input.live === 'unknown') return 'error';
  switch (input.live) {
    case 'recording':
      return 'recording';
    case 'paused':
      return 'paused';
    case 'ended':
      return 'ended';
    default:
      return 'not-recording';
  }
}

/**
 * "Recording · 00:12:34", "Paused 02:10", "Pausing…" — the state part of the tooltip. The menu's
 * status line leaves the time out (`withTime` false): a menu rebuilt every second would flicker
 * and close under the user's pointer on some desktops.
 */
function statePhrase(input: TrayInput, withTime: boolean): string {
  if (input.botId === null) return 'No bot selected';
  if (input.pending) return `${ACTION_PROGRESS[input.pending.action]}…`;
  if (input.live === null) return input.online ? 'Loading…' : 'Offline';
  const words = STATE_WORDS[input.live];
  if (!withTime) return words;
  const elapsed = input.recordedMs ?? 0;
  if (input.live === 'recording') return `${words} · ${formatClock(elapsed)}`;
  if (input.live === 'paused') return `${words} ${formatShort(elapsed)}`;
  return words;
}

function joinFitting(parts: readonly string[], name: string | null, max: number): string {
  const sep = ' · ';
  const fixed = parts.join(sep);
  if (name === null) return truncateText(fixed, max);
  const [head, ...tail] = parts;
  const room = max - fixed.length - sep.length;
  const fitted = room >= 2 ? truncateText(name, room) : '';
  const all = fitted ? [head, fitted, ...tail] : parts;
  return truncateText(all.join(sep), max);
}

function automationLineOf(input: TrayInput): string | null {
  const line = input.automationLine?.replace(/\s+/g, ' ').trim() ?? '';
  return line === '' ? null : truncateText(line, AUTOMATION_LINE_MAX);
}

/** The state tooltip, with the automation line (if any) on a line of its own, within TOOLTIP_MAX. */
function tooltipOf(input: TrayInput, name: string | null): string {
  const line = automationLineOf(input);
  if (line === null) return stateTooltip(input, name, TOOLTIP_MAX);
  return `${stateTooltip(input, name, TOOLTIP_MAX - line.length - 1)}\n${line}`;
}

function stateTooltip(input: TrayInput, name: string | null, max: number): string {
  if (input.botId === null) return truncateText(input.sandbox ? 'Recall Remote · No bot selected · Sandbox' : 'Recall Remote · No bot selected', max);
  const parts = [statePhrase(input, true)];
  if (!input.online && input.live !== null) parts.push('Offline');
  else if (input.stale) parts.push('Not updating');
  if (input.sandbox) parts.push('Sandbox');
  // Windows shows '&' in a tooltip only as '&&&' (electron#14373); the full-width ampersand
  // looks the same everywhere and needs no escaping.
  const safeName = name !== null && input.platform === 'win32' ? name.replace(/&/g, '\uff06') : name;
  return joinFitting(parts, safeName, max);
}

/** The state the menu enables actions for: the pending action's target, else the live state. */
function effectiveState(input: TrayInput): LiveRecordingState | null {
  if (input.pending) return input.pending.target ?? targetStateOf(input.pending.action, input.live) ?? input.live;
  return input.live;
}

const ENABLED: Readonly<Record<LiveRecordingState, readonly ControlAction[]>> = {
  recording: ['pause', 'start', 'stop', 'leave'],
  paused: ['resume', 'start', 'stop', 'leave'],
  not_recording: ['start', 'leave'],
  joining: ['leave'],
  // Recall judges a state this app does not know (see decideAction).
  unknown: ['pause', 'resume', 'start', 'stop', 'leave'],
  ended: [],
  fatal: [],
};

function acceleratorFor(input: TrayInput, actions: readonly HotkeyAction[]): string | undefined {
  for (const action of actions) {
    const accelerator = input.hotkeys[action];
    const state = input.hotkeyStatuses[action]?.state;
    if (accelerator && (state === undefined || state === 'registered')) return accelerator;
  }
  return undefined;
}

function item(id: string, label: string, enabled: boolean, extra: Partial<TrayMenuItem> = {}): TrayMenuItem {
  return Object.freeze({ id, label, enabled, ...extra });
}

function separator(key: string): TrayMenuItem {
  return item(`separator-${key}`, '', true, { type: 'separator' });
}

function actionItems(input: TrayInput): TrayMenuItem[] {
  const state = input.botId === null ? null : effectiveState(input);
  const enabled = new Set(state ? ENABLED[state] : []);
  const overwrites = state === 'recording' || state === 'paused';
  const startLabel = input.armed ? 'Start — click again to overwrite the recording' : overwrites ? 'Start new recording (overwrites)…' : 'Start';
  const withKey = (accelerator: string | undefined): Partial<TrayMenuItem> => (accelerator ? { accelerator } : {});
  return [
    item('pause', 'Pause', enabled.has('pause'), withKey(acceleratorFor(input, ['pause', 'toggle-pause']))),
    item('resume', 'Resume', enabled.has('resume'), withKey(acceleratorFor(input, ['resume', 'toggle-pause']))),
    item('start', startLabel, enabled.has('start'), withKey(acceleratorFor(input, ['start']))),
    item('stop', 'Stop', enabled.has('stop'), withKey(acceleratorFor(input, ['stop']))),
  ];
}

function botsSubmenu(input: TrayInput): TrayMenuItem {
  const bots = [...input.recentBots];
  if (input.botId !== null && !bots.some((b) => b.id === input.botId)) bots.unshift({ id: input.botId, name: input.botName });
  const entries = bots.map((bot) =>
    item(`${SELECT_PREFIX}${bot.id}`, escapeMenuLabel(truncateText(sanitizeName(bot.name, `Bot ${bot.id.slice(0, 8)}`), MENU_NAME_MAX)), true, {
      type: 'radio',
      checked: bot.id === input.botId,
    }),
  );
  const submenu = entries.length > 0 ? entries : [item('no-bots', 'No recent bots', false)];
  return item('bots', 'Bots', true, { type: 'submenu', submenu: Object.freeze(submenu) });
}

/** The tray for one moment. Pure: same input, same output. */
export function trayModel(input: TrayInput): TrayModel {
  const name = input.botId === null ? null : sanitizeName(input.botName, `Bot ${input.botId.slice(0, 8)}`);
  const base = iconBase(input);
  const iconId: TrayIconId = input.sandbox ? `${base}-sandbox` : base;

  const statusParts = [statePhrase(input, false)];
  if (input.sandbox) statusParts.push('Sandbox');
  const status = joinFitting(statusParts, name === null ? null : truncateText(name, MENU_NAME_MAX), 200);
  const notes: TrayMenuItem[] = [];
  const automation = automationLineOf(input);
  if (automation !== null) notes.push(item('status-automation', escapeMenuLabel(automation), false));
  if (input.armed) notes.push(item('status-armed', OVERWRITE_WARNING, false));
  if (!input.online) notes.push(item('status-offline', escapeMenuLabel(truncateText(`Offline — ${input.lastError?.message ?? 'showing the last known state'}`, 120)), false));
  else if (input.lastError) notes.push(item('status-error', escapeMenuLabel(truncateText(`⚠ ${input.lastError.message}`, 120)), false));
  const hotkeyProblem = registrationProblem(input.hotkeyStatuses);
  if (hotkeyProblem) notes.push(item('status-hotkeys', hotkeyProblem, false));

  const state = input.botId === null ? null : effectiveState(input);
  const leaveEnabled = state !== null && ENABLED[state].includes('leave');
  const windowKey = acceleratorFor(input, ['show-window']);
  const menu: TrayMenuItem[] = [
    item('status', escapeMenuLabel(status), false),
    ...notes,
    separator('actions'),
    ...actionItems(input),
    item('leave', 'Leave call', leaveEnabled),
    separator('bots'),
    botsSubmenu(input),
    separator('window'),
    item('open-window', 'Open window', true, windowKey ? { accelerator: windowKey } : {}),
    item('settings', 'Settings…', true),
    separator('quit'),
    item('quit', 'Quit Recall Remote', true),
  ];
  return Object.freeze({ iconId, tooltip: tooltipOf(input, name), menu: Object.freeze(menu) });
}
