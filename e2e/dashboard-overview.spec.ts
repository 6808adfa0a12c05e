import { expect, test } from '@playwright/test';
import { AdminShell } from './pages/admin-shell';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { e2eSql } from './support/db';
import { makeHeldFlags } from './support/fixtures';

// Each role's test holds flags of its own for review, so the call to act is there whatever ran before.
test.describe.configure({ timeout: 120_000 });

for (const role of ['staff', 'admin'] as const) {
  test.describe(role, () => {
    test.use({ storageState: storageState(role) });

    test('overview: counts, flags by stage, held flags with a call to act, 90-day chart, scans, source health', async ({
      page,
    }, testInfo) => {
      await makeHeldFlags(2, 'available');
      const sql = e2eSql();
      const shell = new AdminShell(page);
      // The count is everyone's (other specs hold flags too): page and database read again until they agree.
      await expect(async () => {
        await page.goto('/admin');
        const [{ n }] = (await sql`select count(*)::int as n from flags where state = 'pending_review'`) as unknown as [
          { n: number },
        ];
        await expect(shell.stat('Pending review')).toHaveText(String(n), { timeout: 5_000 });
      }).toPass({ timeout: 45_000 });
      await sql.end();
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
