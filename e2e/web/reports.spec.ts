// A week and a half of seeded study: the Reports page and the class comparison show exactly the
// numbers the core computes for the same periods.
import { addDays, isoWeekOf } from '../../shared/domain/calendar';
import { expect, openPage, test } from './fixtures';

const exact = (value: number) => String(Math.round(value * 100) / 100);

test('weekly report numbers equal the core reports.weekly, this week and the full week before', async ({ page, host }) => {
  const { today } = await host.invoke('points.summary');
  await openPage(page, 'Reports');
  await page.getByRole('button', { name: 'Weekly' }).click();
  await expect(page.getByRole('button', { name: 'Weekly' })).toHaveAttribute('aria-pressed', 'true');

  const weeks = [isoWeekOf(today), isoWeekOf(addDays(today, -7))];
  for (const [i, week] of weeks.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Previous' }).click();
    const core = await host.invoke('reports.weekly', { week });
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`) })).toBeVisible();
    if (i > 0) expect(core.summary.sessions_count, `the seed studied in ${week}`).toBeGreaterThan(0);
    await expect(page.getByTestId('report-total-minutes')).toHaveText(exact(core.summary.total_study_minutes));
    await expect(page.getByTestId('report-session-count')).toHaveText(exact(core.summary.sessions_count));
    await expect(page.getByTestId('report-points')).toHaveText(exact(core.summary.points_earned));
    await expect(page.getByTestId('report-days-studied')).toHaveText(exact(core.summary.days_studied));
  }
});

test('compare classes lists every class with the core performance.comparison figures', async ({ page, host }) => {
  await openPage(page, 'Analytics');
  const table = page.getByRole('table', { name: 'Class comparison' });
  for (const [span, label] of [['monthly', 'This month'], ['weekly', 'This week']] as const) {
    const select = page.getByLabel('Classes over');
    if ((await select.count()) > 0) await select.selectOption({ label });
    const core = await host.invoke('performance.comparison', { compare_by: 'class', period: span });
    if (core.compare_by !== 'class') throw new Error(`asked for classes, got ${core.compare_by}`);
    expect(core.comparisons.length, `classes studied ${label.toLowerCase()}`).toBeGreaterThan(1);
    await expect(table.getByRole('row')).toHaveCount(core.comparisons.length + 1);
    for (const c of core.comparisons) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: c.class_name, exact: true }) });
      await expect(row).toHaveCount(1);
      const cells = row.getByRole('cell');
      await expect(cells.first()).toHaveText(String(c.rank));
      await expect(cells.nth(1)).toHaveText(String(c.study_minutes));
      await expect(cells.nth(2)).toHaveText(String(c.sessions));
    }
  }
});
