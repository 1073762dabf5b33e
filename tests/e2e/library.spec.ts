// The segments library in the real renderer, wired to the real core and the embedded sandbox
// through the test host: loading / error / empty states, a recording with a pause downloaded
// with visible progress, Open and Show in folder, preview (plays, seeks, skips the pause, Esc
// closes), streaming a recording not downloaded yet, the bot-ended state, and 5,000 rows.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { z } from 'zod';
import { createSelectedBot, dispatch, failOnPageErrors, press, segmentRow, shoot, wait } from './support/host';

test.describe.configure({ mode: 'serial' });

const Created = z.object({ id: z.string() });
const Listed = z.object({ ok: z.literal(true), value: z.object({ rows: z.array(z.object({ recordingId: z.string(), number: z.number(), state: z.string() })) }) });
const Preview = z.object({
  ok: z.literal(true),
  value: z.object({ kind: z.enum(['local', 'remote']), url: z.string(), pauses: z.array(z.object({ startMs: z.number(), endMs: z.number().nullable() })) }),
});
const Shell = z.object({ opened: z.array(z.string()), shown: z.array(z.string()) });
const BridgeMessage = z.object({ id: z.number(), channel: z.string() });
const HostEvent = z.object({ kind: z.literal('event'), event: z.string() });

failOnPageErrors();
test.afterEach(async ({ request }) => {
  await request.delete('/__host/faults');
});







const videoTime = (page: Page) => page.getByTestId('preview-video').evaluate((video: { currentTime: number }) => video.currentTime);

test('shows loading, a specific error with Retry, then the empty state of a bot that has not recorded', async ({ page, request }) => {
  await createSelectedBot(request, 'Quiet room');
  // Holds the first library:list (and the pushes that would answer it) to show the loading state.
  const hold: { id: number | null; answer: ((text: string) => void) | null } = { id: null, answer: null };
  await page.routeWebSocket(/\/__host\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      const parsed = BridgeMessage.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.channel === 'library:list' && hold.id === null) {
        hold.id = parsed.data.id;
        hold.answer = (answer) => ws.send(answer);
        return;
      }
      server.send(text);
    });
    server.onMessage((message) => {
      const text = String(message);
      const event = HostEvent.safeParse(JSON.parse(text));
      if (event.success && event.data.event === 'library:changed' && hold.answer !== null) return;
      ws.send(text);
    });
  });
  await page.goto('/');
  const library = page.getByTestId('library');
  await expect(page.getByTestId('library-loading')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading recordings…' })).toBeVisible();
  await shoot(page, library, 'library-loading');

  expect(hold.id).not.toBeNull();
  const error = { kind: 'network', message: 'Recall did not answer (network error); check your connection.' };
  hold.answer?.(JSON.stringify({ kind: 'result', id: hold.id, result: { ok: false, error } }));
  hold.answer = null;
  const failure = page.getByTestId('library-error');
  await expect(failure).toContainText('The recordings could not be loaded. Recall did not answer (network error)');
  await shoot(page, library, 'library-error');

  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('library-empty')).toContainText('No recordings yet');
  await expect(page.getByTestId('library-empty')).toContainText('Press Start to record');
  await shoot(page, library, 'library-empty');
});

