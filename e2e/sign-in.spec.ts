import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { makeUser, signIn } from './support/fixtures';
import { nextTotpCode } from './support/totp';

// Signing in as a person would: the password once, then the code on its own step; what a wrong or
// used code says; a staff account without a second factor sent to enrol; and the owner (and staff)
// seeing failed sign-ins. Every test makes its own accounts, each from its own client address.

const CODE_FAILED = 'That code did not work. Codes can be used once.';

test('with two-factor authentication the password is typed once, then the code on its own step', async ({ page }) => {
  const owner = await makeUser('user', { twoFactor: true });
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': owner.ip });
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(owner.username, owner.password);
  await expect(login.codeField()).toBeVisible();
  await expect(page.getByText(`Password accepted for ${owner.username}`)).toBeVisible();
  // The second step asks for nothing else: no password field to fill again.
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await login.enterCode(await nextTotpCode(owner.username, owner.totpSecret!));
  await expect(page).toHaveURL(/\/account$/);
});

test('a wrong code, and a code already used, say so; the right one still signs in', async ({ page, browser }) => {
  const owner = await makeUser('user', { twoFactor: true });
  const code = await nextTotpCode(owner.username, owner.totpSecret!);
  await signIn(page, owner, { code: async () => code });

  const other = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': owner.ip } });
  const second = await other.newPage();
  const login = new LoginPage(second);
  await login.goto();
  await login.signIn(owner.username, owner.password);
  await login.enterCode(code);
  await login.expectError(CODE_FAILED);
  await expect(second.getByRole('alert').filter({ hasText: 'Wrong username or password' })).toHaveCount(0);
  await login.enterCode('000000');
  await login.expectError(CODE_FAILED);
  // Still on the code step: the password is not asked for again.
  await expect(second.getByLabel('Password')).toHaveCount(0);
  await login.enterCode(await nextTotpCode(owner.username, owner.totpSecret!));
  await expect(second).toHaveURL(/\/account$/);
  await other.close();
});

test('a staff account without two-factor authentication lands on enrolment and cannot open /admin', async ({
  page,
}) => {
  const staff = await makeUser('staff', { twoFactor: false });
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': staff.ip });
  // Asked for the dashboard, signed in with the password: sent to enrol instead.
  const login = new LoginPage(page);
  await login.goto('/admin');
  await login.signIn(staff.username, staff.password);
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Staff and admin accounts need two-factor' })).toBeVisible();
  for (const path of ['/admin', '/admin/flags', '/admin/users']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/account\/two-factor$/);
  }
  const api = await page.request.get('/api/admin/overview');
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ ok: false, code: 'forbidden', message: /two-factor authentication/ });
  // Its own account stays open.
  expect((await page.goto('/account'))?.status()).toBe(200);
});

test('the owner sees a failed sign-in under "Recent sign-in activity", and staff on the user page', async ({
  page,
  browser,
}) => {
  const owner = await makeUser('user');
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': owner.ip });
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(owner.username, 'a wrong guess at the password');
  await login.expectError('Wrong username or password.');
  await signIn(page, owner);
  const activity = page.getByRole('list', { name: 'Recent sign-in activity' });
  await expect(activity.getByRole('listitem').first()).toContainText('signed in');
  await expect(activity.getByRole('listitem').nth(1)).toContainText('wrong password');
  await expect(activity.getByRole('listitem').nth(1)).toContainText(owner.ip);
  await expect(activity).not.toContainText('a wrong guess');

  const staff = await makeUser('staff');
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': staff.ip } });
  const staffPage = await signIn(await context.newPage(), staff);
  await staffPage.goto(`/admin/users/${owner.id}`);
  const section = staffPage.getByRole('list', { name: 'Sign-in activity' });
  await expect(section.getByRole('listitem')).toHaveCount(2);
  await expect(section).toContainText('wrong password');
  await context.close();
});
