// A first run offers sample study in Settings; adding it shows the core's steps, then the data.
import { expect, navigateTo, openPage, settled, test } from './fixtures';

test.use({ dataset: 'empty' });

test('an empty profile fills with a year of sample study, showing its progress, and the offer goes away', async ({ page, host }) => {
  await openPage(page, 'Settings');
  const section = page.getByRole('region', { name: 'Sample data' });
  await expect(section).toBeVisible();
  const steps: string[] = [];
  // Every label the status line shows while the core works.
  await page.exposeFunction('recordStep', (text: string) => steps.push(text));
  await page.evaluate(() => {
    const status = document.querySelector('#settings-sample')!.closest('section')!.querySelector('[role="status"]')!;
    new MutationObserver(() => (window as unknown as { recordStep(t: string): void }).recordStep(status.textContent ?? '')).observe(status, {
      childList: true, subtree: true, characterData: true,
    });
  });

  await section.getByRole('button', { name: 'Add a year of sample study' }).click();
  await expect(section.getByRole('progressbar', { name: 'Sample data progress' })).toBeVisible();
  await expect(page.getByText(/Added a year of sample study: [\d,]+ sessions in \d+ classes/)).toBeVisible({ timeout: 60_000 });
  await expect(section).toBeHidden();

  const numbered = steps.map((s) => /step (\d+) of (\d+)/.exec(s)).filter((m) => m !== null);
  expect(numbered.length, `steps shown: ${steps.join(' | ')}`).toBeGreaterThan(2);
  const total = Number(numbered[0]![2]);
  const done = numbered.map((m) => Number(m[1]));
  expect(done).toEqual([...done].sort((a, b) => a - b));
  expect(Math.max(...done)).toBe(total);

  const { total_count } = await host.invoke('sessions.list', { limit: 1 });
  expect(total_count).toBeGreaterThan(1000);
  await navigateTo(page, 'Sessions');
  await settled(page);
  await expect(page.getByRole('region', { name: 'Sessions summary' })).toContainText(`${total_count.toLocaleString('en-US')}Sessions`);
});
