import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { makeUser, signIn, uniqueDomain, uniqueTag } from './support/fixtures';
import { waitForMail } from './support/mailbox';

// A maintainer whose domain is lapsing goes from the warning banner to a working passkey, then signs
// in with it alone, with password + passkey, confirms a change with it, and removes it. The browser is
// real Chromium with its virtual authenticator (Chrome DevTools Protocol WebAuthn domain): a platform
// authenticator with resident keys and user verification, answering every prompt as a person would.

async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

const credentials = async (a: { cdp: CDPSession; id: string }) =>
  (await a.cdp.send('WebAuthn.getCredentials', { authenticatorId: a.id })).credentials;

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A maintainer whose custom domain is in its grace period, with a backup at a big provider. */
async function maintainerAtRisk() {
  const tag = uniqueTag('passkey');
  const domain = uniqueDomain('lapsing');
  const user = await makeUser('user', { addresses: [`${tag}@${domain}`, `${tag}.backup@gmail.com`] });
  const sql = e2eSql();
  await sql`update domains set stage = 'grace', stage_since = now() - interval '3 days' where name = ${domain}`;
  await sql.end();
  return user;
}

test('from the warning banner to a passkey, then sign-in with it alone, after the password, and its removal', async ({
  page,
}, testInfo) => {
  const user = await maintainerAtRisk();
  const authenticator = await virtualAuthenticator(page);
  await signIn(page, user);

  const banner = page.getByRole('alert').filter({ hasText: 'Your account may be at risk' });
  await expect(banner).toContainText('ideally with a passkey');
  await banner.getByRole('link', { name: 'Enable two-factor authentication' }).click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole('heading', { name: /Passkeys/ })).toContainText('recommended');
  await expectAccessible(page, testInfo, 'two-factor-page');

  await page.getByLabel('Name for the new passkey').fill('Work laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByText('Your passkey “Work laptop” is ready')).toBeVisible();
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
  expect(await credentials(authenticator)).toHaveLength(1);
  // The notice of the change goes to the other address (the lapsing one would not get it anyway).
  const notice = await waitForMail(
    (m) => m.envelopeTo.includes(user.addresses[1]!) && m.subject === 'A security change on your account',
  );
  expect(notice.text).toContain('A passkey named “Work laptop” was added to your account.');

  await page.getByRole('link', { name: 'I saved them — back to my account' }).click();
  await expect(page.getByText(/A passkey signs you in/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Your account may be at risk' })).toContainText(
    'your passkey still signs you in',
  );

  // A passkey alone: no username, no password.
  await signOut(page);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: `Hello, ${user.name}` })).toBeVisible();

  // The password now asks for a second step, which the passkey answers.
  await signOut(page);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(`Password accepted for ${user.username}.`)).toBeVisible();
  await expectAccessible(page, testInfo, 'login-second-step');
  await page.getByRole('button', { name: 'Use your passkey' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const [used] = await credentials(authenticator);
  expect(used?.signCount).toBeGreaterThanOrEqual(2);

  // Removing it is a recovery change: once the session's proof is old, the passkey confirms it.
  const sql = e2eSql();
  await sql`update step_ups set proved_at = now() - interval '20 minutes' where user_id = ${user.id}`;
  await sql.end();
  await page.goto('/account/two-factor');
  await expect(page.getByText(/Added .* · last used/)).toBeVisible();
  await page.getByRole('button', { name: 'Remove the passkey Work laptop' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await dialog.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByText('Removed the passkey “Work laptop”.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toHaveCount(0);

  // Without a passkey the sign-in is the password alone again.
  await signOut(page);
  await signIn(page, user);
});

test('a passkey the account does not have signs nobody in, and says so in plain words', async ({ page }) => {
  const user = await makeUser('user', { label: 'no-passkey' });
  await virtualAuthenticator(page);
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': user.ip });
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  // The virtual authenticator holds no passkey for this site: the browser's prompt fails.
  await expect(page.getByRole('alert').filter({ hasText: /passkey/ })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
