// The Focus page against the real timer engine in the core: a whole study session through the UI,
// a reload that must not lose the running timer, the away question, and the keyboard alone.
import type { Page } from '@playwright/test';
import { addDays } from '../../shared/domain/calendar';
import { expect, expectAccessible, navigateTo, openPage, screenshot, test } from './fixtures';
import type { RunningHost } from './support/host';
import { clockMs, tabTo } from './support/ui';

const timer = (page: Page) => page.getByRole('timer');

async function newClass(host: RunningHost, name: string) {
  return (await host.invoke('classes.create', { name })).class;
}

async function startFocus(page: Page, className: string) {
  await page.getByLabel('Class', { exact: true }).selectOption({ label: className });
  await page.getByRole('button', { name: 'Start focus' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
}

test('start focus, log an activity, stop and rate: the session, its points and the goal update', async ({ page, host }) => {
  const { today } = await host.invoke('points.summary');
  const chemistry = await newClass(host, 'E2E Chemistry');
  const { goal } = await host.invoke('goals.create', {
    goal_type: 'study_time', goal_name: 'Chemistry minutes', class_id: chemistry.id, target_value: 2, target_date: addDays(today, 7),
  });
  expect(goal.current_value).toBe(0);

  await openPage(page, 'Focus');
  await startFocus(page, 'E2E Chemistry');
  await expect(timer(page)).toBeVisible();

  await page.getByLabel('Activity type').selectOption('testing');
  await page.getByLabel('What').fill('Practice test 3');
  await page.getByLabel('Items').fill('10');
  await page.getByLabel('Correct').fill('8');
  await expect(page.getByText(/^Accuracy 80\s*%$/)).toBeVisible();
  await page.getByRole('button', { name: 'Log activity' }).click();
  await expect(page.getByRole('list', { name: 'Activities in this session' })).toContainText('8/10');
  await screenshot(page, 'focus-running-light');
  await expectAccessible(page, 'Focus, running');

  // A study_time goal counts whole minutes: study past the first one.
  await expect.poll(async () => (await host.invoke('timer.state')).focus_ms, { timeout: 90_000, intervals: [2_000] }).toBeGreaterThan(61_000);

  // A second window on Goals: its bar must move when the session ends, with no reload.
  const goalsTab = await page.context().newPage();
  await goalsTab.goto('/#/goals');
  const liveBar = goalsTab.getByRole('progressbar', { name: 'Chemistry minutes progress' });
  await expect(liveBar).toHaveAttribute('aria-valuenow', '0');

  await page.bringToFront();
  await page.getByRole('button', { name: 'Stop & save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Session finished' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Mood').selectOption('4');
  await dialog.getByLabel('Productivity').selectOption('5');
  await dialog.getByLabel('Notes').fill('Stoichiometry practice');
  await screenshot(page, 'focus-stop-dialog-light');
  await expectAccessible(page, 'Focus, stop dialog');
  await dialog.getByRole('button', { name: 'Save session' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Start focus' })).toBeVisible();
  await expect(liveBar).toHaveAttribute('aria-valuenow', '50');
  await goalsTab.close();

  const { sessions } = await host.invoke('sessions.list', { class_id: chemistry.id });
  expect(sessions).toHaveLength(1);
  const session = sessions[0]!;
  expect(session).toMatchObject({ duration_minutes: 1, mood_rating: 4, productivity_rating: 5, notes: 'Stoichiometry practice', activity_points: 8 });

  await navigateTo(page, 'Sessions');
  const row = page.getByRole('table', { name: 'Study sessions' }).getByRole('row').filter({ hasText: 'E2E Chemistry' });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(3)).toHaveText('1 min');
  await expect(cells.nth(4)).toHaveText('1');
  await expect(cells.nth(5)).toHaveText(String(session.points_earned + session.activity_points));

  await navigateTo(page, 'Goals');
  const progress = page.getByRole('progressbar', { name: 'Chemistry minutes progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '50');
  const [after] = (await host.invoke('goals.list', {})).goals.filter((g) => g.goal_id === goal.goal_id);
  expect(after).toMatchObject({ current_value: 1, percentage_complete: 50 });
  expect(after!.milestones_reached).toContain(50);
});

test('a reload mid-focus resumes the timer from the core timestamps', async ({ page, host }) => {
  await newClass(host, 'E2E History');
  await openPage(page, 'Focus');
  await page.getByRole('button', { name: 'Pomodoro' }).click();
  await startFocus(page, 'E2E History');
  const before = await host.invoke('timer.state');
  expect(before.status).toBe('focus');
  await page.waitForTimeout(3_000);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Focus' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The face shows what the core's phase_ends_at says is left, and keeps counting down.
  const shown = clockMs((await timer(page).textContent()) ?? '');
  const core = await host.invoke('timer.state');
  expect(core.session_id).toBe(before.session_id);
  expect(Math.abs(shown - core.remaining_ms!)).toBeLessThanOrEqual(3_000);
  // At least 3 s passed; the face rounds up to whole seconds and repaints once a second, so it shows
  // at least 1 s less than before the reload (a face restarted at 25:00 would not).
  expect(shown).toBeLessThanOrEqual(before.remaining_ms! - 1_000);
  await expect.poll(async () => clockMs((await timer(page).textContent()) ?? ''), { timeout: 5_000 }).toBeLessThan(shown);
});

test('the away dialog discards idle time: the core no longer counts it as focus', async ({ page, host }) => {
  await newClass(host, 'E2E Latin');
  await openPage(page, 'Focus');
  await page.getByRole('button', { name: 'Stopwatch' }).click();
  await startFocus(page, 'E2E Latin');
  const started = await host.invoke('timer.state');
  const since = new Date(Date.parse(started.session_started_at!) + 1_000).toISOString();
  await expect.poll(async () => (await host.invoke('timer.state')).focus_ms, { timeout: 10_000 }).toBeGreaterThan(3_000);

  // What the Electron shell reports from powerMonitor, the web host takes from any caller.
  await host.invoke('timer.idle', { since });
  const dialog = page.getByRole('dialog', { name: 'You were away' });
  await expect(dialog).toBeVisible();
  await screenshot(page, 'focus-away-dialog-light');
  await expectAccessible(page, 'Focus, away dialog');
  await dialog.getByRole('button', { name: 'Discard idle time' }).click();
  await expect(dialog).toBeHidden();

  const after = await host.invoke('timer.state');
  expect(after.status).toBe('paused');
  expect(after.idle_since).toBeNull();
  // Focus stopped at `since`: one second, give or take the rounding of instants.
  expect(after.focus_ms).toBeGreaterThanOrEqual(900);
  expect(after.focus_ms).toBeLessThanOrEqual(1_100);
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.waitForTimeout(1_000);
  expect((await host.invoke('timer.state')).focus_ms).toBe(after.focus_ms);
});

test('the Focus flow works with the keyboard alone', async ({ page, host }) => {
  const music = await newClass(host, 'E2E Music');
  await openPage(page, 'Focus');
  const keys = page.keyboard;

  const classSelect = page.getByLabel('Class', { exact: true });
  await tabTo(page, classSelect);
  // A closed <select> takes the arrow keys: walk to the class.
  for (let i = 0; i < 30 && (await classSelect.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)) !== 'E2E Music'; i++) {
    await keys.press('ArrowDown');
  }
  await expect(classSelect.locator('option:checked')).toHaveText('E2E Music');

  await tabTo(page, page.getByRole('button', { name: 'Stopwatch' }));
  await keys.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Start focus' }));
  await keys.press('Enter');
  const pause = page.getByRole('button', { name: 'Pause' });
  await expect(pause).toBeVisible();
  expect((await host.invoke('timer.state')).status).toBe('focus');

  await tabTo(page, pause);
  await keys.press('Space');
  const resume = page.getByRole('button', { name: 'Resume' });
  await expect(resume).toBeVisible();
  expect((await host.invoke('timer.state')).status).toBe('paused');
  await tabTo(page, resume);
  await keys.press('Enter');
  await expect(pause).toBeVisible();

  // Escape leaves the stop dialog without ending the session; focus goes back where it was.
  const stop = page.getByRole('button', { name: 'Stop & save' });
  await tabTo(page, stop);
  await keys.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Session finished' });
  await expect(dialog).toBeVisible();
  await keys.press('Escape');
  await expect(dialog).toBeHidden();
  // The dialog closes first, then the timer resumes (a call to the core): wait for it to show.
  await expect(pause).toBeVisible();
  expect((await host.invoke('timer.state')).status).toBe('focus');

  await tabTo(page, stop);
  await keys.press('Enter');
  await expect(dialog).toBeVisible();
  const mood = dialog.getByLabel('Mood');
  await tabTo(page, mood);
  await keys.press('ArrowDown'); // 1
  await keys.press('ArrowDown'); // 2
  await keys.press('ArrowDown'); // 3
  await tabTo(page, dialog.getByLabel('Notes'));
  await keys.type('Scales, by ear');
  await tabTo(page, dialog.getByRole('button', { name: 'Save session' }));
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Start focus' })).toBeVisible();

  const { sessions } = await host.invoke('sessions.list', { class_id: music.id });
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({ mood_rating: 3, notes: 'Scales, by ear', focus_mode: 'stopwatch' });
});
