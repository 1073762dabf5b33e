// The renderer served by the test host shows the live state header filled from the real core,
// for sandbox bots created through the host admin and selected the way a user would.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { failOnPageErrors } from './support/host';
import { z } from 'zod';

const Created = z.object({ id: z.string() });
const SelectedState = z.object({ ok: z.literal(true), value: z.object({ botId: z.string() }) });

test.describe.configure({ mode: 'serial' });

failOnPageErrors();

async function createBot(request: APIRequestContext, data: { name: string; manual?: boolean; meetingUrl?: string }): Promise<string> {
  const response = await request.post('/__host/bots', { data });
  expect(response.status(), await response.text()).toBe(201);
  return Created.parse(await response.json()).id;
}

/** The core's own answer to bot:getState, exactly as the renderer would receive it. */
async function coreState(request: APIRequestContext): Promise<unknown> {
  const response = await request.post('/__host/dispatch', { data: { channel: 'bot:getState' } });
  expect(response.ok()).toBe(true);
  return response.json();
}

test('pasting a link with a bot id shows that bot live, matching the core', async ({ page, request }) => {
  const id = await createBot(request, { name: 'Weekly sync', manual: true });
  await page.goto('/');
  await page.getByLabel('Bot ID').fill(`https://us-west-2.recall.ai/dashboard/bots/${id}`);
  await page.getByRole('button', { name: 'Select', exact: true }).click();

  await expect(page.getByTestId('bot-name')).toHaveText('Weekly sync');
  await expect(page.getByTestId('bot-meta')).toContainText('Zoom');
  // A manual-control bot joins, then stays in the call without recording.
  await expect(page.getByTestId('state-pill')).toHaveText('Not recording');
  await expect(page.getByLabel('Bot ID')).toHaveValue('');
  expect(await coreState(request)).toMatchObject({
    ok: true,
    value: { selected: true, botId: id, name: 'Weekly sync', platform: 'zoom', live: 'not_recording', recording: null, lastError: null },
  });
  await expect(page.getByTestId('elapsed')).toContainText('0:00:00');
});

test('picking a recording bot from the recent list shows Recording with the time running', async ({ page, request }) => {
  const id = await createBot(request, { name: 'Header review' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Refresh' }).click();
  const row = page.getByRole('button', { name: /^Header review, Zoom/ });
  await row.click();

  await expect(page.getByTestId('state-pill')).toHaveText('Recording', { timeout: 15_000 });
  await expect(row).toHaveAttribute('aria-current', 'true');
  expect(await coreState(request)).toMatchObject({ ok: true, value: { botId: id, live: 'recording' } });

  const elapsed = page.getByTestId('elapsed');
  const first = await elapsed.textContent();
  await expect(elapsed).not.toHaveText(first ?? '', { timeout: 5_000 });
  await expect(elapsed).toHaveText(/^Recorded time: .+\d:\d\d:\d\d$/);
  await page.screenshot({ path: 'test-results/screenshots/state-header.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/state-header-dark.png' });
});

test('when the host ends the meeting the header says Ended with the reason', async ({ page, request }) => {
  const before = await coreState(request);
  expect(before).toMatchObject({ ok: true, value: { selected: true, name: 'Header review' } });
  const { botId } = SelectedState.parse(before).value;
  await page.goto('/');
  await expect(page.getByTestId('state-pill')).toHaveText('Recording');

  const ended = await request.post(`/__host/bots/${botId}/end`, { data: {} });
  expect(ended.ok()).toBe(true);
  await expect(page.getByTestId('state-pill')).toHaveText('Ended', { timeout: 15_000 });
  await expect(page.getByTestId('bot-meta')).toContainText('The host ended the call');
  // The recent list (loaded while it was recording) follows the header for the selected bot.
  await expect(page.getByRole('button', { name: 'Header review, Zoom, Ended, selected' })).toBeVisible();
  expect(await coreState(request)).toMatchObject({ ok: true, value: { live: 'ended', endReason: 'call_ended_by_host' } });
});

test('text that is not a bot id gets a specific error and keeps the current bot', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('bot-name')).toHaveText('Header review');
  await page.getByLabel('Bot ID').fill('weekly sync notes');
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/not a bot ID: expected a UUID/);
  await expect(page.getByLabel('Bot ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('bot-name')).toHaveText('Header review');

  await page.getByLabel('Bot ID').fill('00000000-0000-4000-8000-000000000000');
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not found');
  await expect(page.getByTestId('bot-name')).toHaveText('Header review');
  await page.screenshot({ path: 'test-results/screenshots/paste-error.png' });
});
