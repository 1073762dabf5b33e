// Clean export in the real renderer, wired to the real core and the embedded sandbox through the
// test host: a recording with a pause is downloaded, "Export clean" from the row's ⋯ menu shows
// a progress bar, then the clean file — which the host finds in the download folder, lasting the
// recorded time ± 0.2 s — can be opened and shown in its folder. The menu works from the keyboard.
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { createSelectedBot, dispatch, failOnPageErrors, press, segmentRow, shoot, wait } from './support/host';
import { probe } from '../support/media-probe';

test.describe.configure({ mode: 'serial' });

const Row = z.object({ recordingId: z.string(), number: z.number(), recordedMs: z.number().nullable(), local: z.object({ kind: z.string(), fileName: z.string().optional() }) });
const Listed = z.object({ ok: z.literal(true), value: z.object({ rows: z.array(Row) }) });
const Downloads = z.object({ dir: z.string(), files: z.array(z.object({ name: z.string(), bytes: z.number() })) });
const Shell = z.object({ opened: z.array(z.string()), shown: z.array(z.string()) });
const Failure = z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string() }) });

failOnPageErrors();






test('downloads a paused recording, exports it clean with visible progress, then opens and shows the clean file', async ({ page, request }) => {
  test.setTimeout(180_000);
  const botId = await createSelectedBot(request, 'Export review');

  // Recording 1: ~1 min of media at the host's speed, with one pause in the middle.
  await press(request, 'start');
  await wait(1_500);
  await press(request, 'pause');
  await wait(1_200);
  await press(request, 'resume');
  await wait(1_500);
  await press(request, 'stop');

  await page.goto('/');
  const library = page.getByTestId('library');
  const first = segmentRow(page, 1);
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // Not downloaded yet: the row offers no export, and the core says why if asked.
  const recordingId = await first.getAttribute('data-recording-id');
  expect(Failure.parse(await dispatch(request, 'export:start', { recordingId })).error).toEqual({
    kind: 'wrong_state',
    message: 'Download it first: this recording is not downloaded yet, and the clean export is made from the downloaded file.',
  });
  await first.getByRole('button', { name: 'More actions for recording 1' }).click();
  const menu = page.getByRole('menu', { name: 'More actions for recording 1' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy download link']);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await first.getByRole('button', { name: 'Download recording 1' }).click();
  await expect(first).toHaveAttribute('data-local', 'downloaded', { timeout: 60_000 });

  // The ⋯ menu from the keyboard: ↓ opens on the first item, arrows move, Esc gives focus back.
  const more = first.getByRole('button', { name: 'More actions for recording 1' });
  await more.focus();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem')).toHaveText(['Export clean (cut the pauses)', 'Show in folder', 'Copy download link']);
  await expect(menu.getByRole('menuitem', { name: 'Export clean (cut the pauses)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Show in folder' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Copy download link' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Export clean (cut the pauses)' })).toBeFocused();
  await shoot(page, null, 'export-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();

  await more.click();
  await menu.getByRole('menuitem', { name: 'Export clean (cut the pauses)' }).click();
  const progress = first.getByRole('progressbar', { name: 'Recording 1 clean export' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuetext', /^Exporting clean copy… \d+%$/);
  await expect(first.getByRole('button', { name: 'Cancel the clean export of recording 1' })).toBeVisible();
  await shoot(page, library, 'export-progress');

  const done = first.getByTestId('export-done');
  await expect(done).toContainText(/Clean copy saved · 1 pause cut \(0:00:\d\d\) · Export review .+ \(clean\)\.mp4/, { timeout: 90_000 });
  await expect(page.getByTestId('library-announcement')).toContainText(/Recording 1: clean copy saved as Export review .+ \(clean\)\.mp4/);
  await shoot(page, library, 'export-done');

  // The host finds the clean file beside the download; it lasts the recorded time.
  const listed = Listed.parse(await dispatch(request, 'library:list', { botId }));
  const recorded = listed.value.rows.find((r) => r.recordingId === recordingId);
  const original = recorded?.local.fileName ?? '';
  const cleanName = original.replace(/\.mp4$/, ' (clean).mp4');
  const folder = Downloads.parse(await (await request.get('/__host/downloads')).json());
  expect(folder.files.map((f) => f.name)).toEqual(expect.arrayContaining([original, cleanName]));
  expect(folder.files.find((f) => f.name === cleanName)?.bytes).toBeGreaterThan(10_000);
  const duration = (await probe(`${folder.dir}/${cleanName}`)).durationSec;
  expect(Math.abs(duration - (recorded?.recordedMs ?? NaN) / 1000)).toBeLessThanOrEqual(0.2);

  await first.getByRole('button', { name: 'Open the clean copy of recording 1' }).click();
  await expect(first).toContainText('Opened the clean copy in your video player');
  await more.click();
  await menu.getByRole('menuitem', { name: 'Show clean copy in folder' }).click();
  await expect(first).toContainText('Clean copy shown in your file manager');
  const shell = Shell.parse(await (await request.get('/__host/library/shell')).json());
  expect(shell.opened.at(-1)).toBe(`${folder.dir}/${cleanName}`);
  expect(shell.shown.at(-1)).toBe(`${folder.dir}/${cleanName}`);
});
