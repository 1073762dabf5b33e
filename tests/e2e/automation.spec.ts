// Auto-pause in the real renderer and core through the test host: Settings → Auto-pause &
// reminders (all off by default) turned on from the keyboard and mouse; the host reports the
// screen locking (as Electron's powerMonitor would) → the bot is Paused, the tray says why, the
// window and notifications tell the user; unlocking → Recording again.
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { failOnPageErrors } from './support/host';
import { z } from 'zod';

test.describe.configure({ mode: 'serial' });

const SHOTS = 'test-results/screenshots';
const Created = z.object({ id: z.string() });
const Live = z.object({ ok: z.literal(true), value: z.object({ live: z.string() }) });
const Confirmed = z.object({ ok: z.literal(true), value: z.object({ kind: z.literal('confirmed') }) });
const Settings = z.object({
  ok: z.literal(true),
  value: z.object({ settings: z.object({ autoPause: z.object({ onLock: z.boolean(), onSuspend: z.boolean(), resumeOnUnlock: z.boolean() }), pausedReminder: z.object({ enabled: z.boolean(), everyMinutes: z.number() }) }) }),
});
const TrayItem = z.object({ id: z.string(), label: z.string(), enabled: z.boolean() });
const Power = z.object({ automation: z.object({ ok: z.literal(true), value: z.object({ trayLine: z.string().nullable() }) }), tray: z.object({ tooltip: z.string(), menu: z.array(TrayItem) }) });
const Notifications = z.object({ notifications: z.array(z.object({ kind: z.string(), title: z.string().optional(), message: z.string().optional() })) });

failOnPageErrors();
// One host serves every spec: leave automation off as it was found.
test.afterAll(async ({ request }) => {
  await dispatch(request, 'automation:update', { autoPause: { onLock: false, onSuspend: false, resumeOnUnlock: false }, pausedReminder: { enabled: false, everyMinutes: 10 } });
});

async function dispatch(request: APIRequestContext, channel: string, payload?: unknown): Promise<unknown> {
  const response = await request.post('/__host/dispatch', { data: payload === undefined ? { channel } : { channel, payload } });
  expect(response.ok()).toBe(true);
  return response.json();
}

async function live(request: APIRequestContext): Promise<string> {
  return Live.parse(await dispatch(request, 'bot:getState')).value.live;
}

async function power(request: APIRequestContext, event: 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume') {
  const response = await request.post(`/__host/power/${event}`, { data: {} });
  expect(response.status(), await response.text()).toBe(200);
  return Power.parse(await response.json());
}

