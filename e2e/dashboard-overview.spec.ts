import { expect, test } from '@playwright/test';
import { AdminShell } from './pages/admin-shell';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { holdFlagsForReview } from './support/dashboard-data';
import { e2eSql } from './support/db';

test.describe.configure({ mode: 'serial' });

for (const role of ['staff', 'admin'] as const) {
  test.describe(role, () => {
    test.use({ storageState: storageState(role) });

    test('overview: counts, flags by stage, held flags with a call to act, 90-day chart, scans, source health', async ({
      page,
    }, testInfo) => {
      const sql = e2eSql();
      const [{ pending }] =
        (await sql`select count(*)::int as pending from flags where state = 'pending_review'`) as unknown as [
          { pending: number },
        ];
      if (pending === 0) await holdFlagsForReview(sql, 2, 'available');
      const [{ n }] = (await sql`select count(*)::int as n from flags where state = 'pending_review'`) as unknown as [
        { n: number },
      ];
      await sql.end();
      await page.goto('/admin');
      const shell = new AdminShell(page);
      await expect(shell.stat('Pending review')).toHaveText(String(n));
      await expect(page.getByRole('status').filter({ hasText: 'waiting for review' })).toBeVisible();
      await expect(page.getByRole('img', { name: 'Flags opened and resolved per day' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Source health, last 24 hours' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Last scans' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Open flags by stage' })).toBeVisible();
      await expectAccessible(page, testInfo, `overview-${role}`);
      await screenshot(page, testInfo, `overview-${role}`);
      await page.getByText('Show the numbers as a table').click();
      await expect(page.getByRole('table', { name: 'Flags opened and resolved per day' })).toBeVisible();
      await page.getByRole('link', { name: 'Review them' }).click();
      await expect(page).toHaveURL(/\/admin\/flags\?state=pending_review$/);
      await expect(page.getByTestId('flag-row').first()).toContainText('Pending review');
    });
  });
}
