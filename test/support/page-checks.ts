import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The WCAG 2.2 AA rule sets every page is scanned against. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A phone (390 px) and a desktop width: every page is checked at both. */
export const phoneAndDesktopWidths: readonly number[] = [390, 1280];

/** axe finds nothing on the page as it stands, each violation named with where it is. */
export async function expectNoAxeViolations(page: Page, pageName: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const problems = result.violations.map(
    (v) =>
      `${pageName}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(problems).toEqual([]);
}

/** The page is no wider than the window (wide tables scroll inside their own region). */
export async function expectNoSidewaysScroll(page: Page, pageName: string): Promise<void> {
  // A string, so this Node-side file needs no DOM types.
  const sideways = Number(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  );
  expect(sideways, `${pageName} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** axe and no sideways scroll at each width; the window is left at the last width given. */
export async function checkPageAtWidths(
  page: Page,
  pageName: string,
  widths: readonly number[] = phoneAndDesktopWidths,
  height = 900,
): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height });
    // Let the layout settle after the resize before measuring it.
    await page.waitForTimeout(150);
    await expectNoAxeViolations(page, `${pageName} at ${width}px`);
    await expectNoSidewaysScroll(page, `${pageName} at ${width}px`);
  }
}
