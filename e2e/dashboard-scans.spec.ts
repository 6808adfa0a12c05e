import { expect, test } from '@playwright/test';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { e2eSql } from './support/db';
import { makeCustomDomain, uniqueDomain } from './support/fixtures';
import { clickHydrated } from './support/hydration';
import { setFaults } from './support/services';

// Scan history and a live scan: the progress bar follows the scan row as it moves (polling), an admin
// cancels a running scan and starts a full scan; staff see neither control. The full scan this spec
// starts is waited for until it ends, so nothing of it (its job, its leases) reaches another spec.

/**
 * A scan row the workers do not own (no job), of a domain nobody watches: the test moves it, as a
 * worker would (and a worker that took it over would find nothing to check).
 */
async function fakeRunningScan(sql: ReturnType<typeof e2eSql>, total: number) {
  const [row] = await sql<{ id: number }[]>`
    insert into scans (kind, trigger, target, state, started_at, heartbeat_at, total, checked)
    values ('domain', 'cli', ${uniqueDomain('fake-scan')}, 'running', now(), now(), ${total}, 2) returning id`;
  return row!.id;
}

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('follows a running scan live, without controls reserved to admins', async ({ page }, testInfo) => {
    const sql = e2eSql();
    const id = await fakeRunningScan(sql, 10);
    await page.goto('/admin/scans');
    await expect(page.getByRole('button', { name: 'Start a full scan' })).toHaveCount(0);
    const row = page.locator(`[data-scan-id="${id}"]`);
    await expect(row).toContainText('2 of 10 domains checked');
    await expect(row.getByRole('button', { name: /Cancel/ })).toHaveCount(0);
    await page.goto(`/admin/scans/${id}`);
    const bar = page.getByRole('progressbar', { name: `Progress of scan #${id}` });
    await expect(bar).toHaveAttribute('aria-valuenow', '2');
    await sql`update scans set checked = 7, heartbeat_at = now(), counters = counters || '{"domainsChecked": 7}' where id = ${id}`;
    await expect(bar).toHaveAttribute('aria-valuenow', '7');
    await expect(page.getByText('7 of 10 domains checked')).toBeVisible();
    await expectAccessible(page, testInfo, 'scan-running');
    await sql`update scans set checked = 10, state = 'done', finished_at = now(), counters = counters || '{"domainsChecked": 10, "domainsChanged": 1}' where id = ${id}`;
    await expect(page.getByTestId('scan-progress').first()).toHaveAttribute('data-state', 'done');
    await expect(page.locator('[data-counter="domainsChanged"]')).toHaveText('1');
    await sql.end();
  });

  test('lists scan history with kind, trigger, who, state, duration and result', async ({ page }, testInfo) => {
    await page.goto('/admin/scans');
    const table = page.getByRole('table', { name: 'Scan history' });
    await expect(table.getByRole('columnheader', { name: 'Started by' })).toBeVisible();
    await expect(table.getByTestId('scan-row').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'scans');
    await screenshot(page, testInfo, 'scans');
  });
});

test.describe('admin', () => {
  test.use({ storageState: storageState('admin') });

  test('cancels a running scan', async ({ page }) => {
    const sql = e2eSql();
    const id = await fakeRunningScan(sql, 50);
    await page.goto(`/admin/scans/${id}`);
    // Retried: a click that lands before hydration does nothing (the page polls, so it never goes idle).
    await expect(async () => {
      await page.getByRole('button', { name: `Cancel scan #${id}` }).click({ timeout: 2_000 });
      await expect(page.getByTestId('scan-progress').first()).toHaveAttribute('data-state', 'cancelled', {
        timeout: 3_000,
      });
    }).toPass({ timeout: 20_000 });
    const [row] = await sql`select state from scans where id = ${id}`;
    expect(row!.state).toBe('cancelled');
    await sql.end();
  });

  test('starts a full scan and lands on its live page; a second start is refused in plain words', async ({ page }) => {
    test.setTimeout(300_000);
    // A domain of this test's own whose registry never answers (until the 10 s request timeout): the
    // full scan walks the domains in id order, so it is still running when the second start comes.
    const slow = await makeCustomDomain('active', { name: uniqueDomain('slow-registry') });
    await setFaults([{ match: { domain: slow }, action: 'hang' }]);
    const sql = e2eSql();
    try {
      await page.goto('/admin/scans');
      await clickHydrated(page.getByRole('button', { name: 'Start a full scan' }));
      await expect(page).toHaveURL(/\/admin\/scans\/\d+$/, { timeout: 30_000 });
      const id = Number(page.url().split('/').pop());
      await expect(page.getByTestId('scan-progress').first()).toBeVisible();
      await page.goto('/admin/scans');
      await clickHydrated(page.getByRole('button', { name: 'Start a full scan' }));
      await expect(page.getByRole('alert').filter({ hasText: /A full scan is already running/ })).toBeVisible();
      const [row] = await sql`select kind, trigger, requested_by from scans where id = ${id}`;
      expect(row).toMatchObject({ kind: 'full', trigger: 'dashboard' });
      // On-demand rescans queue behind a full scan's slices and its leased domains: the scan ends
      // here, before this test does, so no other spec waits behind it.
      await expect
        .poll(async () => (await sql`select state from scans where id = ${id}`)[0]!.state, {
          timeout: 240_000,
          intervals: [1_000],
        })
        .toBe('done');
      expect(await sql`select id from scans where kind = 'full' and state in ('queued', 'running')`).toHaveLength(0);
    } finally {
      await setFaults([]);
      await sql.end();
    }
  });
});
