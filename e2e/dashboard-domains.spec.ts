import { expect, test } from '@playwright/test';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { DEMO_DOMAINS, seedCheckHistory, waitForIdleScans } from './support/dashboard-data';
import { e2eSql } from './support/db';
import { setScenario } from './support/services';

// Domains: the list, a lifecycle timeline, and "Rescan now" with live progress whose result (a new
// observation, a new stage band) appears without reloading the page.

test.describe.configure({ mode: 'serial' });

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('lists domains lapsing first, filters by stage and finds by name', async ({ page }, testInfo) => {
    await page.goto('/admin/domains');
    const table = page.getByRole('table', { name: 'Watched domains' });
    await expect(table.getByRole('row').nth(1)).toContainText('Re-registered');
    await page.getByLabel('Stage').selectOption('grace');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/stage=grace/);
    for (const row of (await table.getByRole('row').all()).slice(1)) await expect(row).toContainText('Grace');
    await page.goto('/admin/domains?q=alice-dev');
    await expect(table.getByRole('link', { name: 'alice-dev.io' })).toBeVisible();
    await expectAccessible(page, testInfo, 'domains');
  });

  test('draws the lifecycle: stated and estimated dates apart, flags, addresses and observations', async ({
    page,
  }, testInfo) => {
    await page.goto('/admin/domains/alice-dev.io');
    const timeline = page.getByTestId('lifecycle-timeline');
    await expect(timeline).toBeVisible();
    await expect(page.getByRole('img', { name: 'Lifecycle timeline of alice-dev.io' })).toBeVisible();
    await expect(timeline.locator('[data-band="grace"]').first()).toBeVisible();
    // A domain in grace: the phases to come are projected from estimated dates.
    await expect(timeline.locator('[data-projected]').first()).toBeAttached();
    await expect(timeline.locator('[data-marker="expiresAt"][data-kind="stated"]')).toBeAttached();
    await expect(timeline.locator('[data-marker="graceEndsAt"][data-kind="estimated"]')).toBeAttached();
    const dates = page.getByRole('table', { name: 'Lifecycle dates' });
    await expect(dates.getByRole('row', { name: /Expires/ })).toContainText('stated by the registry');
    await expect(dates.getByRole('row', { name: /Grace ends/ })).toContainText('estimated');
    await expect(page.getByRole('list', { name: 'Timeline legend' })).toContainText('estimated date');
    await expect(page.getByRole('table', { name: 'Addresses on this domain' })).toContainText('alice@alice-dev.io');
    await expect(page.getByTestId('observation-row').first()).toContainText(/rdap/i);
    await expectAccessible(page, testInfo, 'domain-timeline');
  });

  test('Rescan now shows progress and the new observation without a reload', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const sql = e2eSql();
    await waitForIdleScans(sql);
    const [domain] = await sql<{ name: string }[]>`
      select d.name from domains d where d.stage = 'active' and d.name not in ${sql(DEMO_DOMAINS)}
        and exists (select 1 from emails e where e.domain = d.name) order by d.name limit 1`;
    const name = domain!.name;
    // The registry now says the domain expired: the rescan must find it in grace.
    await setScenario(name, 'grace');
    await page.goto(`/admin/domains/${name}`);
    const observations = page.getByTestId('observation-row');
    const before = await observations.count();
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Rescan now' }).click();
    await expect(page.getByTestId('scan-progress').first()).toBeVisible();
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 90_000 });
    await expect.poll(() => observations.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(page.getByTestId('lifecycle-timeline').locator('[data-band="grace"]').first()).toBeVisible();
    // Same document: no navigation happened.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    const [scan] =
      await sql`select kind, target, state, requested_by from scans where target = ${name} order by id desc limit 1`;
    expect(scan).toMatchObject({ kind: 'domain', state: 'done' });
    await screenshot(page, testInfo, 'domain-after-rescan');
    await sql.end();
  });

  test('months of checks draw as bands, from active to redemption, with the projected end', async ({
    page,
  }, testInfo) => {
    const sql = e2eSql();
    const name = await seedCheckHistory(sql);
    await sql.end();
    await page.goto(`/admin/domains/${name}`);
    const timeline = page.getByTestId('lifecycle-timeline');
    for (const stage of ['active', 'expiring', 'grace', 'redemption'])
      await expect(timeline.locator(`[data-band="${stage}"]`).first()).toBeAttached();
    const changes = page.getByRole('table', { name: 'Stage changes' });
    await expect(changes.getByRole('row')).toHaveCount(5);
    await expect(page.getByTestId('observation-row').filter({ hasText: 'timeout' }).first()).toBeVisible();
    await expectAccessible(page, testInfo, 'domain-history');
    await screenshot(page, testInfo, 'domain-timeline');
  });
});

test.describe('admin', () => {
  test.use({ storageState: storageState('admin') });

  test('sees a re-registered domain and rescans it', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const sql = e2eSql();
    await waitForIdleScans(sql);
    const [domain] = await sql<
      { name: string }[]
    >`select name from domains where stage = 're_registered' and name not in ${sql(DEMO_DOMAINS)} order by name limit 1`;
    await sql.end();
    await page.goto(`/admin/domains/${domain!.name}`);
    await expect(page.getByTestId('lifecycle-timeline').locator('[data-band="re_registered"]').first()).toBeVisible();
    await expect(page.getByText('Why this stage')).toBeVisible();
    await expectAccessible(page, testInfo, 'domain-reregistered');
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Rescan now' }).click();
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 90_000 });
  });
});
