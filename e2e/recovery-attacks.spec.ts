import { randomBytes } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { AccountPage } from './pages/account-page';
import { LoginPage } from './pages/login-page';
import { ResetPasswordPage } from './pages/reset-page';
import { e2eSql } from './support/db';
import { E2E_PASSWORD, type MadeUser, makeUser, signIn, uniqueTag } from './support/fixtures';
import { delivered, waitForMail } from './support/mailbox';
import { nextTotpCode } from './support/totp';

// The recovery promise tried as an attacker would, through the browser against the production
// build: each test makes its own maintainer, so none depends on another's leftovers.

const PASSWORD = E2E_PASSWORD;

async function maintainer(label: string) {
  const owner = `${uniqueTag(label)}@gmail.com`;
  return { ...(await makeUser('user', { addresses: [owner], label: `e2e-${label}` })), owner };
}

test('the address-list trick is refused with the reason; nothing is stored and nothing is mailed', async ({ page }) => {
  const user = await maintainer('list');
  const { id } = user;
  await signIn(page, user);
  const account = new AccountPage(page);
  for (const trick of [
    '<probe@lapsing-probe.dev>x@gmail.com',
    'probe@lapsing-probe.dev,x@gmail.com',
    '"probe@lapsing-probe.dev"@gmail.com',
  ]) {
    await account.addAddress(trick);
    await account.expectMessage(/^That address cannot be used: /);
    // The refused address stays in the field, to be corrected.
    await expect(page.getByLabel('Add a backup address')).toHaveValue(trick);
  }
  const sql = e2eSql();
  expect(await sql`select address from emails where user_id = ${id}`).toHaveLength(1);
  expect(await sql`select id from notifications where user_id = ${id} and kind = 'verify_address'`).toHaveLength(0);
  await sql.end();
  expect(delivered().filter((m) => m.envelopeTo.some((to) => to.includes('lapsing-probe.dev')))).toEqual([]);
});

test('a stolen session alone cannot add a recovery address; the password can, and the owner is told', async ({
  page,
}) => {
  const user = await maintainer('stepup');
  const { id, owner } = user;
  await signIn(page, user);
  // The session is an hour old: whoever holds the cookie has not proved anything lately.
  const sql = e2eSql();
  await sql`update step_ups set proved_at = now() - interval '1 hour' where user_id = ${id}`;
  const thief = `thief.${randomBytes(3).toString('hex')}@outlook.com`;
  const account = new AccountPage(page);
  await account.addAddress(thief);
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(dialog).toBeVisible();
  // Without the password: nothing was added, no link went anywhere.
  await page.keyboard.press('Escape');
  await account.expectMessage('Confirm it is you first');
  expect(await sql`select id from emails where address = ${thief}`).toHaveLength(0);
  expect(await sql`select id from notifications where address = ${thief}`).toHaveLength(0);

  // A wrong password changes nothing either; the right one lets the change through.
  await page.getByRole('button', { name: 'Add address' }).click();
  await dialog.getByLabel('Your password').fill('not the password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('That password is not right.');
  await dialog.getByLabel('Your password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await account.expectMessage(`We sent a verification link to ${thief}`);
  await expect(account.row(thief)).toBeVisible();

  // The owner hears of it at the address they already had; the new one waits 72 hours for resets.
  const notice = await waitForMail(
    (m) => m.envelopeTo.includes(owner) && m.subject === 'A security change on your account',
  );
  expect(notice.text).toContain(`The address ${thief} was added to your account.`);
  const [row] =
    await sql`select recovery_hold_until > now() + interval '71 hours' as held from emails where address = ${thief}`;
  expect(row).toMatchObject({ held: true });
  await sql.end();
});

test('rotating X-Forwarded-For does not escape the per-client reset limit', async ({ page }) => {
  // The e2e server trusts one proxy hop (TRUSTED_PROXIES=1, as behind a load balancer): the client is
  // the address that proxy appended, whatever the client wrote in front of it.
  const client = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
  const reset = new ResetPasswordPage(page);
  for (let i = 0; i < 21; i += 1) {
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.51.100.${i}, ${client}` });
    await reset.goto();
    await reset.request(`nobody-${i}-${randomBytes(2).toString('hex')}@example.org`);
  }
  const sql = e2eSql();
  const rows = await sql<
    { client_ip: string; outcome: string }[]
  >`select client_ip, outcome from reset_attempts where client_ip = ${client} order by id`;
  await sql.end();
  expect(rows).toHaveLength(21);
  expect(rows.slice(0, 20).every((r) => r.outcome === 'unknown_input')).toBe(true);
  expect(rows[20]?.outcome).toBe('rate_limited');
});

async function passwordStep(browser: Browser, user: MadeUser) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': user.ip } });
  const page = await context.newPage();
  await new LoginPage(page).goto('/account');
  await new LoginPage(page).signIn(user.username, PASSWORD);
  // The code step asks for the code alone: the password was accepted once.
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  return page;
}

test('one two-factor code fired from two browsers at once lets exactly one in', async ({ page, browser }) => {
  const user = await maintainer('race');
  await signIn(page, user);
  await page.goto('/account/two-factor');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  // The current step's code: one from the step before can fall out of the server's window when a
  // loaded machine takes long to answer (seen in a loaded CI run).
  await page.getByLabel('Type the 6-digit code the app shows').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10, { timeout: 20_000 });

  const [a, b] = await Promise.all([passwordStep(browser, user), passwordStep(browser, user)]);
  // A step after the one enrolment used (each step works once per account).
  const code = await nextTotpCode(user.username, secret);
  for (const p of [a, b]) await p.getByLabel('Authentication code').fill(code);
  await Promise.all([
    a.getByRole('button', { name: 'Sign in', exact: true }).click(),
    b.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  // Each page ends signed in (on /account) or refused (the form's error turns from the code prompt
  // into a refusal).
  const signedIn = async (p: Page) => {
    const error = p.locator('#login-error');
    const state = async () =>
      p.url().endsWith('/account')
        ? 'in'
        : (await error.count()) > 0
          ? ((await error.textContent({ timeout: 1_000 }).catch(() => '')) ?? '')
          : '';
    await expect.poll(state, { timeout: 30_000 }).toMatch(/^in$|Wrong username or password|did not work/);
    return (await state()) === 'in';
  };
  const outcomes = await Promise.all([signedIn(a), signedIn(b)]);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
});
