// Correcting a logged activity from the session's page: the core recomputes its accuracy and points,
// and a deleted activity comes back with the toast's Undo.
import type { Activity } from '../../shared/contract/sessions';
import { expect, test } from './fixtures';
import type { RunningHost } from './support/host';

const TYPE_LABEL = 'Test';

/** How the table names an activity (activity-form.ts activityName): the student's words, else the platform content. */
function what(a: Activity): string {
  const description = a.metadata.description;
  if (typeof description === 'string' && description.trim()) return description;
  if (a.content_id) return a.content_type ? `${a.content_type}: ${a.content_id}` : a.content_id;
  return '';
}

/** A seeded session with a scored test whose row name no other row shares. */
async function sessionWithTest(host: RunningHost) {
  const { sessions } = await host.invoke('sessions.list', { limit: 200 });
  for (const s of sessions) {
    if (s.activities_count === 0 || s.end_time === null) continue;
    const detail = await host.invoke('sessions.get', { session_id: s.id });
    const names = detail.activities.map((a) => `${a.activity_type}|${what(a)}`);
    const test = detail.activities.find(
      (a, i) => a.activity_type === 'testing' && a.items_completed && a.items_completed > 1 && a.items_correct != null && what(a) && names.indexOf(names[i]!) === names.lastIndexOf(names[i]!),
    );
    if (test) return { session: detail, activity: test };
  }
  throw new Error('the seeded data has no session with a scored test');
}

test('correct a test score, delete the activity and undo it', async ({ page, host }) => {
  const { session, activity } = await sessionWithTest(host);
  const name = `${TYPE_LABEL} · ${what(activity)}`;
  const correct = activity.items_correct === activity.items_completed ? activity.items_correct! - 1 : activity.items_completed!;

  await page.goto(`/#/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Session on / })).toBeVisible();
  const activities = page.getByRole('region', { name: /^Activities/ });
  await expect(activities.getByRole('heading', { name: `Activities (${session.activities.length})` })).toBeVisible();

  await activities.getByRole('button', { name: `Edit activity: ${name}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit activity' });
  await expect(dialog.getByLabel('Items', { exact: true })).toHaveValue(String(activity.items_completed));
  await expect(dialog.getByLabel('Correct', { exact: true })).toHaveValue(String(activity.items_correct));
  await dialog.getByLabel('Correct', { exact: true }).fill(String(correct));
  const accuracy = Math.round((correct / activity.items_completed!) * 1000) / 10;
  await expect(dialog.getByText(`Accuracy ${accuracy} %`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Save activity' }).click();
  await expect(dialog).toBeHidden();

  const after = await host.invoke('sessions.get', { session_id: session.id });
  const edited = after.activities.find((a) => a.id === activity.id)!;
  // One point per correct item; the core keeps accuracy to two decimals, the form shows one.
  expect(edited).toMatchObject({ items_correct: correct, items_completed: activity.items_completed, points_earned: correct, metadata: activity.metadata });
  expect(edited.accuracy_percentage).toBeCloseTo((correct / activity.items_completed!) * 100, 1);
  const row = activities.getByRole('row').filter({ has: page.getByRole('button', { name: `Edit activity: ${name}`, exact: true }) });
  await expect(row.getByRole('cell').nth(5)).toHaveText(String(correct));
  await expect(row.getByRole('cell').nth(7)).toHaveText(String(edited.points_earned));
  const points = page.getByRole('region', { name: 'Summary' });
  await expect(points).toContainText(`${after.points_earned + after.activity_points} (${after.points_earned} for time, ${after.activity_points} for activities)`);

  await activities.getByRole('button', { name: `Delete activity: ${name}`, exact: true }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Activity deleted' });
  await expect(toast).toBeVisible();
  await expect(activities.getByRole('button', { name: `Edit activity: ${name}`, exact: true })).toHaveCount(0);
  await expect(activities.getByRole('heading', { name: `Activities (${session.activities.length - 1})` })).toBeVisible();
  const deleted = await host.invoke('sessions.get', { session_id: session.id });
  expect(deleted.activities.map((a) => a.id)).not.toContain(activity.id);
  expect(deleted.activity_points).toBe(after.activity_points - edited.points_earned);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(activities.getByRole('button', { name: `Edit activity: ${name}`, exact: true })).toBeVisible();
  await expect(activities.getByRole('heading', { name: `Activities (${session.activities.length})` })).toBeVisible();
  const restored = await host.invoke('sessions.get', { session_id: session.id });
  expect(restored.activities.find((a) => a.id === activity.id)).toMatchObject({ items_correct: correct, points_earned: edited.points_earned });
  expect(restored.activity_points).toBe(after.activity_points);
});
