// Reminders while the bot is not recording: "still paused" every N minutes of a pause (reset by
// resuming), and warnings before Recall's in_call_not_recording_timeout ends the bot — paused and
// stopped time both count (recall-api.md §5.6), measured from when the bot last left
// `in_call_recording`. Wall-clock based: timers only wake it up, so a late timer (sleep) is harmless.
import { z } from 'zod';
import type { Bot } from '../recall';
import { systemClock, systemTimers } from '../control/clock';
import type { Clock, TimerHandle, Timers } from '../control/clock';
import type { AutomationNotify, AutomationNoticeKind, AutomationSnapshot, AutomationTarget } from './automation-target';
import { AUTOMATION_TEXTS } from './notice-texts';
import type { LeaveWarningSettings, PausedReminderSettings } from './settings';

const MINUTE_MS = 60_000;
/** Informational: about someone else in the waiting room, not about the bot (derive.ts agrees). */
const INFORMATIONAL = new Set(['participant_in_waiting_room']);
const IN_CALL_IDLE = new Set(['in_call_not_recording', 'recording_permission_allowed', 'recording_permission_denied', 'recording_done']);
const NOT_IN_CALL = new Set(['ready', 'joining_call', 'in_waiting_room', 'call_ended', 'done', 'fatal', 'media_expired', 'analysis_done', 'analysis_failed']);
/** Recall accepts any positive value; a day bounds a nonsense one. */
const TIMEOUT_MAX_S = 86_400;

