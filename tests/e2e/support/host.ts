// Helpers the e2e specs share to drive the web test host: core dispatch, sandbox bots, presses,
// segment rows, light/dark screenshots, and failing a test on any console or page error (the
// renderer runs under its strict CSP, so a violation shows up there).
import { expect, test } from '@playwright/test';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { z } from 'zod';

export const SHOTS = 'test-results/screenshots';
const Created = z.object({ id: z.string() });
const Live = z.object({ ok: z.literal(true), value: z.object({ live: z.string() }) });
const Confirmed = z.object({ ok: z.literal(true), value: z.object({ kind: z.literal('confirmed') }) });

/** Registers hooks that fail each test of the file on a console error or an uncaught page error. */
export function failOnPageErrors(): void {
  let pageErrors: string[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
}

/** What the renderer would get from the core on that channel. */
export async function dispatch(request: APIRequestContext, channel: string, payload?: unknown): Promise<unknown> {
  const response = await request.post('/__host/dispatch', { data: payload === undefined ? { channel } : { channel, payload } });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** A sandbox bot in manual mode, selected, once it is in the call. */
export async function createSelectedBot(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/__host/bots', { data: { name, manual: true } });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = Created.parse(await response.json());
  expect(await dispatch(request, 'bot:select', { botId: id })).toMatchObject({ ok: true });
  await expect.poll(async () => Live.parse(await dispatch(request, 'bot:getState')).value.live, { timeout: 20_000 }).toBe('not_recording');
  return id;
}

/** Presses a control action on the selected bot and expects it confirmed. */
export async function press(request: APIRequestContext, action: 'start' | 'pause' | 'resume' | 'stop'): Promise<void> {
  Confirmed.parse(await dispatch(request, 'control:press', { action }));
}

export const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Saves `<name>-light.png` and `<name>-dark.png` of the target (or the page). */
export async function shoot(page: Page, target: Locator | null, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = `${SHOTS}/${name}-${scheme}.png`;
    if (target) await target.screenshot({ path });
    else await page.screenshot({ path });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The library row of recording number `number`. */
export function segmentRow(page: Page, number: number): Locator {
  return page.getByTestId('segment-row').filter({ has: page.getByLabel(`Recording ${number}`, { exact: true }) });
}
