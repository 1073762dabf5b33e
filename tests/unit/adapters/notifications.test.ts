// Notifications: confirmations follow the Settings switches, failures and refusals always show,
// a burst leaves one notification on screen, and nothing secret is ever displayed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotkeyOutcome } from '../../../electron/core/hotkeys';
import { defaultSettings } from '../../../electron/core/settings';
import type { NotificationSettings } from '../../../electron/core/settings';
import { FakeNotification } from './electron-fakes';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  return { Notification: fakes.FakeNotification };
});

const { createNotifier, scrubSecrets } = await import('../../../electron/main/adapters/notifications');

const done: HotkeyOutcome = { action: 'pause', at: 1, status: 'done', message: 'Recording paused' };
const failed: HotkeyOutcome = { action: 'resume', at: 2, status: 'error', kind: 'network', message: 'Recall could not be reached — check your connection' };
const refused: HotkeyOutcome = { action: 'start', at: 3, status: 'refused', message: 'No bot selected — choose one from the tray menu or the window' };
const armed: HotkeyOutcome = { action: 'start', at: 4, status: 'armed', until: 5000, message: 'Press Start again within 5 s to overwrite the recording' };

function notifier(settings: Partial<NotificationSettings> = {}) {
  const current: NotificationSettings = { ...defaultSettings().notifications, ...settings };
  return createNotifier({ settings: () => current });
}

beforeEach(() => {
  FakeNotification.created.length = 0;
  FakeNotification.supported = true;
});

describe('createNotifier', () => {
  it('confirms a shortcut that worked, silently (the meeting mic would hear a sound)', () => {
    notifier().hotkeyOutcome(done);
    expect(FakeNotification.visible().map((n) => n.options)).toEqual([{ title: 'Recall Remote', body: 'Recording paused', silent: true }]);
  });

  it('turning confirmations off (or all notifications) hides confirmations only', () => {
    const quiet = notifier({ onHotkeyConfirm: false });
    quiet.hotkeyOutcome(done);
    expect(FakeNotification.created).toHaveLength(0);
    quiet.hotkeyOutcome(failed);
    expect(FakeNotification.visible().map((n) => n.options.body)).toEqual([failed.message]);
    FakeNotification.created.length = 0;

    const off = notifier({ enabled: false });
    off.hotkeyOutcome(done);
    off.hotkeyOutcome(refused);
    expect(FakeNotification.visible().map((n) => n.options.title)).toEqual(['Recall Remote — nothing was sent']);
  });

  it('always shows failures, refusals and the overwrite warning, failures as critical', () => {
    const n = notifier({ enabled: false, onHotkeyConfirm: false });
    n.hotkeyOutcome(failed);
    expect(FakeNotification.created.at(-1)?.options).toMatchObject({ title: 'Recall Remote — action failed', body: failed.message, urgency: 'critical' });
    n.hotkeyOutcome(refused);
    expect(FakeNotification.created.at(-1)?.options.title).toBe('Recall Remote — nothing was sent');
    n.hotkeyOutcome(armed);
    expect(FakeNotification.created.at(-1)?.options).toMatchObject({ title: 'Recall Remote — press again to confirm', body: armed.message });
    n.failure('download failed', 'The disk is full');
    expect(FakeNotification.created.at(-1)?.options).toMatchObject({ title: 'Recall Remote — download failed', body: 'The disk is full' });
  });

  it('a burst of presses leaves only the latest notification on screen', () => {
    const n = notifier();
    n.hotkeyOutcome(done);
    n.hotkeyOutcome(failed);
    n.hotkeyOutcome(done);
    expect(FakeNotification.created).toHaveLength(3);
    expect(FakeNotification.visible()).toHaveLength(1);
    expect(FakeNotification.visible()[0]?.options.body).toBe('Recording paused');
  });

  it('does not notify when the window itself appeared', () => {
    notifier().hotkeyOutcome({ action: 'show-window', at: 1, status: 'done', message: 'Window shown' });
    expect(FakeNotification.created).toHaveLength(0);
  });

  it('does nothing (and does not throw) where notifications are unsupported', () => {
    FakeNotification.supported = false;
    const n = notifier();
    expect(n.supported).toBe(false);
    n.hotkeyOutcome(failed);
    expect(FakeNotification.created).toHaveLength(0);
  });

  it('clicking a notification runs onClick; dispose closes what is on screen', () => {
    const onClick = vi.fn();
    const n = createNotifier({ settings: () => defaultSettings().notifications, onClick });
    n.hotkeyOutcome(failed);
    FakeNotification.created.at(-1)?.handlers.get('click')?.();
    expect(onClick).toHaveBeenCalledTimes(1);
    n.dispose();
    expect(FakeNotification.visible()).toHaveLength(0);
  });

  it('never shows a key-like token, even when an error message quotes one', () => {
    const key = '8f14e45fceea167a5a36dedd4bea2543aa1b2c3d';
    notifier().hotkeyOutcome({ ...failed, message: `Recall said: invalid token ${key} (Authorization: Token ${key})` });
    const shown = FakeNotification.created.at(-1)?.options;
    expect(JSON.stringify(shown)).not.toContain(key);
    expect(shown?.body).toBe('Recall said: invalid token [hidden] (Authorization: [hidden])');
  });

  it('shows automation notices silently, untouched by the shortcut-confirmation switch, hidden when notifications are off', () => {
    const n = notifier({ onHotkeyConfirm: false });
    n.notice('Recording paused — screen locked', 'Recall Remote paused the recording when the screen locked.');
    expect(FakeNotification.visible().map((x) => x.options)).toEqual([
      { title: 'Recording paused — screen locked', body: 'Recall Remote paused the recording when the screen locked.', silent: true },
    ]);
    n.notice('Recording still paused', 'Paused for 10 min');
    expect(FakeNotification.visible().map((x) => x.options.title)).toEqual(['Recording still paused']);
    FakeNotification.created.length = 0;
    notifier({ enabled: false }).notice('Recording still paused', 'Paused for 10 min');
    expect(FakeNotification.created).toHaveLength(0);
  });

  it('scrubSecrets leaves ordinary ids and text alone', () => {
    const text = 'Bot 3fa85f64-5717-4562-b3fc-2c963f66afa6 paused at 00:12:34';
    expect(scrubSecrets(text)).toBe(text);
  });
});
