// Every test gets its own web host on a fresh copy of a seeded data dir, and the page points at it.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { type Dataset, datasetDir } from './support/datasets';
import { ROOT, type RunningHost, startHost } from './support/host';

export { expect };

export const PAGES = ['Dashboard', 'Focus', 'Sessions', 'Goals', 'Analytics', 'Reports', 'Settings'] as const;
export type PageName = (typeof PAGES)[number];
export type Theme = 'light' | 'dark';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

interface Fixtures {
  /** Which data the host opens: "recent" (seeded, default) or "empty" (a first run). */
  dataset: Dataset;
  host: RunningHost;
}

export const test = base.extend<Fixtures>({
  dataset: ['recent', { option: true }],
  host: async ({ dataset }, use) => {
    const host = await startHost(datasetDir(dataset));
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  baseURL: async ({ host }, use) => use(host.url),
  page: async ({ page }, use) => {
    // A page error is a failed test, not a log line nobody reads.
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

/** Opens a page by its hash route and waits for its heading. */
export async function openPage(page: Page, name: PageName, query = ''): Promise<void> {
  await page.goto(`/#/${name.toLowerCase()}${query}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Follows the sidebar link, the way a student moves between pages. */
export async function navigateTo(page: Page, name: PageName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Chooses the theme with the sidebar's "Theme" select and checks the document follows. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.getByLabel('Theme').selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Waits until no loading indicator is left on the page (queries answered, lazy chunks loaded). */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('.state-loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** axe-core on the whole page: serious and critical violations fail, with what and where. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  expect(described, `axe violations on ${label}`).toEqual([]);
}
