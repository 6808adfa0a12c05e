import { expect, test } from '@playwright/test';
import { storageState } from './roles';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { makeFlaggedUser, makeUser, scanUser, uniqueDomain, uniqueTag } from './support/fixtures';
import { clickHydrated } from './support/hydration';
import { setScenario } from './support/services';

// Users, the audit log and the settings. Each test acts on a user of its own (a flagged address on a
// fresh lapsing domain, another in grace); the settings test changes only what no other spec relies on.

test.describe.configure({ timeout: 180_000 });

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('a user page: addresses with domain stages, 2FA, flags; notify and rescan their domains', async ({
    page,
  }, testInfo) => {
    const graceDomain = uniqueDomain('grace');
    await setScenario(graceDomain, 'grace');
    const inGrace = `${uniqueTag('dev')}@${graceDomain}`;
    const lapsing = uniqueDomain('redemption');
    await setScenario(lapsing, 'redemption');
    const flagged = `${uniqueTag('old')}@${lapsing}`;
    const user = await makeUser('user', { addresses: [inGrace, flagged, `${uniqueTag('backup')}@gmail.com`] });
    await scanUser(user.username);
    const sql = e2eSql();
    await page.goto(`/admin/users?q=${user.username}`);
    await expectAccessible(page, testInfo, 'users');
    await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: user.username, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${user.id}$`));
    await expect(page.getByRole('heading', { name: new RegExp(user.username) })).toBeVisible();
    const addresses = page.getByRole('table', { name: 'Addresses of this user' });
    await expect(addresses.getByRole('row', { name: new RegExp(inGrace.replace(/\./g, '\\.')) })).toContainText(
      'Grace',
    );
    await expect(page.getByText('Two-factor authentication')).toBeVisible();
    await expectAccessible(page, testInfo, 'user');
    await clickHydrated(page.getByRole('button', { name: 'Notify about their flags' }));
    await expect(page.getByRole('status').filter({ hasText: /Notified the users of 1 flag/ })).toBeVisible();
    await clickHydrated(page.getByRole('button', { name: "Rescan this user's domains" }));
    // Queued behind whatever the worker is on (a scheduled scan's slice): generous, but bounded.
    await expect(page.getByText(/finished: the page shows its result/)).toBeVisible({ timeout: 100_000 });
    const [scan] =
      await sql`select kind, target, state, requested_by from scans where kind = 'user' and target = ${user.username} and requested_by is not null order by id desc limit 1`;
    expect(scan).toMatchObject({ kind: 'user', target: user.username, state: 'done' });
    await sql.end();
  });

  test('notifies a flagged user from their page; the notice shows in their history and in the audit log', async ({
    page,
  }, testInfo) => {
    const user = await makeFlaggedUser('redemption', { label: 'e2e-notified' });
    await page.goto(`/admin/users/${user.id}`);
    await clickHydrated(page.getByRole('button', { name: 'Notify about their flags' }));
    await expect(page.getByRole('status').filter({ hasText: /Notified the users of/ })).toBeVisible();
    await expect(page.getByTestId('user-notification').filter({ hasText: 'staff notice' }).first()).toBeVisible();

    // The audit log filters by actor, action, target and date, and finds that notice.
    await page.goto('/admin/audit');
    await page.getByLabel('Actor').fill('staff');
    await page.getByLabel('Action').selectOption('flag.notify');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/actor=staff/);
    await expect(page).toHaveURL(/action=flag\.notify/);
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    for (const r of await rows.all()) await expect(r).toContainText('Notified the user of a flag');
    const today = new Date().toISOString().slice(0, 10);
    const target = `flag:${user.flag.id}`;
    await page.goto(`/admin/audit?target=${encodeURIComponent(target)}&action=flag.notify&from=${today}&to=${today}`);
    await expect(rows).toHaveCount(1);
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
    // The policy is the one thing every spec shares: this test changes only what no other spec's scans
    // depend on (the recheck interval of registered domains, the guard's absolute limit, far above what
    // any spec unverifies at once) and leaves the stage actions alone. Nothing to put back.
    const sql = e2eSql();
    const stored = async () => (await sql`select value from settings where key = 'policy'`)[0]?.value ?? null;
    const before = await stored();
    await page.goto('/admin/settings');
    await expectAccessible(page, testInfo, 'settings');
    const share = page.getByLabel('Most share of the addresses seen (0 to 1)');
    const shareBefore = await share.inputValue();
    await share.fill('1.5');
    await clickHydrated(page.getByRole('button', { name: 'Save policy' }));
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'The largest share of addresses one scan may unverify must be at most 1.' }),
    ).toBeVisible();
    expect(await stored()).toEqual(before);
    await share.fill(shareBefore);
    const farDays = page.getByLabel('Recheck registered domains every (days)');
    const maxUnverify = page.getByLabel('Most addresses one scan may unverify');
    const farBefore = Number(await farDays.inputValue());
    const maxBefore = Number(await maxUnverify.inputValue());
    await farDays.fill(String(farBefore + 1));
    await maxUnverify.fill(String(maxBefore + 10));
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('recheck.farDays');
    expect(await stored()).toMatchObject({
      recheck: { farDays: farBefore + 1 },
      blastRadius: { maxUnverify: maxBefore + 10 },
    });
    const [audit] = await sql`select details from audit_log where action = 'settings.update' order by id desc limit 1`;
    expect(audit!.details).toMatchObject({
      before: { recheck: { farDays: farBefore } },
      after: { recheck: { farDays: farBefore + 1 } },
    });

    // A domain name of its own, added to the trusted list and removed again through the page.
    const provider = uniqueDomain('provider');
    await page.getByLabel('Domain', { exact: true }).first().fill(`Mail.${provider.toUpperCase()}`);
    await page.getByRole('button', { name: 'Add to trusted list' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${provider} to the trusted list.` })).toBeVisible();
    await page.getByRole('button', { name: `Remove ${provider} from the trusted list` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Removed ${provider}` })).toBeVisible();
    await page.getByLabel('Domain', { exact: true }).nth(1).fill('co.uk');
    await page.getByRole('button', { name: 'Add to blocked list' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'public suffix' })).toBeVisible();
    await sql.end();
  });
});