function timeOf(iso: string): number | null {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

/**
 * When the bot last stopped recording while in the call (the pause or stop time; the time it
 * entered the call if it never recorded), by Recall's own timestamps. Null while recording, before
 * it is in the call, after it left, or when the history says nothing usable.
 */
export function notRecordingSince(bot: Bot): number | null {
  const changes = bot.status_changes
    .map((change, index) => ({ code: change.code, at: timeOf(change.created_at), index }))
    .filter((c): c is { code: string; at: number; index: number } => c.at !== null && !INFORMATIONAL.has(c.code))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  let since: number | null = null;
  for (const change of changes) {
    if (change.code === 'in_call_recording' || NOT_IN_CALL.has(change.code)) since = null;
    else if (IN_CALL_IDLE.has(change.code)) since ??= change.at;
  }
  return since;
}

const AutomaticLeaveSchema = z.looseObject({ in_call_not_recording_timeout: z.number().positive().max(TIMEOUT_MAX_S) });

/** The bot's own `automatic_leave.in_call_not_recording_timeout` (seconds), when it reports a usable one. */
export function botNotRecordingTimeoutS(bot: Bot): number | null {
  const parsed = AutomaticLeaveSchema.safeParse(bot.automatic_leave);
  return parsed.success ? parsed.data.in_call_not_recording_timeout : null;
}

export interface ReminderSettings {
  readonly pausedReminder: PausedReminderSettings;
  readonly leaveWarning: LeaveWarningSettings;
}

export interface RemindersOptions {
  settings: () => ReminderSettings;
  notify: AutomationNotify;
  clock?: Clock;
  timers?: Timers;
  onNotifyError?: (error: unknown) => void;
}

export interface RemindersView {
  readonly botId: string;
  /** Since when the recording is paused (null: not paused). */
  readonly pausedSince: number | null;
  /** When Recall would end the bot if it stays without recording (null: recording, or not in a call). */
  readonly leaveAt: number | null;
}

interface PausedEpisode {
  readonly botId: string;
  readonly since: number;
  /** The interval `fired` counts in (a changed setting restarts the count from now). */
  readonly everyMs: number;
  /** Reminders already shown (the k-th is due at since + k·N). */
  fired: number;
}

interface IdleEpisode {
  readonly botId: string;
  readonly since: number;
  /** Warning thresholds (minutes before) already passed — shown, or too late to show. */
  readonly passed: Set<number>;
  /** False while the bot records (or its state is unknown); the episode resumes if `since` is unchanged. */
  active: boolean;
}

export class Reminders {
  private readonly opts: RemindersOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private target: AutomationTarget | null = null;
  private unsubscribe: (() => void) | null = null;
  private snapshot: AutomationSnapshot | null = null;
  private paused: PausedEpisode | null = null;
  private idle: IdleEpisode | null = null;
  /** Local time the current not-recording state was first seen (covers a history Recall has not shown yet). */
  private seenIdleAt: { key: string; at: number } | null = null;
  private timer: TimerHandle | null = null;
  /** The paused reminder's switch at the previous evaluation. */
  private reminderWasOn = false;
  private disposed = false;

  constructor(opts: RemindersOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
  }

  setTarget(target: AutomationTarget | null): void {
    if (target === this.target) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.target = target;
    this.snapshot = null;
    this.paused = null;
    this.idle = null;
    this.seenIdleAt = null;
    if (target) {
      this.unsubscribe = target.subscribe((snapshot) => this.observe(snapshot));
      this.observe(target.getSnapshot());
    } else {
      this.schedule(null);
    }
  }

  /**
   * Settings changed: re-evaluate now. A paused reminder switched on mid-pause fires at the next
   * multiple of N since the pause; leave warnings switched on late warn at once if one is due.
   */
  refresh(): void {
    this.evaluate();
  }

  getView(): RemindersView | null {
    const snapshot = this.snapshot;
    if (!snapshot) return null;
    const timeoutMs = this.timeoutMs(snapshot.bot);
    return {
      botId: snapshot.botId,
      pausedSince: this.paused?.since ?? null,
      leaveAt: this.idle?.active ? this.idle.since + timeoutMs : null,
    };
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.target = null;
    this.schedule(null);
  }

  private observe(snapshot: AutomationSnapshot): void {
    this.snapshot = snapshot;
    this.evaluate();
  }

  private timeoutMs(bot: Bot | null): number {
    const own = bot ? botNotRecordingTimeoutS(bot) : null;
    return (own ?? this.opts.settings().leaveWarning.timeoutSeconds) * 1000;
  }

  /** Since when the bot is not recording: Recall's time, or the local first sighting if earlier (errs early). */
  private idleSince(snapshot: AutomationSnapshot, now: number): number | null {
    const live = snapshot.live;
    if (live !== 'paused' && live !== 'not_recording') {
      this.seenIdleAt = null;
      return null;
    }
    const server = snapshot.bot ? notRecordingSince(snapshot.bot) : null;
    const key = `${snapshot.botId}:${live === 'paused' ? 'paused' : 'idle'}:${server ?? '?'}`;
    if (this.seenIdleAt?.key !== key) this.seenIdleAt = { key, at: now };
    return server === null ? this.seenIdleAt.at : Math.min(server, this.seenIdleAt.at);
  }

  private evaluate(): void {
    if (this.disposed) return;
    const snapshot = this.snapshot;
    const now = this.clock.now();
    const settings = this.opts.settings();
    const reminderWasOn = this.reminderWasOn;
    this.reminderWasOn = settings.pausedReminder.enabled;
    const since = snapshot ? this.idleSince(snapshot, now) : null;
    if (!snapshot || since === null) {
      this.paused = null;
      // Kept (inactive): a state briefly unknown must not replay warnings already shown.
      if (this.idle) this.idle.active = false;
      this.schedule(null);
      return;
    }
    const dueTimes: number[] = [];

    if (snapshot.live === 'paused') {
      const every = settings.pausedReminder.everyMinutes * MINUTE_MS;
      if (!this.paused || this.paused.botId !== snapshot.botId || this.paused.since !== since || this.paused.everyMs !== every) {
        // Reminders already due when the pause is first seen (app started mid-pause) are not replayed.
        this.paused = { botId: snapshot.botId, since, everyMs: every, fired: Math.floor((now - since) / every) };
      }
      const count = Math.floor((now - since) / every);
      // Off, or switched on mid-pause: what fell due meanwhile is not replayed.
      if (!settings.pausedReminder.enabled || !reminderWasOn) this.paused.fired = Math.max(this.paused.fired, count);
      if (settings.pausedReminder.enabled) {
        if (count > this.paused.fired) {
          this.paused.fired = count;
          this.emit('paused-reminder', 'warning', AUTOMATION_TEXTS.pausedReminderTitle, AUTOMATION_TEXTS.pausedReminderBody(count * settings.pausedReminder.everyMinutes), snapshot.botId);
        }
        dueTimes.push(since + (this.paused.fired + 1) * every);
      }
    } else {
      this.paused = null;
    }

    if (!this.idle || this.idle.botId !== snapshot.botId || this.idle.since !== since) {
      this.idle = { botId: snapshot.botId, since, passed: new Set(), active: true };
    }
    this.idle.active = true;
    const timeoutMs = this.timeoutMs(snapshot.bot);
    const deadline = since + timeoutMs;
    const warning = settings.leaveWarning;
    if (warning.enabled) {
      const due = warning.minutesBefore.filter((m) => m * MINUTE_MS < timeoutMs && !this.idle?.passed.has(m));
      const reached = due.filter((m) => now >= deadline - m * MINUTE_MS);
      for (const m of reached) this.idle.passed.add(m);
      if (reached.length > 0 && now < deadline) {
        const minutesLeft = Math.max(1, Math.round((deadline - now) / MINUTE_MS));
        this.emit(
          'leave-warning',
          'warning',
          AUTOMATION_TEXTS.leaveWarningTitle(minutesLeft),
          AUTOMATION_TEXTS.leaveWarningBody(Math.floor((now - since) / MINUTE_MS), Math.round(timeoutMs / MINUTE_MS)),
          snapshot.botId,
        );
      }
      for (const m of due) if (!reached.includes(m)) dueTimes.push(deadline - m * MINUTE_MS);
    }
    this.schedule(dueTimes.length > 0 ? Math.min(...dueTimes) : null);
  }

  private schedule(at: number | null): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (at === null || this.disposed) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.evaluate();
    }, Math.max(0, at - this.clock.now()));
  }

  private emit(kind: AutomationNoticeKind, severity: 'info' | 'warning' | 'failure', title: string, body: string, botId: string): void {
    try {
      this.opts.notify({ kind, severity, title, body, botId, at: this.clock.now() });
    } catch (error) {
      (this.opts.onNotifyError ?? ((e) => console.error('reminder notifier failed:', e)))(error);
    }
  }
}
