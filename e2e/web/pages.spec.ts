// Every page, light and dark, on a week and a half of seeded data: a screenshot for review, no
// serious or critical axe violations, and nothing wider than the window once it is narrowed to
// 800×600 (the smallest size the app supports).
import { expect, expectAccessible, openPage, PAGES, screenshot, settled, setTheme, test } from './fixtures';

// Charts draw their final frame at once, so the screenshots never catch a bar mid-animation.
test.use({ reducedMotion: 'reduce' });

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
    await page.waitForTimeout(500); // charts follow their box on the next resize observation
    await settled(page);
    await screenshot(page, `${name.toLowerCase()}-dark-800x600`);
    const sticking = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} → ${Math.round(el.getBoundingClientRect().right)}px`);
    });
    expect(sticking, 'elements wider than the 800 px window').toEqual([]);
    // A box that scrolls sideways hides part of its content (a table's last column) at this size.
    const scrolling = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}: ${el.scrollWidth}px of content in ${el.clientWidth}px`),
    );
    expect(scrolling, 'boxes that scroll sideways at 800 px').toEqual([]);
  });
}
