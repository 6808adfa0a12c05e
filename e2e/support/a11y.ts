import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** axe-core on the page as it is: no serious or critical violation (the report is attached). */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (results.violations.length)
    await testInfo.attach(`axe-${name}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}

/**
 * A screenshot as a test artifact (full page); with `docs`, also the README's picture under
 * docs/screenshots (the first screenful of a wide window: what a reviewer sees on opening the page).
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, docs = false) {
  const body = await page.screenshot({ fullPage: true });
  await testInfo.attach(`${name}.png`, { body, contentType: 'image/png' });
  if (!docs) return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  if (size) await page.setViewportSize(size);
}
