import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { FlagsPage } from './pages/flags-page';
import { storageState } from './roles';
import { screenshot } from './support/a11y';
import { seedCheckHistory } from './support/dashboard-data';
import { e2eSql } from './support/db';
import { gk, setScenario } from './support/services';

// The README's pictures (docs/screenshots/*.png). Not a test: it asserts only that each page is
// ready to be pictured, and runs only through `npm run screenshots` (playwright.screenshots.config.ts),
// never under `npm test`. It makes its own data on a fresh e2e server.
test.use({ storageState: storageState('staff') });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** A custom domain the local registry serves in redemption, scanned once, with months of checks. */
async function domainWithHistory(): Promise<string> {
  const name = `pictured-${randomBytes(4).toString('hex')}.com`;
  await setScenario(name, 'redemption');
  const sql = e2eSql();
  await sql`insert into domains (name, next_check_at) values (${name}, now() + interval '1 day') on conflict (name) do nothing`;
  await gk('scan', '--domain', name, '--wait');
  await seedCheckHistory(sql, name);
  await sql.end();
  return name;
}

test('domain timeline', async ({ page }, testInfo) => {
  const name = await domainWithHistory();
  await page.goto(`/admin/domains/${name}`);
  await expect(page.getByTestId('lifecycle-timeline').locator('[data-band="redemption"]').first()).toBeAttached();
  await screenshot(page, testInfo, 'domain-timeline', true);
});

test('overview', async ({ page }, testInfo) => {
  // The scan above shows under "Last scans".
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Last scans' })).toBeVisible();
  await screenshot(page, testInfo, 'overview', true);
});

test('flags', async ({ page }, testInfo) => {
  const flags = new FlagsPage(page);
  await flags.goto();
  await expect(flags.rows().first()).toBeVisible();
  for (const row of (await flags.rows().all()).slice(0, 2)) await row.getByRole('checkbox').check();
  await screenshot(page, testInfo, 'flags', true);
});
