import { expect, test } from '@playwright/test';
import { addressRow } from './pages/account-page';
import { AdminShell } from './pages/admin-shell';
import { LoginPage } from './pages/login-page';
import { storageState } from './roles';
import { e2eSql } from './support/db';
import { makeFlaggedUser, makeUser, signIn, uniqueTag } from './support/fixtures';

test.describe('anonymous visitor', () => {
  test('is sent to the login page from staff and account pages', async ({ page }) => {
    for (const path of ['/admin', '/admin/flags', '/admin/outbox', '/admin/settings', '/account']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    }
  });

  test('gets the same error for an unknown user and a wrong password', async ({ page }) => {
    const admin = await makeUser('admin');
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': admin.ip });
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(admin.username, 'not the password');
    await login.expectError('Wrong username or password.');
    await login.signIn(uniqueTag('no-such-user'), 'not the password');
    await login.expectError('Wrong username or password.');
  });

  test('cannot read the overview API', async ({ request }) => {
    const response = await request.get('/api/admin/overview');
    expect(response.status()).toBe(401);
  });
});

test.describe('user', () => {
  test('sees their own addresses and the warning, and is refused every staff page', async ({ page }) => {
    const user = await makeFlaggedUser('re_registered', { label: 'e2e-access' });
    await signIn(page, user);
    const row = addressRow(page, user.address);
    await expect(row).toContainText('unverified');
    await expect(row).toContainText(/was registered again after you verified this address/);
    await expect(page.getByRole('alert').filter({ hasText: 'Your account may be at risk' })).toBeVisible();
    const shell = new AdminShell(page);
    for (const path of [
      '/admin',
      '/admin/flags',
      '/admin/domains',
      '/admin/scans',
      '/admin/users',
      '/admin/audit',
      '/admin/outbox',
      '/admin/settings',
    ]) {
      await page.goto(path);
      await shell.expectForbidden();
    }
    expect((await page.request.get('/api/admin/overview')).status()).toBe(403);
  });
});

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('sees the staff area without admin settings, with real counts', async ({ page }) => {
    await page.goto('/admin');
    const shell = new AdminShell(page);
    expect(await shell.navLabels()).toEqual([
      'Overview',
      'Flags',
      'Domains',
      'Look-alikes',
      'Scans',
      'Users',
      'Audit log',
      'Outbox',
      'My account',
    ]);
    // Read-only here; other specs' scans may still move the counts, so the page and the database are
    // read again until they agree.
    const sql = e2eSql();
    await expect(async () => {
      await page.reload();
      const [{ n, open }] = (await sql`select (select count(*)::int from emails) as n,
        (select count(*)::int from flags where state = 'open') as open`) as unknown as [{ n: number; open: number }];
      await expect(shell.stat('Addresses')).toHaveText(n.toLocaleString('en'), { timeout: 5_000 });
      await expect(shell.stat('Open flags')).toHaveText(open.toLocaleString('en'), { timeout: 5_000 });
    }).toPass({ timeout: 45_000 });
    await sql.end();
    await page.goto('/admin/settings');
    await shell.expectForbidden();
  });
});

test.describe('admin', () => {
  test.use({ storageState: storageState('admin') });

  test('sees every section including settings', async ({ page }) => {
    await page.goto('/admin');
    const shell = new AdminShell(page);
    expect(await shell.navLabels()).toContain('Settings');
    await page.goto('/admin/settings');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'gmail.com' }).first()).toBeVisible();
  });
});