test('downloads a paused recording with progress, opens it, previews, seeks and skips the pause', async ({ page, request }) => {
  test.setTimeout(150_000);
  const botId = await createSelectedBot(request, 'Design review');
  // Recording 1: recorded, paused, recorded again. Recording 2: a short one, never downloaded.
  await press(request, 'start');
  await wait(1_500);
  await press(request, 'pause');
  await wait(1_200);
  await press(request, 'resume');
  await wait(1_500);
  await press(request, 'stop');
  await wait(400);
  await press(request, 'start');
  await wait(1_000);
  await press(request, 'stop');

  await page.goto('/');
  const library = page.getByTestId('library');
  const first = segmentRow(page, 1);
  const second = segmentRow(page, 2);
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(first).toContainText('MP4 ready');
  await expect(first).toContainText(/Paused 0:00:\d\d \(1×\)/);
  await expect(first.getByRole('img', { name: /^Recorded .+, paused .+ in 1 pause$/ })).toBeVisible();
  await expect(library.getByRole('heading', { name: 'Recordings · 2' })).toBeVisible();
  await shoot(page, library, 'library-rows');

  // Slow media so the progress is visible: the sandbox throttles the transfer.
  const fault = await request.post('/__host/faults', { data: { throttleMediaBps: 100_000 } });
  expect(fault.ok()).toBe(true);
  await first.getByRole('button', { name: 'Download recording 1' }).click();
  const progress = first.getByRole('progressbar', { name: 'Recording 1 download' });
  await expect(progress).toHaveAttribute('aria-valuetext', /^\d+% · .+ of .+ · .+\/s/, { timeout: 15_000 });
  await expect(first.getByRole('button', { name: 'Cancel download of recording 1' })).toBeVisible();
  await shoot(page, library, 'library-downloading');
  await request.delete('/__host/faults');

  await expect(first).toHaveAttribute('data-local', 'downloaded', { timeout: 60_000 });
  await expect(first).toContainText(/Downloaded · \d/);
  await expect(page.getByTestId('library-announcement')).toContainText(/Recording 1 downloaded: Design review .+\.mp4/);
  // The file's own black+silent range confirms the pause (its boundaries become the exact ones).
  await expect
    .poll(async () => {
      const listed = await dispatch(request, 'library:list', { botId });
      return JSON.stringify(listed).includes('"source":"media"');
    })
    .toBe(true);
  await shoot(page, library, 'library-downloaded');

  await first.getByRole('button', { name: 'Open recording 1' }).click();
  await expect(first).toContainText('Opened in your video player');
  // Secondary actions live in the row's "⋯" menu.
  await first.getByRole('button', { name: 'More actions for recording 1' }).click();
  await page.getByRole('menu', { name: 'More actions for recording 1' }).getByRole('menuitem', { name: 'Show in folder' }).click();
  await expect(first).toContainText('Shown in your file manager');
  const shell = Shell.parse(await (await request.get('/__host/library/shell')).json());
  expect(shell.opened.at(-1)).toMatch(/Design review .+\.mp4$/);
  expect(shell.shown.at(-1)).toBe(shell.opened.at(-1));

  // Preview of the downloaded file: plays, seeks with the keyboard, skips the pause.
  const recordingId = await first.getAttribute('data-recording-id');
  const source = Preview.parse(await dispatch(request, 'library:previewSource', { recordingId }));
  expect(source.value.kind).toBe('local');
  const pause = source.value.pauses[0];
  if (!pause || pause.endMs === null) throw new Error('the recording should have one closed pause');

  const previewButton = first.getByRole('button', { name: 'Preview recording 1' });
  await previewButton.click();
  const dialog = page.getByRole('dialog', { name: 'Recording 1', exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Playing the downloaded file');
  await expect(page.getByTestId('preview-video')).toHaveAttribute('src', /^\/__media\/file\/Design%20review%20/);
  await expect(dialog.getByRole('button', { name: 'Play' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await expect(dialog.getByRole('slider', { name: 'Position' })).toHaveAttribute('aria-valuetext', /^0:00:\d\d of 0:0\d:\d\d$/);
  await shoot(page, null, 'library-preview');
  await dialog.getByRole('button', { name: 'Pause' }).click();

  await page.keyboard.press('Home');
  await expect.poll(() => videoTime(page)).toBeLessThan(0.5);
  await page.keyboard.press('l');
  await expect.poll(() => videoTime(page)).toBeCloseTo(10, 0);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => videoTime(page)).toBeCloseTo(5, 0);

  await dialog.getByRole('checkbox', { name: /Skip paused parts/ }).check();
  const inside = pause.startMs / 1000 + 1;
  await page.getByTestId('preview-video').evaluate((video: { currentTime: number }, at: number) => {
    video.currentTime = at;
  }, inside);
  await expect.poll(() => videoTime(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(pause.endMs / 1000);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(previewButton).toBeFocused();

  // Not downloaded yet: streamed from the sandbox's pre-signed link (allowed by the CSP for media).
  await second.getByRole('button', { name: 'Preview recording 2' }).click();
  const remote = page.getByRole('dialog', { name: 'Recording 2', exact: true });
  await expect(remote).toContainText('Streaming from Recall — not downloaded yet');
  await expect(page.getByTestId('preview-video')).toHaveAttribute('src', /^http:\/\/127\.0\.0\.1:\d+\/_media\//);
  await remote.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThan(0.3);
  await remote.getByRole('button', { name: 'Close preview' }).click();
  await expect(remote).toBeHidden();

  // The host ends the meeting: the list says no new recordings will come.
  expect((await request.post(`/__host/bots/${botId}/end`, { data: {} })).ok()).toBe(true);
  await expect(page.getByTestId('library-ended')).toContainText('Design review has left the call.', { timeout: 30_000 });
  await shoot(page, library, 'library-ended');
});

test('5,000 recordings: only a window of rows is rendered and scrolling reaches the last one', async ({ page, request }) => {
  test.setTimeout(90_000);
  const seeded = await request.post('/__host/library/seed', { data: { count: 5_000, name: 'Marathon' } });
  expect(seeded.status(), await seeded.text()).toBe(201);
  const { id } = Created.parse(await seeded.json());
  expect(await dispatch(request, 'bot:select', { botId: id })).toMatchObject({ ok: true });
  expect(Listed.parse(await dispatch(request, 'library:list', { botId: id })).value.rows).toHaveLength(5_000);

  await page.goto('/');
  const list = page.getByRole('list', { name: 'Recordings of Marathon' });
  const items = list.getByRole('listitem');
  await expect(items.first()).toHaveAttribute('aria-setsize', '5000', { timeout: 30_000 });
  await expect(items.first()).toHaveAttribute('aria-posinset', '1');
  await expect(segmentRow(page, 5_000)).toBeVisible();
  expect(await items.count()).toBeLessThan(30);

  const scroller = page.getByTestId('library-scroller');
  await scroller.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(list.locator('[aria-posinset="2500"]')).toBeAttached();
  expect(await items.count()).toBeLessThan(30);

  await scroller.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(segmentRow(page, 1)).toBeVisible();
  await expect(list.locator('[aria-posinset="5000"]')).toBeAttached();
  expect(await items.count()).toBeLessThan(30);
  await expect(page.getByTestId('library-ended')).toContainText('Marathon has left the call.');
  await shoot(page, page.getByTestId('library'), 'library-5000-rows');
});