async function shoot(page: Page, target: Locator | null, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = `${SHOTS}/automation-${name}-${scheme}.png`;
    if (target) await target.screenshot({ path });
    else await page.screenshot({ path });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('automation settings: off by default, each change saved at once, a bad interval refused in words', async ({ page, request }) => {
  await page.goto('/#settings');
  const section = page.getByTestId('automation-settings');
  await expect(section.getByRole('heading', { name: 'Auto-pause & reminders' })).toBeVisible();
  const onLock = section.getByRole('checkbox', { name: 'Pause the recording when the screen locks' });
  const onSleep = section.getByRole('checkbox', { name: 'Pause the recording when the computer goes to sleep' });
  const resume = section.getByRole('checkbox', { name: 'Resume when I unlock' });
  const remind = section.getByRole('checkbox', { name: 'Remind me while paused, every' });
  const leave = section.getByRole('checkbox', { name: 'Warn me before the bot leaves for not recording' });
  for (const box of [onLock, onSleep, resume, remind, leave]) await expect(box).not.toBeChecked();
  await expect(resume).toBeDisabled();
  await section.scrollIntoViewIfNeeded();
  await shoot(page, section, 'settings-off');

  // Each box shows the saved value: it turns checked once the core has saved it.
  await onLock.click();
  await expect(onLock).toBeChecked();
  await expect(resume).toBeEnabled();
  await resume.focus();
  await page.keyboard.press('Space');
  await expect(resume).toBeChecked();
  const minutes = section.getByRole('spinbutton', { name: 'Reminder interval in minutes' });
  await minutes.fill('0');
  await minutes.press('Enter');
  await expect(section.getByRole('alert')).toHaveText('Paused reminder interval: must be at least 1 minute (was 0)');
  await minutes.fill('15');
  await minutes.press('Enter');
  await expect(section.getByRole('alert')).toBeHidden();
  await remind.click();
  await expect(remind).toBeChecked();

  const saved = Settings.parse(await dispatch(request, 'automation:get')).value.settings;
  expect(saved.autoPause).toEqual({ onLock: true, onSuspend: false, resumeOnUnlock: true });
  expect(saved.pausedReminder).toEqual({ enabled: true, everyMinutes: 15 });
  await shoot(page, section, 'settings-on');
});

test('the screen locks → auto-paused, shown in the tray and the window; unlocked → recording again', async ({ page, request }) => {
  test.setTimeout(90_000);
  const created = await request.post('/__host/bots', { data: { name: 'Lock test', manual: true } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = Created.parse(await created.json());
  expect(await dispatch(request, 'bot:select', { botId: id })).toMatchObject({ ok: true });
  await expect.poll(() => live(request), { timeout: 20_000 }).toBe('not_recording');
  Confirmed.parse(await dispatch(request, 'control:press', { action: 'start' }));
  expect(await live(request)).toBe('recording');

  // Wide enough to show the host's tray panel beside the 420 px window.
  await page.setViewportSize({ width: 820, height: 640 });
  await page.goto('/');
  await expect(page.getByTestId('state-pill')).toHaveText('Recording');

  const locked = await power(request, 'lock-screen');
  expect(await live(request)).toBe('paused');
  expect(locked.automation.value.trayLine).toBe('Auto-paused on lock — resumes on unlock');
  expect(locked.tray.menu.slice(0, 2).map((item) => [item.id, item.label, item.enabled])).toEqual([
    ['status', 'Paused · Lock test · Sandbox', false],
    ['status-automation', 'Auto-paused on lock — resumes on unlock', false],
  ]);
  expect(locked.tray.tooltip).toMatch(/^Paused .* · Lock test · Sandbox\nAuto-paused on lock — resumes on unlock$/);

  await expect(page.getByTestId('state-pill')).toHaveText('Paused', { timeout: 10_000 });
  await expect(page.getByTestId('tray-item-status-automation')).toHaveText('Auto-paused on lock — resumes on unlock');
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'paused-sandbox');
  await expect(page.getByTestId('notice').filter({ hasText: 'Recording paused — screen locked. Recall Remote paused the recording when the screen locked.' })).toBeVisible();
  const shown = Notifications.parse(await (await request.get('/__host/notifications')).json()).notifications;
  expect(shown.at(-1)).toEqual({ kind: 'notice', title: 'Recording paused — screen locked', message: 'Recall Remote paused the recording when the screen locked. It resumes when you unlock the screen.' });
  await shoot(page, null, 'locked');

  // The Settings section says what automation is doing right now.
  await page.goto('/#settings');
  const section = page.getByTestId('automation-settings');
  await expect(section.getByTestId('automation-now')).toHaveText('Auto-paused on lock — resumes on unlock');
  await section.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 420, height: 640 });
  await shoot(page, section, 'settings-now');

  const unlocked = await power(request, 'unlock-screen');
  expect(await live(request)).toBe('recording');
  expect(unlocked.automation.value.trayLine).toBeNull();
  expect(unlocked.tray.menu.some((item) => item.id === 'status-automation')).toBe(false);
  await expect(section.getByTestId('automation-now')).toBeHidden();
  await page.goto('/');
  await expect(page.getByTestId('state-pill')).toHaveText('Recording', { timeout: 10_000 });

  const bad = await request.post('/__host/power/lid-closed', { data: {} });
  expect(bad.status()).toBe(400);

  // An `--action` forwarded to the running app goes through the same core as the shortcut.
  const forwarded = await request.post('/__host/action/toggle-pause', { data: {} });
  expect(await forwarded.json()).toEqual({ action: 'toggle-pause', status: 'done', exitCode: 0, message: 'Recording paused' });
  await expect(page.getByTestId('state-pill')).toHaveText('Paused', { timeout: 10_000 });
  const refused = await request.post('/__host/action/pause', { data: {} });
  expect(await refused.json()).toMatchObject({ action: 'pause', status: 'refused', exitCode: 1 });
  Confirmed.parse(await dispatch(request, 'control:press', { action: 'stop' }));
});
