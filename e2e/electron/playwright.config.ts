import { defineConfig } from '@playwright/test';

// The Electron launch tests (DESIGN §10): `npm run e2e:electron` builds, then drives the real app
// with Playwright's _electron. They skip when no Electron binary is installed (it cannot be
// downloaded on the CI machine); everything they rely on is unit-tested in electron/shell/.
export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e-electron',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
