// System notifications for what the user did without looking: a confirmation after a shortcut
// worked (switchable in Settings), and every failure or refusal (always — a press that silently
// did nothing is the worst outcome). One notification at a time: a new one replaces the last, so
// a burst of presses leaves one, current message. Silent, because the meeting's mic would hear it.
// Automation's notices (auto-paused, still paused, the bot may leave) follow the master switch.
import { Notification } from 'electron';
import type { HotkeyOutcome } from '../../core/hotkeys';
import type { NotificationSettings } from '../../core/settings';

export const APP_TITLE = 'Recall Remote';

/** Things that look like credentials (a Recall key is 40 hex digits; `Token …` headers). */
const SECRET_LIKE = [/\bToken\s+[\w.~+/=-]+/g, /\b[0-9a-f]{32,}\b/gi];

/** Text with credential-looking tokens replaced: a message may quote a server reply. */
export function scrubSecrets(text: string): string {
  return SECRET_LIKE.reduce((out, pattern) => out.replace(pattern, '[hidden]'), text);
}

type NotificationKind = 'confirmation' | 'notice' | 'warning' | 'failure';

export interface NotifierOptions {
  settings: () => NotificationSettings;
  /** Clicking a notification, e.g. to show the window. */
  onClick?: () => void;
  log?: (message: string) => void;
}

export interface Notifier {
  /** Whether this system can show notifications at all. */
  readonly supported: boolean;
  /** Pass as the HotkeyDispatcher's `notify`. */
  hotkeyOutcome(outcome: HotkeyOutcome): void;
  /** Any other failure the user must learn about (tray action, download…). Always shown. */
  failure(title: string, message: string): void;
  /** Information or a warning the user asked for (automation); shown while notifications are on. */
  notice(title: string, message: string): void;
  /** Closes the notification on screen, if any. */
  dispose(): void;
}

interface Shown {
  title: string;
  body: string;
  kind: NotificationKind;
}

function describe(outcome: HotkeyOutcome): Shown | null {
  switch (outcome.status) {
    case 'done':
      // The window appearing is its own confirmation.
      return outcome.action === 'show-window' ? null : { kind: 'confirmation', title: APP_TITLE, body: outcome.message };
    case 'armed':
      return { kind: 'warning', title: `${APP_TITLE} — press again to confirm`, body: outcome.message };
    case 'refused':
      return { kind: 'failure', title: `${APP_TITLE} — nothing was sent`, body: outcome.message };
    case 'error':
      return { kind: 'failure', title: `${APP_TITLE} — action failed`, body: outcome.message };
  }
}

export function createNotifier(opts: NotifierOptions): Notifier {
  const log = opts.log ?? (() => undefined);
  const supported = Notification.isSupported();
  let current: Notification | null = null;

  const show = ({ title, body, kind }: Shown): void => {
    if (!supported) {
      if (kind === 'failure') log(`notifications unsupported; not shown: ${scrubSecrets(title)}`);
      return;
    }
    const settings = opts.settings();
    if (kind === 'confirmation' && !(settings.enabled && settings.onHotkeyConfirm)) return;
    if (kind === 'notice' && !settings.enabled) return;
    const next = new Notification({
      title: scrubSecrets(title),
      body: scrubSecrets(body),
      silent: true,
      ...(kind === 'failure' ? { urgency: 'critical' as const } : {}),
    });
    if (opts.onClick) next.on('click', opts.onClick);
    current?.close();
    current = next;
    next.on('close', () => {
      if (current === next) current = null;
    });
    next.show();
  };

  return {
    supported,
    hotkeyOutcome(outcome) {
      const shown = describe(outcome);
      if (shown) show(shown);
    },
    failure(title, message) {
      show({ kind: 'failure', title: `${APP_TITLE} — ${title}`, body: message });
    },
    notice(title, message) {
      show({ kind: 'notice', title, body: message });
    },
    dispose() {
      current?.close();
      current = null;
    },
  };
}
