// Recording control from the window and from global shortcuts, end to end through the test host
// (real core, embedded sandbox at speed 20): connect, send a bot, drive it with the buttons and
// with the hotkey dispatcher, and see the live header and the tray model follow every step.
// Each visible state is saved as a screenshot under test-results/screenshots/.
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { failOnPageErrors } from './support/host';
import { z } from 'zod';

test.describe.configure({ mode: 'serial' });

const BOT_NAME = 'Weekly sync';
const Created = z.object({ id: z.string() });
const HostInfo = z.object({ sandboxBaseUrl: z.string().nullable() });
const CoreState = z.object({
  ok: z.literal(true),
  value: z.object({ botId: z.string(), live: z.string(), recording: z.object({ id: z.string() }).nullable() }),
});

failOnPageErrors();
test.afterEach(async ({ request }) => {
  await request.delete('/__host/faults');
});

async function shot(page: Page, testInfo: TestInfo, name: string, scheme: 'light' | 'dark' = 'light', top = true): Promise<void> {
  // The window as it opens (scrolled to the top), the pointer parked on the app bar so no hover
  // tooltip hides what the state looks like.
  if (top) await page.locator('#root').evaluate((root) => root.scrollIntoView({ block: 'start' }));
  await page.mouse.move(200, 20);
  if (scheme === 'dark') await page.emulateMedia({ colorScheme: 'dark' });
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  if (scheme === 'dark') await page.emulateMedia({ colorScheme: 'light' });
}

async function coreState(request: APIRequestContext): Promise<z.infer<typeof CoreState>['value']> {
  const response = await request.post('/__host/dispatch', { data: { channel: 'bot:getState' } });
  return CoreState.parse(await response.json()).value;
}

async function hotkey(request: APIRequestContext, action: string): Promise<void> {
  const response = await request.post(`/__host/hotkey/${action}`, { data: {} });
  expect(response.ok(), await response.text()).toBe(true);
}

async function expectTray(page: Page, icon: string, tooltip: RegExp, enabled: Record<string, boolean>): Promise<void> {
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', icon);
  await expect(page.getByTestId('tray-tooltip')).toHaveText(tooltip);
  for (const [id, on] of Object.entries(enabled)) {
    await expect(page.getByTestId(`tray-item-${id}`)).toHaveAttribute('data-enabled', String(on));
  }
}

const pill = (page: Page) => page.getByTestId('state-pill');
const button = (page: Page, action: string) => page.getByTestId(`action-${action}`);

