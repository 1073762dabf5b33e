// The API key never leaks. A live connection is made in the real window (Settings, a key typed
// like a user would) to a Recall-compatible sandbox whose key is distinctive; then a full session
// — select, start, pause, resume, stop, list, download — runs through the UI. Everything is
// captured and searched for the key: every WebSocket frame between page and core (the IPC of the
// test host), every HTTP response the page loaded, the page console, the core's and the
// sandbox's log lines, this process's stdout/stderr, notifications, the tray model, the settings
// and the downloaded files' names. The only place the key may travel is the one request that
// carries what the user typed, from the page to the core.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { trayModelView } from '../../electron/core/app';
import { RecallClient } from '../../electron/core/recall';
import { startSandbox } from '../../electron/sandbox';
import type { Sandbox } from '../../electron/sandbox';
import { startTestHost } from './host/test-host';
import type { TestHost } from './host/test-host';

const KEY = 'rk_live_UNIQUE_9f3c2a7e51b84d06_SECRET';
/** Any recognisable piece of the key is a leak too (a truncated or encoded echo). */
const FRAGMENTS = [KEY, KEY.slice(8, 30), Buffer.from(KEY).toString('base64').slice(0, 24), encodeURIComponent(KEY)];

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let sandbox: Sandbox;
let host: TestHost;
const hostLog: string[] = [];
const sandboxLog: string[] = [];
const processOutput: string[] = [];
const restoreOutput: Array<() => void> = [];

function tapOutput(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    processOutput.push(String(chunk));
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restoreOutput.push(() => {
    stream.write = original;
  });
}

test.beforeAll(async () => {
  tapOutput(process.stdout);
  tapOutput(process.stderr);
  sandbox = await startSandbox({ apiKey: KEY, speed: 20, media: { width: 160, height: 90, fps: 5 }, log: (line) => void sandboxLog.push(line) });
  // Its own host (not the shared one): this test owns the connection and every log line.
  host = await startTestHost({ speed: 20, env: {}, log: (line) => void hostLog.push(line) });
});

test.afterAll(async () => {
  await host?.close();
  await sandbox?.close();
  for (const restore of restoreOutput.splice(0)) restore();
});

function leaks(where: string, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) for (const fragment of FRAGMENTS) if (text.includes(fragment)) found.push(`${where}: …${text.slice(Math.max(0, text.indexOf(fragment) - 40), text.indexOf(fragment))}<KEY>…`);
  return found;
}

async function select(page: Page, botId: string): Promise<void> {
  await page.getByLabel('Bot ID').fill(botId);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
}

test('a live session never shows, logs or sends the API key anywhere but to Recall', async ({ page }) => {
  const sent: string[] = [];
  const received: string[] = [];
  const responses: string[] = [];
  const consoleLines: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => void sent.push(String(frame.payload)));
    socket.on('framereceived', (frame) => void received.push(String(frame.payload)));
  });
  page.on('response', (response) => {
    void response.text().then(
      (body) => void responses.push(`${response.url()} ${JSON.stringify(response.headers())} ${body}`),
      () => undefined,
    );
  });
  page.on('console', (message) => void consoleLines.push(message.text()));
  page.on('pageerror', (error) => void consoleLines.push(`pageerror ${error.message}`));

  // Connect in Settings, as a user with a key would.
  await page.goto(`${host.url}#settings`);
  const form = page.getByTestId('connect-form');
  await form.getByLabel('Recall API key').fill(KEY);
  await form.getByRole('button', { name: 'Use a custom Recall-compatible URL' }).click();
  await form.getByLabel('Base URL').fill(sandbox.baseUrl);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByTestId('mode-badge')).toHaveText('Live', { timeout: 20_000 });
  await expect(form.getByTestId('key-configured')).toBeVisible();
  // The field is emptied: the page keeps no copy of the key.
  await expect(form.getByLabel('Recall API key')).toHaveValue('');
  await page.keyboard.press('Escape');

  // A bot in a meeting on that "Recall", controlled from the window.
  const admin = new RecallClient({ apiKey: KEY, baseUrl: sandbox.baseUrl });
  const bot = await admin.createBot({ meeting_url: 'https://us02web.zoom.us/j/84512345678', bot_name: 'Secret keeper', recording_config: null, metadata: { sandbox_join_seconds: '1' } });
  await select(page, bot.id);
  const pill = page.getByTestId('state-pill');
  await expect(pill).toHaveText('Not recording', { timeout: 20_000 });
  await page.getByTestId('action-start').click();
  await expect(pill).toHaveText('Recording', { timeout: 15_000 });
  await page.waitForTimeout(600);
  await page.getByTestId('action-pause').click();
  await expect(pill).toHaveText('Paused', { timeout: 15_000 });
  await page.getByTestId('action-resume').click();
  await expect(pill).toHaveText('Recording', { timeout: 15_000 });
  await page.waitForTimeout(600);
  await page.getByTestId('action-stop').click();
  await expect(pill).toHaveText('Not recording', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: /^Secret keeper/ }).first()).toBeVisible();

  const first = page.getByTestId('segment-row').filter({ has: page.getByLabel('Recording 1', { exact: true }) });
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await first.getByRole('button', { name: 'Download recording 1' }).click();
  await expect(first).toHaveAttribute('data-local', 'downloaded', { timeout: 60_000 });

  // Everything the session produced, searched for the key.
  const dir = (await (await page.request.get(`${host.url}__host/library/dir`)).json()) as { dir: string };
  const tray = trayModelView(host.core.tray.current());
  const state = await host.core.dispatch('connection:get', undefined);
  const found = [
    ...leaks('a frame to the page', received),
    ...leaks('an HTTP response to the page', responses),
    ...leaks('the page console', consoleLines),
    ...leaks('the core/host log', hostLog),
    ...leaks('the sandbox log', sandboxLog),
    ...leaks('stdout/stderr', processOutput),
    ...leaks('notifications', host.notifier.shown.map((n) => JSON.stringify(n))),
    ...leaks('the tray', [JSON.stringify(tray)]),
    ...leaks('the saved settings', [JSON.stringify(host.settings.get()), ...host.settings.saves.map((s) => JSON.stringify(s))]),
    ...leaks('connection:get', [JSON.stringify(state)]),
    ...leaks('downloaded file names', readdirSync(dir.dir)),
  ];
  expect(found).toEqual([]);

  // The session really happened, and the key went out exactly once: what the user typed.
  expect(received.length).toBeGreaterThan(20);
  expect(hostLog.length + sandboxLog.length).toBeGreaterThan(10);
  expect(sent.filter((frame) => frame.includes(KEY)).map((frame) => JSON.parse(frame) as { channel: string })).toEqual([expect.objectContaining({ channel: 'connection:set' })]);
  expect(leaks('other frames from the page', sent.filter((frame) => !frame.includes('"connection:set"')))).toEqual([]);
});
