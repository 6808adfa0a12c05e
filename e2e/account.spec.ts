import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { AccountPage } from './pages/account-page';
import { e2eSql } from './support/db';
import { makeUser, scanUser, signedInPage, signIn, uniqueDomain, uniqueTag } from './support/fixtures';
import { linkIn, waitForMail } from './support/mailbox';
import { captureAction, expectRefused, replayAction } from './support/server-action';
import { setScenario } from './support/services';

// A maintainer fixing their account from /account alone: addresses (add, verify by link, primary,
// recovery, remove), two-factor authentication, and the warning with its two remedies. Each test makes
// its own maintainer (and blocked domain, and lapsing domain), so none depends on another's leftovers.

test('adds a backup address, verifies it by link, makes it primary and removes the old one', async ({ page }) => {
  const tag = uniqueTag('owner');
  const FIRST = `${tag}@proton.me`;
  const SECOND = `${tag}.backup@gmail.com`;
  const disposable = uniqueDomain('disposable-mail');
  const sql = e2eSql();
  await sql`insert into domain_lists (domain, list, note) values (${disposable}, 'blocked', 'disposable mail')`;
  await sql.end();
  await signIn(page, await makeUser('user', { addresses: [FIRST] }));
  const account = new AccountPage(page);

  await account.addAddress(`me@${disposable}`);
  await account.expectMessage(`Addresses at ${disposable} cannot be added: disposable mail.`);

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
  const owner = await makeUser('user');
  await signIn(page, owner);
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
  await signIn(other, owner, { code: () => codeAt(1) });
  await expect(
    other.getByText('Signing in needs a code from your authenticator app. 10 recovery codes left.', { exact: false }),
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
  const domain = uniqueDomain('grace');
  await setScenario(domain, 'grace');
  const address = `${uniqueTag('alice')}@${domain}`;
  const user = await makeUser('user', { addresses: [address] });
  await scanUser(user.username);
  await signIn(page, user);
  const account = new AccountPage(page);
  await expect(account.banner()).toContainText(address);
  await expect(account.row(address)).toContainText('has expired and is in its renewal grace period');
  await account.banner().getByRole('link', { name: 'Add a backup address' }).click();
  await expect(page.getByLabel('Add a backup address')).toBeVisible();
  await account.banner().getByRole('link', { name: 'Enable two-factor authentication' }).click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole('button', { name: 'Set up two-factor authentication' })).toBeVisible();
});

test('address actions called directly refuse an anonymous caller and another account, changing nothing', async ({
  page,
  browser,
}) => {
  const user = await makeUser('user', {
    addresses: [`${uniqueTag('replayed')}@proton.me`, `${uniqueTag('replayed')}.backup@gmail.com`],
  });
  const backup = user.addresses[1]!;
  const sql = e2eSql();
  const state = () =>
    sql`select id, address, verified, is_primary, use_for_recovery from emails where user_id = ${user.id} order by id`;
  const before = JSON.stringify(await state());
  await signIn(page, user);
  const account = new AccountPage(page);
  await account.rowAction(backup, 'Remove…');
  // The real button's request, stopped before the server, then replayed by others.
  const remove = await captureAction(page, () => account.rowAction(backup, `Remove ${backup}`));
  expectRefused(await replayAction(remove, null), 'unauthenticated');
  const other = await signedInPage(browser, await makeUser('user'));
  for (const caller of [{ session: other.context }, 'staff' as const]) {
    const result = await replayAction(remove, caller);
    expect(result.text).toContain('"code":"not_found"');
    expect(result.text).not.toContain('"ok":true');
  }
  await other.context.close();
  expect(JSON.stringify(await state())).toBe(before);
  await sql.end();
});
