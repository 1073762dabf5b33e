// Auto-pause: pauses a running recording when the screen locks or the machine sleeps, and on unlock
// resumes ONLY a pause it made itself and that nobody has touched since — never the user's own
// pause. Exposes its state ("Auto-paused on lock") for the tray and reports every failure.
import { latestRecording } from '../recall';
import type { Bot } from '../recall';
import { systemClock } from '../control/clock';
import type { Clock } from '../control/clock';
import type { AutomationNotify, AutomationSnapshot, AutomationTarget } from './automation-target';
import { AUTO_PAUSE_LABELS, AUTOMATION_TEXTS } from './notice-texts';
import type { AutoPauseReason } from './notice-texts';
import type { AutoPauseSettings } from './settings';

/** Electron powerMonitor's names; the adapter maps them 1:1. */
export const POWER_EVENTS = ['lock-screen', 'unlock-screen', 'suspend', 'resume'] as const;
export type PowerEvent = (typeof POWER_EVENTS)[number];

export function isPowerEvent(value: unknown): value is PowerEvent {
  return typeof value === 'string' && (POWER_EVENTS as readonly string[]).includes(value);
}

export type AutoPausePhase = 'pausing' | 'auto-paused' | 'resuming' | 'pause-failed' | 'resume-failed';

export interface AutoPauseView {
  readonly phase: AutoPausePhase;
  readonly reason: AutoPauseReason;
  readonly botId: string;
  /** When this phase began. */
  readonly since: number;
  /** The line for the tray / window, e.g. "Auto-paused on lock — resumes on unlock". */
  readonly label: string;
  /** For a failed phase: why. */
  readonly message: string | null;
}

interface Marker {
  readonly botId: string;
  readonly reason: AutoPauseReason;
  /** The controller's lastConfirmedAt right after our pause: any later confirmation means someone acted. */
  readonly confirmedAt: number;
  readonly recordingId: string | null;
  /** created_at of the bot's last `in_call_recording` change: a newer one means it was resumed meanwhile. */
  readonly lastRecordingAt: string | null;
}

type State =
  | { readonly phase: 'idle' }
  | { readonly phase: 'pausing'; readonly botId: string; readonly reason: AutoPauseReason; readonly since: number; unlocked: boolean }
  | { readonly phase: 'auto-paused'; readonly marker: Marker; readonly since: number }
  | { readonly phase: 'resuming'; readonly marker: Marker; readonly since: number }
  | { readonly phase: 'pause-failed' | 'resume-failed'; readonly botId: string; readonly reason: AutoPauseReason; readonly since: number; readonly message: string };

export interface AutoPauseOptions {
  settings: () => AutoPauseSettings;
  notify: AutomationNotify;
  clock?: Clock;
  /** The notifier threw (default console.error). */
  onNotifyError?: (error: unknown) => void;
}

function lastRecordingChange(bot: Bot | null): string | null {
  if (!bot) return null;
  let last: string | null = null;
  for (const change of bot.status_changes) if (change.code === 'in_call_recording') last = change.created_at;
  return last;
}

function busy(snapshot: AutomationSnapshot): boolean {
  return snapshot.pending !== null || snapshot.queued.length > 0;
}

export class AutoPause {
  private readonly opts: AutoPauseOptions;
  private readonly clock: Clock;
  private readonly listeners = new Set<() => void>();
  private target: AutomationTarget | null = null;
  private unsubscribe: (() => void) | null = null;
  private state: State = { phase: 'idle' };
  /** Bumped whenever the state is reset, so an outcome arriving late for an old press is dropped. */
  private generation = 0;

  constructor(opts: AutoPauseOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
  }

  /** The selected bot's controller (null: none). A different bot forgets what was auto-paused. */
  setTarget(target: AutomationTarget | null): void {
    if (target === this.target) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.target = target;
    if (target) this.unsubscribe = target.subscribe((snapshot) => this.observe(snapshot));
    const botId = this.stateBotId();
    if (botId !== null && botId !== target?.botId) this.reset();
  }

  /** Handles one power event; resolves once any action it started has its outcome. */
  async handle(event: PowerEvent): Promise<void> {
    const settings = this.opts.settings();
    switch (event) {
      case 'lock-screen':
        if (settings.onLock) await this.pause('lock');
        return;
      case 'suspend':
        if (settings.onSuspend) await this.pause('suspend');
        return;
      case 'unlock-screen':
        await this.unlocked(settings);
        return;
      case 'resume':
        // Waking up is not the user being back: the lock screen usually shows first, and its
        // unlock is what resumes. With no lock event (Linux without lock detection) it stays paused.
        return;
    }
  }

