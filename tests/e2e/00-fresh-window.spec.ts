// The window of a host no test has touched yet: Sandbox, and no bot selected. The core (and its
// selection) is shared by every spec of a run and there is no way to deselect a bot, so this file
// is named to sort first — Playwright runs spec files in alphabetical order on its one worker.
import { expect, test } from '@playwright/test';
import { failOnPageErrors } from './support/host';

failOnPageErrors();

test('a fresh window says Sandbox and that no bot is selected, and offers the ways to pick one', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('mode-badge')).toHaveText('Sandbox');
  await expect(page.getByTestId('connection')).toContainText('Built-in sandbox at 127.0.0.1:');
  await expect(page.getByTestId('state-pill')).toHaveText('No bot selected');
  // Without a bot there is nothing to control: no action buttons, the ways to choose one instead.
  await expect(page.getByTestId('action-start')).toHaveCount(0);
  await expect(page.getByLabel('Bot ID')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send a bot to a meeting' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('tray-tooltip')).toHaveText('Recall Remote · No bot selected · Sandbox');
  const path = 'test-results/screenshots/empty-state.png';
  await page.screenshot({ path });
  await testInfo.attach('empty-state', { path, contentType: 'image/png' });
});
