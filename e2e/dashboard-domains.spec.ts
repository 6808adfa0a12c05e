import { expect, test } from '@playwright/test';
import { GTLD_LIFECYCLE } from '@/lib/domains/timeline';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { seedCheckHistory } from './support/dashboard-data';
import { e2eSql } from './support/db';
import { makeCustomDomain, makeFlaggedUser, makeUser, scanUser, uniqueDomain, uniqueTag } from './support/fixtures';
import { type Scenario, setScenario } from './support/services';

// Domains: the list, a lifecycle timeline, and "Rescan now" with live progress whose result (a new
// observation, a new stage band) appears without reloading the page. The list is read as the demo
// left it; every domain a test looks into or rescans is its own (served by the local registry).

test.describe.configure({ timeout: 150_000 });

/** A user with an address verified long ago at a fresh domain in `scenario`, after a scan of it. */
async function domainWithAddress(scenario: Scenario) {
  const domain = uniqueDomain(scenario);
  await setScenario(domain, scenario);
  const address = `${uniqueTag('dev')}@${domain}`;
  const user = await makeUser('user', { addresses: [address, `${uniqueTag('backup')}@gmail.com`] });
  await scanUser(user.username);
  return { domain, address, user };
}

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
    const { domain } = await domainWithAddress('active');
    await page.goto(`/admin/domains?q=${domain.slice(0, -6)}`);
    await expect(table.getByRole('link', { name: domain })).toBeVisible();
    await expectAccessible(page, testInfo, 'domains');
  });

  test('draws the lifecycle: stated and estimated dates apart, flags, addresses and observations', async ({
    page,
  }, testInfo) => {
    const { domain, address } = await domainWithAddress('grace');
    await page.goto(`/admin/domains/${domain}`);
    const timeline = page.getByTestId('lifecycle-timeline');
    await expect(timeline).toBeVisible();
    await expect(page.getByRole('img', { name: `Lifecycle timeline of ${domain}` })).toBeVisible();
    await expect(timeline.locator('[data-band="grace"]').first()).toBeVisible();
    // The stage it is in is observed, not projected: one grace band, from the expiry the registry
    // stated (before the first check saw it); only the phases to come are projected.
    const sql = e2eSql();
    const [row] = await sql<{ expires_at: Date }[]>`select expires_at from domains where name = ${domain}`;
    await sql.end();
    const day = (date: Date) =>
      date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const expiry = row!.expires_at;
    const graceEnds = new Date(expiry.getTime() + GTLD_LIFECYCLE.graceDays * 86_400_000);
    const grace = timeline.locator('[data-band="grace"]');
    await expect(grace).toHaveCount(1);
    await expect(grace).toHaveAttribute('data-current', 'true');
    await expect(grace).not.toHaveAttribute('data-projected');
    await expect(grace.locator('title')).toHaveText(
      `Grace: observed from ${day(expiry)} (date stated by the registry), still in it; expected to end ${day(graceEnds)}`,
    );
    await expect(timeline.locator('[data-projected]').first()).toHaveAttribute('data-band', 'redemption');
    await expect(timeline.locator('[data-marker="expiresAt"][data-kind="stated"]')).toBeAttached();
    await expect(timeline.locator('[data-marker="graceEndsAt"][data-kind="estimated"]')).toBeAttached();
    const dates = page.getByRole('table', { name: 'Lifecycle dates' });
    await expect(dates.getByRole('row', { name: /Expires/ })).toContainText('stated by the registry');
    await expect(dates.getByRole('row', { name: /Grace ends/ })).toContainText('estimated');
    await expect(page.getByRole('list', { name: 'Timeline legend' })).toContainText('estimated date');
    await expect(page.getByRole('table', { name: 'Addresses on this domain' })).toContainText(address);
    await expect(page.getByTestId('observation-row').first()).toContainText(/rdap/i);
    await expectAccessible(page, testInfo, 'domain-timeline');
  });

  test('Rescan now shows progress and the new observation without a reload', async ({ page }, testInfo) => {
    const { domain: name } = await domainWithAddress('active');
    const sql = e2eSql();
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
    // Queued behind whatever the worker is on (a scheduled scan's slice): generous, but bounded.
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 100_000 });
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
    const name = await makeCustomDomain('redemption');
    const sql = e2eSql();
    await seedCheckHistory(sql, name);
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
    const { domain } = await makeFlaggedUser('re_registered', { label: 'e2e-rescan' });
    await page.goto(`/admin/domains/${domain}`);
    await expect(page.getByTestId('lifecycle-timeline').locator('[data-band="re_registered"]').first()).toBeVisible();
    await expect(page.getByText('Why this stage')).toBeVisible();
    await expectAccessible(page, testInfo, 'domain-reregistered');
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Rescan now' }).click();
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 100_000 });
  });
});