test('Settings connects to the sandbox; a wrong key is refused with a specific error', async ({ page, request }, testInfo) => {
  await page.goto('/#settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeFocused();
  const form = page.getByTestId('connect-form');

  // Nothing is sent without a key.
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(form.getByLabel('Recall API key')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toHaveText('Enter your Recall API key.');

  // A real check against a Recall-compatible server (the sandbox) that refuses the key.
  const { sandboxBaseUrl } = HostInfo.parse(await (await request.get('/__host/info')).json());
  expect(sandboxBaseUrl).not.toBeNull();
  await form.getByLabel('Recall API key').fill('definitely-not-the-key');
  await form.getByRole('button', { name: 'Use a custom Recall-compatible URL' }).click();
  await expect(form.getByRole('button', { name: 'Use a custom Recall-compatible URL' })).toHaveAttribute('aria-expanded', 'true');
  await form.getByLabel('Base URL').fill(sandboxBaseUrl ?? '');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(form.getByLabel('Recall API key')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toContainText(/key/i);
  // The key is never echoed: the field is a password field and the app stays on the sandbox.
  await expect(form.getByLabel('Recall API key')).toHaveAttribute('type', 'password');
  await expect(page.getByTestId('mode-badge')).toHaveText('Sandbox');
  await shot(page, testInfo, 'connect-error');

  await form.getByRole('button', { name: 'Use sandbox' }).click();
  await expect(page.getByTestId('connect-status')).toHaveText('✓ Using the built-in sandbox.');
  await expect(page.getByTestId('connection-current')).toContainText('Built-in sandbox');
  await expect(page.getByTestId('mode-badge')).toHaveText('Sandbox');
  await shot(page, testInfo, 'connect');
  await shot(page, testInfo, 'connect-dark', 'dark');

  // Esc closes Settings and gives focus back to the gear.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
  await expect(pill(page)).toBeVisible();
});

test('a joining bot shows Joining, with every action disabled and why on focus', async ({ page, request }, testInfo) => {
  const response = await request.post('/__host/bots', { data: { name: 'Late joiner', manual: true, metadata: { sandbox_join_seconds: '600' } } });
  const { id } = Created.parse(await response.json());
  await page.goto('/');
  await page.getByLabel('Bot ID').fill(id);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(pill(page)).toHaveText('Joining');
  await expect(button(page, 'pause')).toHaveAttribute('aria-disabled', 'true');
  await expect(button(page, 'start')).toHaveAttribute('aria-disabled', 'true');
  await expect(button(page, 'leave')).not.toHaveAttribute('aria-disabled', 'true');

  // Keyboard focus reveals the reason, tied to the button as its description.
  await button(page, 'pause').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(button(page, 'start')).toBeFocused();
  await expect(button(page, 'start')).toHaveAccessibleDescription('The bot has not joined the call yet');
  await expect(page.getByRole('tooltip', { name: 'The bot has not joined the call yet' }).first()).toBeVisible();
  await expectTray(page, 'not-recording-sandbox', /^Joining the call · Late joiner · Sandbox$/, { pause: false, start: false, leave: true });
  await page.screenshot({ path: 'test-results/screenshots/joining.png' });
  await testInfo.attach('joining', { path: 'test-results/screenshots/joining.png', contentType: 'image/png' });
});

test('send a bot with the form, then Start, Pause, Resume and Stop from the buttons', async ({ page, request }, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Send a bot to a meeting' }).click();
  const form = page.getByTestId('send-bot-form');
  await expect(form.getByLabel('I’ll start recording myself')).toBeChecked();

  // A link that is not one gets a specific error under its field; nothing is sent.
  await form.getByLabel('Meeting link').fill('zoom.us/j/123');
  await form.getByLabel('Bot name').fill(BOT_NAME);
  await form.getByRole('button', { name: 'Send bot' }).click();
  await expect(form.getByLabel('Meeting link')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toHaveText('The meeting link must start with https://');
  await expect(form.getByLabel('Meeting link')).toBeFocused();
  await shot(page, testInfo, 'send-bot-form', 'light', false);

  // Recall's own refusal lands under the field it is about too.
  await form.getByLabel('Meeting link').fill('https://example.com/meeting');
  await form.getByRole('button', { name: 'Send bot' }).click();
  await expect(form.getByRole('alert')).toContainText('unsupported platform');
  await expect(form.getByLabel('Meeting link')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Meeting link').fill('https://us02web.zoom.us/j/84512345678?pwd=weekly');
  await form.getByRole('button', { name: 'Send bot' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('bot-name')).toHaveText(BOT_NAME);
  // Manual: the bot joins and records nothing until Start.
  await expect(pill(page)).toHaveText('Not recording');
  await expect(page.getByTestId('elapsed')).toContainText('0:00:00');
  await expect(button(page, 'pause')).toHaveAttribute('aria-disabled', 'true');
  await expectTray(page, 'not-recording-sandbox', /^In call, not recording · Weekly sync · Sandbox$/, { pause: false, resume: false, start: true, stop: false, leave: true });
  await shot(page, testInfo, 'not-recording');

  await button(page, 'start').click();
  await expect(pill(page)).toHaveText('Recording');
  await expect(page.getByTestId('action-status')).toHaveText('Recording started');
  await expectTray(page, 'recording-sandbox', /^Recording · \d\d:\d\d:\d\d · Weekly sync · Sandbox$/, { pause: true, resume: false, start: true, stop: true });
  const elapsed = page.getByTestId('elapsed');
  const before = await elapsed.textContent();
  await expect(elapsed).not.toHaveText(before ?? '');
  await shot(page, testInfo, 'recording');
  await shot(page, testInfo, 'recording-dark', 'dark');

  // Pause with Recall slowed down: the pending line says what is happening until it is confirmed.
  await request.post('/__host/faults', { data: { latencyMs: { control: 1500 } } });
  await button(page, 'pause').click();
  await expect(page.getByTestId('pending')).toContainText('Pausing…');
  await expect(button(page, 'pause')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'switching-paused-sandbox');
  await shot(page, testInfo, 'switching');
  await expect(pill(page)).toHaveText('Paused', { timeout: 15_000 });
  await expect(page.getByTestId('pending')).toHaveCount(0);
  await expect(page.getByTestId('action-status')).toHaveText('Recording paused');
  await expectTray(page, 'paused-sandbox', /^Paused \d\d:\d\d · Weekly sync · Sandbox$/, { pause: false, resume: true, stop: true });
  await request.delete('/__host/faults');
  await shot(page, testInfo, 'paused');
  await shot(page, testInfo, 'paused-dark', 'dark');

  // Keyboard: focus Resume, Enter.
  await button(page, 'resume').focus();
  await page.keyboard.press('Enter');
  await expect(pill(page)).toHaveText('Recording');
  await expect(page.getByTestId('action-status')).toHaveText('Recording resumed');
  await expectTray(page, 'recording-sandbox', /^Recording · /, { pause: true, resume: false });

  await button(page, 'stop').click();
  await expect(pill(page)).toHaveText('Not recording');
  await expect(page.getByTestId('action-status')).toHaveText('Recording stopped');
  await expectTray(page, 'not-recording-sandbox', /^In call, not recording · Weekly sync/, { pause: false, resume: false, start: true, stop: false });
});

test('global shortcuts drive the same bot, toggle-pause included, and the window follows', async ({ page, request }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('bot-name')).toHaveText(BOT_NAME);
  await expect(pill(page)).toHaveText('Not recording');

  await hotkey(request, 'start');
  await expect(pill(page)).toHaveText('Recording');
  await expect(page.getByTestId('notice').filter({ hasText: 'Recording started' })).toBeVisible();
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'recording-sandbox');

  await hotkey(request, 'toggle-pause');
  await expect(pill(page)).toHaveText('Paused');
  await expectTray(page, 'paused-sandbox', /^Paused /, { resume: true, pause: false });

  await hotkey(request, 'toggle-pause');
  await expect(pill(page)).toHaveText('Recording');
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'recording-sandbox');

  await hotkey(request, 'pause');
  await expect(pill(page)).toHaveText('Paused');
  await hotkey(request, 'resume');
  await expect(pill(page)).toHaveText('Recording');

  await hotkey(request, 'stop');
  await expect(pill(page)).toHaveText('Not recording');
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'not-recording-sandbox');

  // A shortcut that makes no sense now sends nothing and says why.
  await hotkey(request, 'pause');
  const refused = page.getByTestId('notice').filter({ hasText: 'Not recording — nothing to pause' });
  await expect(refused).toHaveAttribute('data-level', 'warning');
  await expect(page.getByTestId('notice')).toHaveCount(3);
  await shot(page, testInfo, 'notices');
  await refused.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(refused).toHaveCount(0);
  await expect(pill(page)).toHaveText('Not recording');
});

test('Start while recording asks inline; a Start shortcut arms the same confirmation', async ({ page, request }, testInfo) => {
  await page.goto('/');
  await button(page, 'start').click();
  await expect(pill(page)).toHaveText('Recording');
  const first = (await coreState(request)).recording?.id;
  expect(first).toBeTruthy();

  await button(page, 'start').click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText('This overwrites the current recording.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, testInfo, 'start-confirm');
  // Esc is Cancel: nothing is sent, focus returns to Start.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(button(page, 'start')).toBeFocused();
  expect((await coreState(request)).recording?.id).toBe(first);

  await button(page, 'start').click();
  await confirm.getByRole('button', { name: 'Start anyway' }).click();
  await expect(page.getByTestId('action-status')).toHaveText('Recording started');
  await expect.poll(async () => (await coreState(request)).recording?.id).not.toBe(first);
  await expect(pill(page)).toHaveText('Recording');

  // One Start shortcut only arms: the window offers the same confirmation.
  const second = (await coreState(request)).recording?.id;
  await hotkey(request, 'start');
  await expect(confirm).toContainText('This overwrites the current recording.');
  await expect(page.getByTestId('notice').filter({ hasText: /overwrite/ })).toBeVisible();
  await confirm.getByRole('button', { name: 'Start anyway' }).click();
  await expect.poll(async () => (await coreState(request)).recording?.id).not.toBe(second);
  await expect(confirm).toHaveCount(0);
});

test('a refused press says why; a failed press shows the error and Retry re-presses it', async ({ page, request }, testInfo) => {
  await page.goto('/');
  await expect(pill(page)).toHaveText('Recording');
  await button(page, 'stop').click();
  await expect(pill(page)).toHaveText('Not recording');

  // Pause is disabled: pressing it anyway (keyboard) says why and sends nothing.
  await button(page, 'pause').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-status')).toHaveText('Not recording — nothing to pause');
  await expect(page.getByTestId('action-status')).toHaveAttribute('data-kind', 'refused');
  await shot(page, testInfo, 'refused');

  // Recall refuses every control request: Start fails with Recall's reason, in words.
  await request.post('/__host/faults', { data: { errorRate: 1, errorStatuses: [400], errorClasses: ['control'] } });
  await button(page, 'start').click();
  const error = page.getByTestId('live-error');
  await expect(error).toBeVisible({ timeout: 15_000 });
  await expect(error.getByRole('button', { name: 'Retry Start' })).toBeVisible();
  await expect(pill(page)).toHaveText('Not recording');
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', /sandbox$/);
  await shot(page, testInfo, 'error');
  await shot(page, testInfo, 'error-dark', 'dark');

  await request.delete('/__host/faults');
  await error.getByRole('button', { name: 'Retry Start' }).click();
  await expect(pill(page)).toHaveText('Recording');
  await expect(page.getByTestId('live-error')).toHaveCount(0);
});

test('Leave call asks first; then the bot leaves and the header says why', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(pill(page)).toHaveText('Recording');
  await button(page, 'leave').click();
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText('The bot leaves the meeting for good.');
  await shot(page, testInfo, 'leave-confirm');
  await confirm.getByRole('button', { name: 'Leave call' }).click();

  await expect(pill(page)).toHaveText('Ended', { timeout: 15_000 });
  await expect(page.getByTestId('bot-meta')).toContainText('You made the bot leave');
  for (const action of ['pause', 'resume', 'start', 'stop', 'leave']) {
    await expect(button(page, action)).toHaveAttribute('aria-disabled', 'true');
  }
  await expect(page.getByTestId('tray-icon')).toHaveAttribute('data-icon-id', 'ended-sandbox');
  await expect(page.getByTestId('tray-item-leave')).toHaveAttribute('data-enabled', 'false');
  await shot(page, testInfo, 'ended');
  await shot(page, testInfo, 'ended-dark', 'dark');
});