  getView(): AutoPauseView | null {
    const s = this.state;
    const resumes = this.opts.settings().resumeOnUnlock;
    switch (s.phase) {
      case 'idle':
        return null;
      case 'pausing':
        return { phase: s.phase, reason: s.reason, botId: s.botId, since: s.since, label: AUTO_PAUSE_LABELS.pausing(s.reason), message: null };
      case 'auto-paused':
        return { phase: s.phase, reason: s.marker.reason, botId: s.marker.botId, since: s.since, label: AUTO_PAUSE_LABELS.autoPaused(s.marker.reason, resumes), message: null };
      case 'resuming':
        return { phase: s.phase, reason: s.marker.reason, botId: s.marker.botId, since: s.since, label: AUTO_PAUSE_LABELS.resuming, message: null };
      case 'pause-failed':
      case 'resume-failed':
        return {
          phase: s.phase,
          reason: s.reason,
          botId: s.botId,
          since: s.since,
          label: s.phase === 'pause-failed' ? AUTO_PAUSE_LABELS.pauseFailed : AUTO_PAUSE_LABELS.resumeFailed,
          message: s.message,
        };
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.target = null;
    this.listeners.clear();
    this.generation++;
    this.state = { phase: 'idle' };
  }

  private async pause(reason: AutoPauseReason): Promise<void> {
    // Already ours (lock and sleep usually come together): one pause is enough.
    if (this.state.phase === 'pausing' || this.state.phase === 'auto-paused') return;
    const target = this.target;
    if (!target) return;
    // The user's own press in flight: joining it would take their pause for ours.
    if (busy(target.getSnapshot())) return;
    const generation = ++this.generation;
    const pausing: State = { phase: 'pausing', botId: target.botId, reason, since: this.clock.now(), unlocked: false };
    this.set(pausing);
    const outcome = await target.press('pause');
    if (generation !== this.generation) return;
    switch (outcome.status) {
      case 'confirmed': {
        const bot = target.getSnapshot().bot;
        const marker: Marker = {
          botId: target.botId,
          reason,
          confirmedAt: outcome.at,
          recordingId: bot ? (latestRecording(bot)?.id ?? null) : null,
          lastRecordingAt: lastRecordingChange(bot),
        };
        const resumes = this.opts.settings().resumeOnUnlock;
        this.set({ phase: 'auto-paused', marker, since: outcome.at });
        this.emit('auto-paused', 'info', AUTOMATION_TEXTS.autoPausedTitle(reason), AUTOMATION_TEXTS.autoPausedBody(reason, resumes), target.botId);
        if (pausing.unlocked && resumes) await this.resume();
        return;
      }
      case 'failed': {
        if (outcome.error.kind === 'aborted') {
          this.reset();
          return;
        }
        const message = outcome.error.message;
        this.set({ phase: 'pause-failed', botId: target.botId, reason, since: this.clock.now(), message });
        this.emit('auto-pause-failed', 'failure', AUTOMATION_TEXTS.autoPauseFailedTitle, AUTOMATION_TEXTS.autoPauseFailedBody(reason, message), target.botId);
        return;
      }
      case 'refused':
      case 'armed':
        // Not recording (or already paused by the user): nothing of ours to pause.
        this.reset();
        return;
    }
  }

  private async unlocked(settings: AutoPauseSettings): Promise<void> {
    const s = this.state;
    if (s.phase === 'pausing') {
      s.unlocked = true;
      return;
    }
    if (s.phase === 'pause-failed' || s.phase === 'resume-failed') {
      // The user is back and has the notification: the failure line has done its job.
      this.reset();
      return;
    }
    if (s.phase === 'auto-paused' && settings.resumeOnUnlock) await this.resume();
  }

  /** Resumes only if the pause is still exactly the one auto-pause made. */
  private async resume(): Promise<void> {
    const s = this.state;
    if (s.phase !== 'auto-paused') return;
    const { marker } = s;
    const target = this.target;
    if (!target || target.botId !== marker.botId || !this.untouched(target.getSnapshot(), marker)) {
      this.reset();
      return;
    }
    const generation = ++this.generation;
    this.set({ phase: 'resuming', marker, since: this.clock.now() });
    const outcome = await target.press('resume');
    if (generation !== this.generation) return;
    switch (outcome.status) {
      case 'confirmed':
        this.reset();
        this.emit('auto-resumed', 'info', AUTOMATION_TEXTS.autoResumedTitle, AUTOMATION_TEXTS.autoResumedBody(marker.reason), marker.botId);
        return;
      case 'failed': {
        if (outcome.error.kind === 'aborted') {
          this.reset();
          return;
        }
        const message = outcome.error.message;
        this.set({ phase: 'resume-failed', botId: marker.botId, reason: marker.reason, since: this.clock.now(), message });
        this.emit('auto-resume-failed', 'failure', AUTOMATION_TEXTS.autoResumeFailedTitle, AUTOMATION_TEXTS.autoResumeFailedBody(message), marker.botId);
        return;
      }
      case 'refused':
      case 'armed':
        this.reset();
        return;
    }
  }

  private untouched(snapshot: AutomationSnapshot, marker: Marker): boolean {
    return (
      snapshot.live === 'paused' &&
      !busy(snapshot) &&
      snapshot.lastConfirmedAt === marker.confirmedAt &&
      (snapshot.bot ? (latestRecording(snapshot.bot)?.id ?? null) : null) === marker.recordingId &&
      lastRecordingChange(snapshot.bot) === marker.lastRecordingAt
    );
  }

  /** A state seen by polling: once our pause is gone or someone else acted, it is no longer ours. */
  private observe(snapshot: AutomationSnapshot): void {
    const s = this.state;
    if (s.phase !== 'auto-paused' || snapshot.botId !== s.marker.botId || busy(snapshot) || snapshot.live === null) return;
    if (!this.untouched(snapshot, s.marker)) this.reset();
  }

  private stateBotId(): string | null {
    const s = this.state;
    if (s.phase === 'idle') return null;
    return 'marker' in s ? s.marker.botId : s.botId;
  }

  private reset(): void {
    this.generation++;
    if (this.state.phase === 'idle') return;
    this.set({ phase: 'idle' });
  }

  private set(state: State): void {
    this.state = state;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        (this.opts.onNotifyError ?? ((e) => console.error('auto-pause listener failed:', e)))(error);
      }
    }
  }

  private emit(kind: Parameters<AutomationNotify>[0]['kind'], severity: 'info' | 'warning' | 'failure', title: string, body: string, botId: string): void {
    try {
      this.opts.notify({ kind, severity, title, body, botId, at: this.clock.now() });
    } catch (error) {
      (this.opts.onNotifyError ?? ((e) => console.error('auto-pause notifier failed:', e)))(error);
    }
  }
}
