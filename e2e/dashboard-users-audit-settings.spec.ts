import { expect, test } from '@playwright/test';
import { storageState } from './roles';
import { expectAccessible } from './support/a11y';
import { waitForIdleScans } from './support/dashboard-data';
import { e2eSql } from './support/db';

test.describe.configure({ mode: 'serial' });

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('a user page: addresses with domain stages, 2FA, flags; notify and rescan their domains', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const sql = e2eSql();
    await waitForIdleScans(sql);
    await page.goto('/admin/users?q=alice');
    await expectAccessible(page, testInfo, 'users');
    await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: 'alice', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
    await expect(page.getByRole('heading', { name: /alice/ })).toBeVisible();
    const [alice] = await sql<{ id: number }[]>`select id from users where username = 'alice'`;
    expect(page.url()).toMatch(new RegExp(`/admin/users/${alice!.id}$`));
    const addresses = page.getByRole('table', { name: 'Addresses of this user' });
    await expect(addresses.getByRole('row', { name: /alice@alice-dev\.io/ })).toContainText('Grace');
    await expect(page.getByText('Two-factor authentication')).toBeVisible();
    await expectAccessible(page, testInfo, 'user');
    const notify = page.getByRole('button', { name: 'Notify about their flags' });
    if (await notify.isEnabled()) {
      await notify.click();
      await expect(
        page
          .locator('[role=status],[role=alert]')
          .filter({ hasText: /Notified|notified already/ })
          .first(),
      ).toBeVisible();
    }
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: "Rescan this user's domains" }).click();
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 90_000 });
    const [scan] = await sql`select kind, target, state from scans where kind = 'user' order by id desc limit 1`;
    expect(scan).toMatchObject({ kind: 'user', target: 'alice', state: 'done' });
    await sql.end();
  });

  test('notifies a flagged user from their page; the notice shows in their history', async ({ page }) => {
    const sql = e2eSql();
    const [row] = await sql<{ user_id: number }[]>`
      select e.user_id from flags f join emails e on e.id = f.email_id
      where f.state = 'open' and not exists (select 1 from notifications n where n.user_id = e.user_id and n.kind = 'staff_notice')
        and e.domain not in ('lapsed-example.dev', 'alice-dev.io')
      order by f.id limit 1`;
    await page.goto(`/admin/users/${row!.user_id}`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Notify about their flags' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Notified the users of/ })).toBeVisible();
    await expect(page.getByTestId('user-notification').filter({ hasText: 'staff notice' }).first()).toBeVisible();
    await sql.end();
  });

  test('the audit log filters by actor, action, target and date', async ({ page }, testInfo) => {
    await page.goto('/admin/audit');
    await page.getByLabel('Actor').fill('staff');
    await page.getByLabel('Action').selectOption('flag.notify');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/actor=staff/);
    await expect(page).toHaveURL(/action=flag\.notify/);
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    for (const r of await rows.all()) await expect(r).toContainText('Notified the user of a flag');
    const target = (await rows.first().locator('td').nth(3).textContent())!.trim();
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/admin/audit?target=${encodeURIComponent(target)}&from=${today}&to=${today}`);
    await expect(rows.first()).toContainText(target);
    await page.goto('/admin/audit?to=2000-01-01');
    await expect(page.getByText('No entry matches these filters')).toBeVisible();
    await page.goto('/admin/audit');
    await expectAccessible(page, testInfo, 'audit');
  });

  test('cannot open the settings', async ({ page }) => {
    await page.goto('/admin/settings');
    await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  });
});

test.describe('admin', () => {
  test.use({ storageState: storageState('admin') });

  test('changes the policy (validated, audited) and the domain lists', async ({ page }, testInfo) => {
    const sql = e2eSql();
    await page.goto('/admin/settings');
    await expectAccessible(page, testInfo, 'settings');
    const share = page.getByLabel('Most share of the addresses seen (0 to 1)');
    await share.fill('1.5');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'blastRadius.maxShare' })).toBeVisible();
    expect((await sql`select count(*)::int as n from settings where key = 'policy'`)[0]!.n).toBe(0);
    await share.fill('0.1');
    await page.getByLabel('Warning window (days before expiry)').fill('21');
    await page.getByLabel('Grace').selectOption('unverify');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('warningWindowDays');
    const [stored] = await sql`select value from settings where key = 'policy'`;
    expect(stored!.value).toMatchObject({
      warningWindowDays: 21,
      blastRadius: { maxShare: 0.1 },
      stageActions: { grace: 'unverify' },
    });
    const [audit] = await sql`select details from audit_log where action = 'settings.update' order by id desc limit 1`;
    expect(audit!.details).toMatchObject({ before: { warningWindowDays: 30 }, after: { warningWindowDays: 21 } });
    // Put the defaults back for the specs after this one.
    await page.getByLabel('Warning window (days before expiry)').fill('30');
    await page.getByLabel('Grace').selectOption('warn');
    await share.fill('0.2');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    await page.getByLabel('Domain', { exact: true }).first().fill('Mail.E2E-Provider-Test.com');
    await page.getByRole('button', { name: 'Add to trusted list' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Added e2e-provider-test.com to the trusted list.' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Remove e2e-provider-test.com from the trusted list' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed e2e-provider-test.com' })).toBeVisible();
    await page.getByLabel('Domain', { exact: true }).nth(1).fill('co.uk');
    await page.getByRole('button', { name: 'Add to blocked list' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'public suffix' })).toBeVisible();
    await sql.end();
  });
});
