// A goal made in the UI moves when study is recorded: progress, milestones and the on-track badge.
import { expect, navigateTo, openPage, test } from './fixtures';
import { isoDay } from './support/ui';

test.use({ dataset: 'empty' });

const localInput = (d: Date) => `${isoDay(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

test('create a goal, add study, see its progress and milestones', async ({ page, host }) => {
  const physics = (await host.invoke('classes.create', { name: 'E2E Physics' })).class;
  const now = new Date();

  await openPage(page, 'Goals');
  // The header's button (an empty list offers a second one).
  await page.getByRole('button', { name: 'New goal' }).first().click();
  const form = page.getByRole('dialog', { name: 'New goal' });
  await form.getByLabel('Title', { exact: true }).fill('Physics hour');
  await form.getByLabel('Goal type', { exact: true }).selectOption({ label: 'Study time' });
  await form.getByLabel('Target', { exact: true }).fill('60');
  await form.getByLabel('Class', { exact: true }).selectOption({ label: 'E2E Physics' });
  await form.getByLabel('Start date', { exact: true }).fill(isoDay(new Date(now.getTime() - 86_400_000)));
  await form.getByLabel('Target date', { exact: true }).fill(isoDay(new Date(now.getTime() + 7 * 86_400_000)));
  await form.getByLabel('Priority', { exact: true }).selectOption({ label: 'High' });
  await form.getByRole('button', { name: 'Create goal' }).click();
  await expect(form).toBeHidden();

  const progress = page.getByRole('progressbar', { name: 'Physics hour progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  const [created] = (await host.invoke('goals.list', {})).goals;
  expect(created).toMatchObject({ goal_name: 'Physics hour', goal_type: 'study_time', target_value: 60, class_id: physics.id, priority: 'high' });

  // Study: 45 minutes added by hand, ending 25 minutes ago.
  await navigateTo(page, 'Sessions');
  await page.getByRole('button', { name: 'Add past session' }).click();
  const session = page.getByRole('dialog', { name: 'Add past session' });
  await session.getByLabel('Class', { exact: true }).selectOption({ label: 'E2E Physics' });
  const end = new Date(now.getTime() - 25 * 60_000);
  await session.getByLabel('Start', { exact: true }).fill(localInput(new Date(end.getTime() - 45 * 60_000)));
  await session.getByLabel('End', { exact: true }).fill(localInput(end));
  await session.getByRole('button', { name: 'Save' }).click();
  await expect(session).toBeHidden();
  // Saved, the session opens: its summary shows the class and the minutes.
  await expect(page.getByRole('heading', { level: 1, name: /^Session on / })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toContainText('E2E Physics');
  await expect(summary).toContainText('45 min');

  await navigateTo(page, 'Goals');
  const card = page.getByRole('article', { name: 'Physics hour' });
  await expect(progress).toHaveAttribute('aria-valuenow', '75');
  const milestones = card.getByRole('list', { name: 'Milestones' });
  for (const m of ['25 %', '50 %', '75 %']) await expect(milestones.getByRole('listitem').filter({ hasText: m })).toContainText('reached');
  await expect(milestones.getByRole('listitem').filter({ hasText: 'Done' })).toContainText('not reached yet');

  const [goal] = (await host.invoke('goals.list', {})).goals;
  expect(goal).toMatchObject({ current_value: 45, percentage_complete: 75, milestones_reached: [25, 50, 75] });
  await expect(card).toContainText(goal!.on_track ? 'On track' : 'Behind');
});
