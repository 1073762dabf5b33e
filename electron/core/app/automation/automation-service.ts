// Automation in the app core: auto-pause and the reminders on the selected bot's controller
// (re-targeted whenever the selection changes), their notices to the notifier and the window, the
// `automation:*` handlers over the saved settings, the tray's automation line, and the router that
// runs actions forwarded from `--action` like global shortcuts.
import { Automation, LEAVE_SOON_MS, createActionRouter } from '../../automation';
import type { ActionRouter, AutomationNotice, PowerEvent } from '../../automation';
import type { RecordingController, TimerHandle } from '../../control';
import type { HotkeyOutcome } from '../../hotkeys';
import { SettingsUpdateError } from '../../settings';
import { EVENTS } from '../../../contract';
import type { AutomationChannel, AutomationView, Notice } from '../../../contract';
import type { Clock, EventSink, LogLevel, NotifierPort, SettingsPort, Timers } from '../deps';
import type { Handlers } from '../dispatch';
import { CoreError } from '../errors';
import { automationView } from './automation-view';

export interface AutomationServiceDeps {
  settings: SettingsPort;
  /** The selected bot's controller; null while none is selected. */
  target(): RecordingController | null;
  notifier: NotifierPort;
  /** Shows a notice in the window (`app:notice`). */
  announce(notice: Notice): void;
  /** A forwarded `--action` outcome, reported like a global shortcut's. */
  notifyOutcome(outcome: HotkeyOutcome): void;
  events: EventSink;
  clock: Clock;
  timers: Timers;
  /** `process.platform`: how a locked screen is detected. */
  platform: string;
  /** The tray's automation line may have changed (the core redraws the tray, which calls sync). */
  onChange(): void;
  log?(level: LogLevel, message: string): void;
}

export type AutomationHandlers = Pick<Handlers, AutomationChannel>;

export interface AutomationService {
  readonly handlers: AutomationHandlers;
  /** Follows the selected bot and publishes `automation:changed` when the view changed. */
  sync(): void;
  /** The tray's automation line now, or null. */
  trayLine(): string | null;
  handlePowerEvent(event: PowerEvent): Promise<void>;
  /** Runs a forwarded `--action` on the selected bot, like its global shortcut. */
  readonly routeAction: ActionRouter;
  dispose(): void;
}

const APP_PREFIX = /^Recall Remote — /;
const MINUTE_MS = 60_000;

function noticeLevel(severity: AutomationNotice['severity']): Notice['level'] {
  return severity === 'failure' ? 'error' : severity === 'warning' ? 'warning' : 'info';
}

export function createAutomationService(deps: AutomationServiceDeps): AutomationService {
  const log = (level: LogLevel, message: string) => deps.log?.(level, message);
  let disposed = false;
  let syncing = false;
  let shown = '';
  let tick: TimerHandle | null = null;

  const notify = (notice: AutomationNotice): void => {
    if (disposed) return;
    // The notifier adds the app's name to failure titles itself.
    if (notice.severity === 'failure') deps.notifier.failure(notice.title.replace(APP_PREFIX, ''), notice.body);
    else deps.notifier.notice(notice.title, notice.body);
    deps.announce({ level: noticeLevel(notice.severity), message: `${notice.title}. ${notice.body}` });
  };

  const automation = new Automation({
    settings: () => deps.settings.get().automation,
    notify,
    clock: deps.clock,
    timers: deps.timers,
    onNotifyError: (error) => log('error', `an automation notice failed: ${error instanceof Error ? error.message : String(error)}`),
  });

  const view = (): AutomationView => automationView(automation, deps.settings.get().automation, deps.platform);

  const stopTick = () => {
    if (tick !== null) deps.timers.clearTimeout(tick);
    tick = null;
  };

  /** The tray's "may leave in N min" line counts down: wake when it appears and each minute after. */
  const scheduleTick = (leaveAt: number | null) => {
    stopTick();
    if (disposed || leaveAt === null) return;
    const left = leaveAt - deps.clock.now();
    if (left <= 0) return;
    const delay = left > LEAVE_SOON_MS ? left - LEAVE_SOON_MS : (left % MINUTE_MS || MINUTE_MS) + 1;
    tick = deps.timers.setTimeout(() => {
      tick = null;
      deps.onChange();
    }, delay);
  };

  const sync = (): void => {
    if (disposed) return;
    syncing = true;
    try {
      automation.setTarget(deps.target());
    } finally {
      syncing = false;
    }
    const current = view();
    scheduleTick(current.autoPause === null ? current.leaveAt : null);
    const key = JSON.stringify(current);
    if (key === shown) return;
    shown = key;
    deps.events.emit(EVENTS.automationChanged, current);
  };

  const unsubscribe = automation.subscribe(() => {
    // During sync the caller redraws the tray anyway.
    if (!syncing && !disposed) deps.onChange();
  });

  const routeAction = createActionRouter({
    target: () => deps.target(),
    notify: (outcome) => deps.notifyOutcome(outcome),
    clock: deps.clock,
    onNotifyError: (error) => log('error', `notifying a forwarded action failed: ${error instanceof Error ? error.message : String(error)}`),
  });

  const handlers: AutomationHandlers = {
    'automation:get': async () => view(),
    'automation:update': async (patch) => {
      const written = deps.settings.update({ automation: patch });
      if (!written.ok) throw new CoreError(written.error instanceof SettingsUpdateError ? 'validation' : 'storage', written.error.message);
      automation.settingsChanged();
      // The tray line says whether an auto-pause resumes on unlock.
      deps.onChange();
      return view();
    },
  };

  return {
    handlers,
    sync,
    trayLine: () => (disposed ? null : automation.trayLine()),
    handlePowerEvent: (event) => {
      if (disposed) return Promise.resolve();
      log('info', `power event: ${event}`);
      return automation.handlePowerEvent(event);
    },
    routeAction,
    dispose() {
      if (disposed) return;
      disposed = true;
      stopTick();
      unsubscribe();
      automation.dispose();
    },
  };
}
