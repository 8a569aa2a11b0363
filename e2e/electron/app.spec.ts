// The packaged shape of the app, launched for real: main, the utility-process core, the preload
// bridge and the app:// page. Each test gets its own user-data dir (STUDY_DESK_USER_DATA_DIR, read
// by main before the single-instance lock), so its own data dir, lock and single instance.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';
import type { TrayAction, TrayItem } from '../../electron/shell/tray-menu';

const root = join(import.meta.dirname, '..', '..');

/**
 * The Electron binary, if one is installed. Not `require('electron')`: without a binary that
 * tries to download one (no network here) and throws.
 */
function electronBinary(): string | null {
  const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
test.skip(!binary, 'no Electron binary installed (npm install without ELECTRON_SKIP_BINARY_DOWNLOAD fetches one)');

let app: ElectronApplication;
let page: Page;
let userData: string;

const mainArgs = () => [join(root, 'out', 'main', 'index.js'), ...(process.env.CI ? ['--no-sandbox'] : [])];
const appEnv = () => ({ ...process.env, STUDY_DESK_USER_DATA_DIR: userData, STUDY_DESK_E2E: '1', ELECTRON_RENDERER_URL: '' });

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'study-desk-e2e-'));
  app = await electron.launch({ executablePath: binary!, args: mainArgs(), env: appEnv() });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

async function openFocus(): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Focus', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Focus' })).toBeVisible();
}

const trayLabels = () =>
  app.evaluate(() => (globalThis as unknown as { studyDeskE2E: { trayItems(): TrayItem[] } }).studyDeskE2E.trayItems()
    .filter((i) => !i.separator).map((i) => i.label));
const trayAction = (action: TrayAction) =>
  app.evaluate((_electron, a) => (globalThis as unknown as { studyDeskE2E: { trayAction(a: TrayAction): Promise<void> } }).studyDeskE2E.trayAction(a), action);

test('starts on app:// with an isolated, sandboxed page and the bridge only', async () => {
  expect(page.url()).toMatch(/^app:\/\/study-desk\//);
  await expect(page).toHaveTitle(/Study Desk/);
  const surface = await page.evaluate(() => ({
    transport: (window as unknown as { studyDesk?: { transport: string } }).studyDesk?.transport,
    bridgeKeys: Object.keys((window as unknown as { studyDesk: object }).studyDesk).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(surface).toEqual({ transport: 'electron', bridgeKeys: ['invoke', 'on', 'shellStatus', 'transport'], require: 'undefined', process: 'undefined' });
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(csp).toContain("frame-ancestors 'none'");
  const unknown = await page.evaluate(() => (window as unknown as { studyDesk: { invoke(c: string, i: unknown): Promise<unknown> } }).studyDesk.invoke('db.query', {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  // This test's own user-data dir holds the data dir and its lock (not the real profile).
  expect(existsSync(join(userData, 'pgdata.lock'))).toBe(true);
});

test('a second instance on the same user-data dir quits and leaves the first one running', async () => {
  const second = spawn(binary!, mainArgs(), { env: appEnv(), stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => {
    const killer = setTimeout(() => second.kill('SIGKILL'), 60_000);
    second.once('exit', (c) => {
      clearTimeout(killer);
      resolve(c);
    });
  });
  expect(code).toBe(0);
  expect(app.windows()).toHaveLength(1);
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { studyDesk: { invoke(c: string, i: unknown): Promise<unknown> } }).studyDesk.invoke('timer.state', {})))
    .toMatchObject({ ok: true, data: { status: 'idle' } });
});

test('focus start and stop through the UI, with the tray following', async () => {
  await openFocus();
  await page.getByRole('button', { name: 'Start focus' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(trayLabels).toContain('Pause');
  await page.getByRole('button', { name: 'Stop & save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Session finished' });
  await dialog.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('button', { name: 'Start focus' })).toBeVisible();
  await expect.poll(trayLabels).toContain('Start focus');
});

test('tray menu actions drive the timer and the page follows', async () => {
  await openFocus();
  expect(await trayLabels()).toEqual(['Not studying', 'Start focus', 'Open Study Desk', 'Sync now', 'Quit Study Desk']);
  await trayAction({ kind: 'start', class_id: null });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await trayAction({ kind: 'pause' });
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  expect(await trayLabels()).toEqual(['Paused', 'Resume', 'Stop & save', 'Open Study Desk', 'Sync now', 'Quit Study Desk']);
  await trayAction({ kind: 'resume' });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await trayAction({ kind: 'stop' });
  await expect(page.getByRole('button', { name: 'Start focus' })).toBeVisible();
});

test('navigation away and new windows are blocked', async () => {
  const start = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(start);
  const opened = await page.evaluate(() => window.open('https://example.com/', '_blank') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    const a = Object.assign(document.createElement('a'), { href: 'file:///etc/passwd', target: '_blank' });
    document.body.append(a);
    a.click();
  });
  await page.waitForTimeout(500);
  expect(app.windows()).toHaveLength(1);
  const webviewBlocked = await page.evaluate(() => {
    const wv = document.createElement('webview');
    wv.setAttribute('src', 'https://example.com/');
    document.body.append(wv);
    return typeof (wv as unknown as { getWebContentsId?: unknown }).getWebContentsId !== 'function';
  });
  expect(webviewBlocked).toBe(true);
});

test('closing the window keeps the app in the tray; Open brings it back', async () => {
  const hidden = await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    win.close();
    return !win.isDestroyed() && !win.isVisible();
  });
  expect(hidden).toBe(true);
  await trayAction({ kind: 'open' });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);
});
