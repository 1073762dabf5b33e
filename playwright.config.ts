// Playwright: `web` drives the built renderer in Chromium through the test host (real core,
// embedded sandbox); `electron` launches the real app and is skipped where no Electron binary
// exists. Debian's /usr/bin/chromium is used when present (Playwright cannot download here).
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.RECALL_REMOTE_E2E_PORT ?? 4817);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // One host, one core: the selected bot is shared state, so the specs run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // The sandbox runs at 20× speed on a shared 2-core CI machine: one retry there absorbs a
  // scheduling hiccup, and the list reporter still names any test that needed it as flaky.
  retries: process.env.CI ? 1 : 0,
  webServer: {
    command: `npx tsx tests/e2e/host/serve.ts --port ${PORT} --speed 20`,
    url: `${BASE_URL}/__host/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Always the embedded sandbox, even on a machine with a real key in its environment.
    env: { RECALL_API_KEY: '' },
    stdout: 'pipe',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e',
      use: {
        ...devices['Desktop Chrome'],
        baseURL: BASE_URL,
        viewport: { width: 420, height: 640 },
        deviceScaleFactor: 2,
        screenshot: 'only-on-failure',
        launchOptions: {
          args: CHROMIUM_ARGS,
          ...(existsSync(SYSTEM_CHROMIUM) && { executablePath: SYSTEM_CHROMIUM }),
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});
