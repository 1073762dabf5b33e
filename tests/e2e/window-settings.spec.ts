// Settings end to end through the test host: the global-shortcut recorder (keyboard in, Electron
// accelerator out, live registration status back), refusals with their reasons, another app
// holding a shortcut, Reset to defaults, the general preferences, and opening Settings from the
// tray. Screenshots of the states land in test-results/screenshots/.
import { expect, test } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { failOnPageErrors } from './support/host';
import { z } from 'zod';

test.describe.configure({ mode: 'serial' });

failOnPageErrors();

async function shot(target: Page | Locator, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screenshots/${name}.png`;
  await target.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const row = (page: Page, action: string) => page.getByTestId(`hotkey-${action}`);

async function openShortcuts(page: Page): Promise<void> {
  await page.goto('/#settings/hotkeys');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(row(page, 'pause').getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+Shift+H');
}

test('a new shortcut is recorded from the keyboard, registered, and shown on its button', async ({ page, request }, testInfo) => {
  const created = await request.post('/__host/bots', { data: { name: 'Shortcut check', manual: true } });
  expect(created.status()).toBe(201);
  const { id } = z.object({ id: z.string() }).parse(await created.json());
  await page.goto('/');
  await page.getByLabel('Bot ID').fill(id);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(page.getByTestId('bot-name')).toHaveText('Shortcut check');
  await openShortcuts(page);
  const pause = row(page, 'pause');
  await expect(pause.getByTestId('hotkey-status')).toHaveText('✓ Registered');

  // Keyboard only: focus Record, Enter to listen, then the chord.
  await pause.getByRole('button', { name: 'Record Pause shortcut' }).focus();
  await page.keyboard.press('Enter');
  const listening = pause.getByRole('button', { name: /^Listening for the Pause shortcut/ });
  await expect(listening).toBeFocused();
  await expect(listening).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.down('Control');
  await page.keyboard.down('Alt');
  await expect(pause.getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+');
  await shot(page.getByTestId('settings').locator('#settings-hotkeys'), testInfo, 'settings-hotkey-listening');
  await page.keyboard.press('KeyK');
  await page.keyboard.up('Alt');
  await page.keyboard.up('Control');

  await expect(pause.getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+K');
  await expect(pause.getByTestId('hotkey-status')).toHaveText('✓ Registered');
  await expect(pause.getByRole('button', { name: 'Record Pause shortcut' })).toHaveAttribute('aria-pressed', 'false');
  // The tray menu shows the new accelerator; the window's Pause button shows it too.
  await expect(page.getByTestId('tray-accelerator-pause')).toHaveText(/^(Ctrl\+Alt\+K|CommandOrControl\+Alt\+K)$/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);
  await expect(page.getByTestId('action-pause')).toContainText('Ctrl+Alt+K');
});

test('a refused shortcut says why and keeps the old one; Esc cancels, Backspace clears', async ({ page }, testInfo) => {
  await openShortcuts(page);
  const start = row(page, 'start');

  // Shift + a letter would swallow that character in every app.
  await start.getByRole('button', { name: 'Record Start shortcut' }).click();
  await page.keyboard.press('Shift+A');
  await expect(start.getByTestId('hotkey-message')).toContainText('Not saved — ');
  await expect(start.getByTestId('hotkey-message')).toContainText('would stop you typing that character');
  await expect(start.getByTestId('hotkey-status')).toHaveText('✓ Registered');
  await expect(start.getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+Shift+R');

  // The keys of another action are refused with whose they are.
  await start.getByRole('button', { name: 'Record Start shortcut' }).click();
  await page.keyboard.press('Control+Alt+Shift+T');
  await expect(start.getByTestId('hotkey-message')).toContainText('Stop');
  await expect(start.getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+Shift+R');
  await shot(page.getByTestId('settings').locator('#settings-hotkeys'), testInfo, 'settings-hotkey-invalid');

  // Esc while listening cancels the recording only (Settings stays open).
  await start.getByRole('button', { name: 'Record Start shortcut' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect(start.getByRole('button', { name: 'Record Start shortcut' })).toHaveAttribute('aria-pressed', 'false');
  await expect(start.getByTestId('hotkey-value')).toHaveText('Ctrl+Alt+Shift+R');

  // Backspace while listening unbinds.
  const show = row(page, 'show-window');
  await show.getByRole('button', { name: 'Record Show window shortcut' }).click();
  await page.keyboard.press('Backspace');
  await expect(show.getByTestId('hotkey-value')).toHaveText('Not set');
  await expect(show.getByTestId('hotkey-status')).toHaveText('Not set');
  await expect(show.getByRole('button', { name: 'Clear Show window shortcut' })).toBeDisabled();
});

test('a shortcut another app holds shows as in use, live; Reset to defaults restores all', async ({ page, request }, testInfo) => {
  await openShortcuts(page);
  const resume = row(page, 'resume');
  await expect(resume.getByTestId('hotkey-status')).toHaveText('✓ Registered');

  const taken = await request.post('/__host/hotkeys/simulate-in-use', { data: { accelerator: 'CommandOrControl+Alt+Shift+U' } });
  expect(taken.ok()).toBe(true);
  await expect(resume.getByTestId('hotkey-status')).toHaveText('In use by another app');
  await expect(resume).toHaveAttribute('data-status', 'in_use');
  await expect(resume.getByTestId('hotkey-message')).not.toBeEmpty();
  await page.locator('#settings-hotkeys').evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await shot(page, testInfo, 'settings');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page.getByTestId('settings').locator('#settings-hotkeys'), testInfo, 'settings-hotkeys-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const released = await request.post('/__host/hotkeys/release', { data: { accelerator: 'CommandOrControl+Alt+Shift+U' } });
  expect(released.ok()).toBe(true);
  await row(page, 'show-window').getByRole('button', { name: 'Record Show window shortcut' }).click();
  await page.keyboard.press('Backspace');
  await expect(row(page, 'show-window').getByTestId('hotkey-value')).toHaveText('Not set');

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  const defaults: Record<string, string> = {
    'toggle-pause': 'Ctrl+Alt+Shift+P',
    pause: 'Ctrl+Alt+Shift+H',
    resume: 'Ctrl+Alt+Shift+U',
    start: 'Ctrl+Alt+Shift+R',
    stop: 'Ctrl+Alt+Shift+T',
    'show-window': 'Ctrl+Alt+Shift+W',
  };
  for (const [action, keys] of Object.entries(defaults)) {
    await expect(row(page, action).getByTestId('hotkey-value')).toHaveText(keys);
    await expect(row(page, action).getByTestId('hotkey-status')).toHaveText('✓ Registered');
  }
});

test('general preferences save at once; the downloads folder can go back to the default', async ({ page }) => {
  await page.goto('/#settings/general');
  const notifications = page.getByLabel('Show desktop notifications');
  const confirmEach = page.getByLabel('Also confirm each shortcut press (failures always notify)');
  const initially = await notifications.isChecked();
  await notifications.click();
  await expect(notifications).toBeChecked({ checked: !initially });
  await expect(confirmEach).toBeEnabled({ enabled: !initially });
  await notifications.click();
  await expect(notifications).toBeChecked({ checked: initially });

  const login = page.getByLabel('Open at login');
  await expect(login).toBeEnabled();
  const loginBefore = await login.isChecked();
  await login.click();
  await expect(login).toBeChecked({ checked: !loginBefore });
  await login.click();
  await expect(login).toBeChecked({ checked: loginBefore });

  const folder = page.getByLabel('Downloads folder');
  await folder.fill('/tmp/recall-remote-e2e-downloads');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Recordings are saved here.')).toBeVisible();
  await page.getByRole('button', { name: 'Default', exact: true }).click();
  await expect(folder).toHaveValue('');
  await expect(page.getByText('Using the default folder.')).toBeVisible();
});

test('the tray’s Settings item opens Settings in the window; the gear toggles it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('settings')).toHaveCount(0);
  // The tray panel sits beside the 420 px window, outside the viewport: click it as the menu would.
  await page.getByTestId('tray-item-settings').getByRole('menuitem').dispatchEvent('click');
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Close settings' }).click();
  await expect(page.getByTestId('settings')).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByTestId('settings')).toBeVisible();
});
