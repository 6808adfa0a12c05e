import { expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '@/dev/demo/seed/demo-accounts';
import { hashPassword } from '@/lib/auth/password';
import { AccountPage } from './pages/account-page';
import { LoginPage } from './pages/login-page';
import { storageState } from './roles';
import { e2eSql } from './support/db';
import { linkIn, waitForMail } from './support/mailbox';
import { captureAction, expectRefused, replayAction } from './support/server-action';

// A maintainer fixing their account from /account alone: addresses (add, verify by link, primary,
// recovery, remove), two-factor authentication, and the warning with its two remedies.

const USERNAME = 'e2e-account-owner';
const FIRST = 'e2e.owner@proton.me';
const SECOND = 'e2e.owner.backup@gmail.com';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const sql = e2eSql();
  const hash = await hashPassword(DEMO_PASSWORD);
  const [user] =
    await sql`insert into users (username, name, role, password_hash) values (${USERNAME}, 'Eve Owner', 'user', ${hash})
    on conflict (username) do update set password_hash = excluded.password_hash returning id`;
  await sql`insert into emails (user_id, address, domain, is_primary, verified, verified_at) values (${user!.id}, ${FIRST}, 'proton.me', true, true, now() - interval '2 years') on conflict do nothing`;
  await sql`insert into domain_lists (domain, list, note) values ('e2e-disposable-mail.com', 'blocked', 'disposable mail') on conflict do nothing`;
  await sql.end();
});

async function signIn(page: Page, username: string, code?: () => Promise<string>) {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username, DEMO_PASSWORD);
  if (code) {
    await expect(page.getByLabel('Authentication code')).toBeVisible();
    await page.getByLabel('Authentication code').fill(await code());
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page).toHaveURL(/\/account$/);
}

test('adds a backup address, verifies it by link, makes it primary and removes the old one', async ({ page }) => {
  await signIn(page, USERNAME);
  const account = new AccountPage(page);

  await account.addAddress('me@e2e-disposable-mail.com');
  await account.expectMessage('Addresses at e2e-disposable-mail.com cannot be added: disposable mail.');

  await account.addAddress(SECOND);
  await account.expectMessage(`We sent a verification link to ${SECOND}`);
  await expect(account.row(SECOND)).toContainText('unverified');
  const mail = await waitForMail((m) => m.envelopeTo.includes(SECOND) && m.subject === 'Confirm your email address');
  await page.goto(linkIn(mail, 'http'));
  await page.getByRole('button', { name: 'Confirm this address' }).click();
  await expect(page.getByRole('status')).toContainText(`${SECOND} is verified.`);
  // The link works once.
  await page.goto(linkIn(mail, 'http'));
  await page.getByRole('button', { name: 'Confirm this address' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This link no longer works' })).toBeVisible();

  await account.goto();
  await expect(account.row(SECOND)).not.toContainText('unverified');
  // A new recovery address waits 72 hours while the account has another one (the cool-down).
  await expect(account.row(SECOND)).toContainText('resets from');
  await expect(account.row(SECOND).getByTestId('reset-hold')).toContainText(
    `${SECOND} receives password-reset links from`,
  );
  await expect(page.getByText(`Password resets go to: ${FIRST}.`)).toBeVisible();
  await account.rowAction(SECOND, 'Make primary');
  await expect(account.row(SECOND)).toContainText('primary');
  await account.rowAction(FIRST, 'Stop using for password resets');
  await expect(page.getByText(`Password resets go to: ${SECOND}.`)).toBeVisible();
  await account.rowAction(FIRST, 'Remove…');
  await account.rowAction(FIRST, `Remove ${FIRST}`);
  await expect(account.row(FIRST)).toHaveCount(0);
});

test('turns on two-factor authentication; sign-in then asks for the code; a recovery code turns it off', async ({
  page,
  browser,
}) => {
  await signIn(page, USERNAME);
  await page.goto('/account/two-factor');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(page.getByRole('img', { name: 'QR code with your new authenticator key' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  const codeAt = (steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
  await page.getByLabel('Type the 6-digit code the app shows').fill(await codeAt(0));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await signIn(other, USERNAME, () => codeAt(1));
  await expect(
    other.getByText('Signing in needs a code from your authenticator app. 10 recovery codes left.'),
  ).toBeVisible();
  await other.goto('/account/two-factor');
  await other.getByLabel('Current code from your app (or a recovery code)').fill('000000');
  await other.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'That code is not right' })).toBeVisible();
  await other.getByLabel('Current code from your app (or a recovery code)').fill(recovery);
  await other.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
  await expect(other.getByRole('status')).toContainText('Two-factor authentication is off');
  await fresh.close();
});

test('warns a user whose domain is in grace, with both remedies one click away', async ({ page }) => {
  await signIn(page, 'alice');
  const account = new AccountPage(page);
  await expect(account.banner()).toContainText('alice@alice-dev.io');
  await expect(account.row('alice@alice-dev.io')).toContainText('has expired and is in its renewal grace period');
  await account.banner().getByRole('link', { name: 'Add a backup address' }).click();
  await expect(page.getByLabel('Add a backup address')).toBeVisible();
  await account.banner().getByRole('link', { name: 'Enable two-factor authentication' }).click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole('button', { name: 'Set up two-factor authentication' })).toBeVisible();
});

test.describe('address actions called directly', () => {
  test.use({ storageState: storageState('user') });

  test('refuse an anonymous caller and another account, changing nothing', async ({ page }) => {
    const sql = e2eSql();
    const state = () =>
      sql`select id, address, verified, is_primary, use_for_recovery from emails where user_id = (select id from users where username = 'maintainer') order by id`;
    const before = JSON.stringify(await state());
    const account = new AccountPage(page);
    await account.goto();
    await account.rowAction('morgan.backup@gmail.com', 'Remove…');
    // The real button's request, stopped before the server, then replayed by others.
    const remove = await captureAction(page, () =>
      account.rowAction('morgan.backup@gmail.com', 'Remove morgan.backup@gmail.com'),
    );
    expectRefused(await replayAction(remove, null), 'unauthenticated');
    const asStaff = await replayAction(remove, 'staff');
    expect(asStaff.text).toContain('"code":"not_found"');
    expect(asStaff.text).not.toContain('"ok":true');
    expect(JSON.stringify(await state())).toBe(before);
    await sql.end();
  });
});
