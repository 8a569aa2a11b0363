// Every page, light and dark, on a week and a half of seeded data: a screenshot for review, no
// serious or critical axe violations, and nothing wider than an 800×600 window.
import { expectAccessible, openPage, PAGES, screenshot, setTheme, settled, test, expect } from './fixtures';

for (const name of PAGES) {
  test(`${name}: renders with data in both themes, accessible, fits 800×600`, async ({ page }) => {
    await openPage(page, name);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await settled(page);
      await screenshot(page, `${name.toLowerCase()}-${theme}`);
      await expectAccessible(page, `${name} (${theme})`);
    }
    await page.setViewportSize({ width: 800, height: 600 });
    await settled(page);
    await screenshot(page, `${name.toLowerCase()}-dark-800x600`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal overflow at 800×600 (px)').toBeLessThanOrEqual(0);
  });
}
