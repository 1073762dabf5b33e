// Bot names from the API are data, never markup: sandbox bots with hostile names (HTML and script,
// a right-to-left override, control characters, NUL, emoji, path traversal, template syntax) are
// shown literally in the live header and the recent-bots list of the real renderer — no element
// injected, no script run, no dialog, no console error under the strict CSP.
import { expect, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { z } from 'zod';

test.describe.configure({ mode: 'serial' });

const Created = z.object({ id: z.string() });

const NAMES: Array<[string, string]> = [
  ['an img tag with onerror', '<img src=x onerror="window.__pwned=1;alert(1)">'],
  ['a script tag', '<script>window.__pwned=2</script>Weekly'],
  ['an svg with onload', '<svg/onload=window.__pwned=3>'],
  ['a right-to-left override', 'Invoice \u202Egnp.exe'],
  ['control characters and NUL', 'Stand\u0000up\u0007 \u001b[2J call'],
  ['emoji and a family sequence', '🎙️ Sync 👩‍👩‍👧‍👦 ✅'],
  ['path traversal', '../../../etc/passwd\\..\\boot.ini'],
  ['template syntax', '{{constructor.constructor("window.__pwned=4")()}} ${7*7}'],
  ['a javascript: URL', 'javascript:window.__pwned=5'],
  ['100 characters', `${'Quarterly planning review '.repeat(4)}`.slice(0, 100)],
];

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function createBot(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/__host/bots', { data: { name, manual: true } });
  expect(response.status(), await response.text()).toBe(201);
  return Created.parse(await response.json()).id;
}

for (const [what, name] of NAMES) {
  test(`a bot named with ${what} is shown literally`, async ({ page, request }) => {
    const id = await createBot(request, name);
    await page.goto('/');
    const scriptsBefore = await page.locator('script').count();
    await page.getByLabel('Bot ID').fill(id);
    await page.getByRole('button', { name: 'Select', exact: true }).click();

    const header = page.getByTestId('bot-name');
    await expect.poll(() => header.evaluate((el) => el.getAttribute('title'))).toBe(name.trim());
    // textContent, not innerText: the exact characters React was given, as text.
    const shown = await header.evaluate((el) => ({ text: el.textContent, title: el.getAttribute('title'), children: el.children.length }));
    expect(shown).toEqual({ text: name.trim(), title: name.trim(), children: 0 });

    await page.getByRole('button', { name: 'Refresh' }).click();
    const listed = page.getByRole('button', { name: new RegExp(`^${name.trim().slice(0, 8).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
    await expect(listed).toBeVisible();

    const injected = await page.evaluate(() => {
      const page = globalThis as unknown as { __pwned?: unknown; document: { querySelectorAll(selector: string): { length: number } } };
      return { pwned: page.__pwned ?? null, images: page.document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length };
    });
    expect(injected).toEqual({ pwned: null, images: 0 });
    expect(await page.locator('script').count()).toBe(scriptsBefore);
  });
}
