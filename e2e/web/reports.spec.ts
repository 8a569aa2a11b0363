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
  const section = page.getByRole('region', { name: 'Compare classes' });
  const table = section.getByRole('table', { name: 'Class comparison' });
  // All time always holds every seeded class; this week may be nearly empty early on a Monday.
  for (const [span, label] of [['all_time', 'All time'], ['weekly', 'This week']] as const) {
    await section.getByLabel('Classes over').selectOption({ label });
    const core = await host.invoke('performance.comparison', { compare_by: 'class', period: span });
    if (core.compare_by !== 'class') throw new Error(`asked for classes, got ${core.compare_by}`);
    if (span === 'all_time') expect(core.comparisons.length, 'classes studied so far').toBeGreaterThan(5);
    if (core.comparisons.length === 0) {
      await expect(section).toContainText('No study recorded in this period.');
      continue;
    }
    await expect(table.getByRole('row')).toHaveCount(core.comparisons.length + 1);
    for (const c of core.comparisons) {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: c.class_name, exact: true }) });
      await expect(row).toHaveCount(1);
      const cells = row.getByRole('cell');
      await expect(cells.first()).toHaveText(String(c.rank));
      await expect(cells.nth(1)).toHaveText(String(c.study_minutes));
      await expect(cells.nth(2)).toHaveText(String(c.sessions));
      await expect(cells.nth(3)).toHaveText(String(c.tests_taken));
    }
  }
});
