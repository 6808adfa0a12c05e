import { domainToASCII } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { AccountPage } from './pages/account-page';
import { ResetPasswordPage } from './pages/reset-page';
import { e2eSql } from './support/db';
import {
  makeCustomDomain,
  makeFlaggedUser,
  makeUser,
  signIn,
  uniqueClientIp,
  uniqueDomain,
  uniqueTag,
} from './support/fixtures';
import { linkIn, waitForMail } from './support/mailbox';

// Issue 16, "Words" and "The account page", as a maintainer meets them in the browser: refusals in
// sentences beside what they refuse, an internationalised address accepted, a dead reset link offered
// a new one once, and a primary address that lapsed replaced, with the reason on /account.

const field = (page: Page) => page.getByLabel('Add a backup address');
// The form's alert, not Next's (empty) route announcer, which has the same role.
const alertOf = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });
// An address's row by its own line: another row's text may name it (the primary's reason does).
const rowOf = (page: Page, address: string) =>
  page.getByTestId('address-row').filter({ has: page.locator('p.font-mono').getByText(address, { exact: false }) });

test('a refused address stays in the field with its reason beside it', async ({ page }) => {
  const lapsing = await makeCustomDomain('redemption');
  await signIn(page, await makeUser('user', { label: 'e2e-words-refused' }));
  const account = new AccountPage(page);

  const atLapsing = `me@${lapsing}`;
  await account.addAddress(atLapsing);
  const reason = page.getByTestId('address-refusal');
  const words = `We cannot accept addresses at ${lapsing} now: our checks say its registration lapsed or changed hands, so its mail may reach someone else. Use an address at another domain; if ${lapsing} is yours, renew it with your registrar first.`;
  await expect(reason).toHaveText(words);
  await expect(field(page)).toHaveValue(atLapsing);
  // The reason is tied to the field for assistive technology.
  await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page)).toHaveAccessibleDescription(words);

  const tooLong = `${'a'.repeat(250)}@gmail.com`;
  await account.addAddress(tooLong);
  await expect(reason).toHaveText('An address has at most 254 characters.');
  await expect(field(page)).toHaveValue(tooLong);
  await expect(page.getByText(/Check \w+:|expected string|<=/)).toHaveCount(0);
});

test('an internationalised address (a domain in Unicode) is accepted by the form and the server', async ({ page }) => {
  // A fresh IDN domain the local registry serves as registered: bücher-<tag>.com, stored in punycode.
  const unicode = `bücher-${uniqueTag('idn').slice(-8)}.com`;
  const ascii = domainToASCII(unicode);
  expect(ascii).toMatch(/^xn--/);
  await makeCustomDomain('active', { name: ascii });
  await signIn(page, await makeUser('user', { label: 'e2e-words-idn' }));
  const account = new AccountPage(page);
  // type=email would refuse it in the browser before the server saw it.
  await expect(field(page)).toHaveAttribute('type', 'text');
  await expect(field(page)).toHaveAttribute('inputmode', 'email');

  const typed = `alice@${unicode}`;
  await account.addAddress(typed);
  await account.expectMessage(`We sent a verification link to ${typed}`);
  await expect(account.row(`alice@${ascii}`)).toContainText('unverified');
  await expect(field(page)).toHaveValue('');
  // The server still applies the product's grammar, in words: a Unicode local part is refused.
  await account.addAddress(`jürgen@${unicode}`);
  await expect(page.getByTestId('address-refusal')).toContainText('That address cannot be used:');
  await expect(field(page)).toHaveValue(`jürgen@${unicode}`);
});

test('a reset says "The two passwords differ", and a used link offers a new one once', async ({ page }) => {
  const user = await makeUser('user', { label: 'e2e-words-reset' });
  const address = user.addresses[0]!;
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': user.ip });
  const reset = new ResetPasswordPage(page);
  await reset.goto();
  await reset.request(user.username);
  const mail = await waitForMail((m) => m.envelopeTo.includes(address) && m.subject === 'Reset your password');
  const link = linkIn(mail, 'http');

  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('a long enough password');
  await page.getByLabel('New password, again').fill('a different long password');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(alertOf(page)).toHaveText('The two passwords differ.');
  await expect(page.getByLabel('New password, again')).toHaveAttribute('aria-invalid', 'true');

  await reset.setNewPassword('the new long password');
  await expect(page.getByRole('status')).toContainText('Your password was changed');

  // The same link again: what happened, and one way on.
  await page.goto(link);
  const dead = page.getByTestId('dead-reset-link');
  await expect(dead).toContainText('This reset link no longer works: it was used');
  await expect(page.getByText(/ask for a new/i)).toHaveCount(1);
  await expect(dead.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/reset-password');
});

test('the reset request says an address has at most 254 characters', async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
  const reset = new ResetPasswordPage(page);
  await reset.goto();
  // The field's own maxLength is 320: past the address limit, the server's words show.
  await page.getByLabel('Username or email address').fill(`${'b'.repeat(300)}@${uniqueDomain('long')}`);
  await page.getByRole('button', { name: 'Send a reset link' }).click();
  await expect(alertOf(page)).toHaveText('An address has at most 254 characters.');
});

test('a primary address whose domain lapsed is replaced, and /account says by which and why', async ({ page }) => {
  const user = await makeFlaggedUser('redemption', { label: 'e2e-words-switch' });
  const sql = e2eSql();
  const rows = await sql<{ address: string; is_primary: boolean }[]>`
    select address, is_primary from emails where user_id = ${user.id} order by id`;
  await sql.end();
  expect(rows).toEqual([
    { address: user.address, is_primary: false },
    { address: user.backup, is_primary: true },
  ]);

  await signIn(page, user);
  const backupRow = rowOf(page, user.backup);
  const flaggedRow = rowOf(page, user.address);
  await expect(backupRow.locator('p.font-mono')).toContainText('primary');
  await expect(flaggedRow.locator('p.font-mono')).toContainText('flagged');
  await expect(flaggedRow.locator('p.font-mono')).not.toContainText('primary');
  await expect(backupRow.getByTestId('primary-because')).toHaveText(
    new RegExp(
      `^Your primary address since \\d+ \\w+: ${esc(user.address)} was primary until its domain ${esc(user.domain)} went into its redemption period, so we unverified it\\. ${esc(user.backup)} is the oldest address of your account that is still verified, so it took its place\\.$`,
    ),
  );
  // The flagged address is no longer primary, so it can be removed.
  await expect(flaggedRow.getByRole('button', { name: 'Remove…' })).toBeVisible();
  // The notice says so too.
  const notices = page.getByTestId('notifications');
  await notices.getByText(`We stopped trusting ${user.address}`).click();
  await expect(notices).toContainText(`${user.backup} is now your primary address in its place`);
  await expect(notices).toContainText(`Keep ${user.backup}`);
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
