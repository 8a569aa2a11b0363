import type { Locator, Page } from '@playwright/test';

/** "24:58" or "1:02:03" (what role=timer shows) → milliseconds. */
export function clockMs(text: string): number {
  const parts = text.trim().replace(/^[−-]/, '').split(':').map(Number);
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p))) throw new Error(`not a clock: ${JSON.stringify(text)}`);
  return parts.reduce((total, p) => total * 60 + p, 0) * 1000;
}

/** Presses Tab (or Shift+Tab) until `target` has focus: how a keyboard user reaches a control. */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} never received focus after ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** A day in the browser's zone as YYYY-MM-DD (what a date input takes). */
export const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
