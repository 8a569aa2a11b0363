import { defineConfig } from '@playwright/test';

// The renderer e2e suite (DESIGN §10): the built renderer and the real core through the web host,
// in Debian's Chromium (Playwright's own browsers cannot be downloaded here). `npm run e2e`
// builds first. Screenshots of every page land in test-results/screenshots/.
export default defineConfig({
  testDir: 'e2e/web',
  globalSetup: './e2e/web/global-setup.ts',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Each test starts its own host (a PGlite core): two at a time is what a 2-core machine carries.
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
