import { expect, test } from '@playwright/test';
import { addressRow } from './pages/account-page';
import { ResetPasswordPage } from './pages/reset-page';
import { storageState } from './roles';
import { e2eSql } from './support/db';
import {
  makeUser,
  scanDomain,
  signedInPage,
  signIn,
  uniqueClientIp,
  uniqueDomain,
  uniqueTag,
} from './support/fixtures';
import { delivered, linkIn, waitForMail } from './support/mailbox';
import { setScenario } from './support/services';

// The ctx-style takeover, end to end, on a maintainer this spec makes: they verified dev@<their
// domain> long ago and have a backup at gmail.com. The domain lapses and a stranger registers it (the
// local registry's data changes); a scan flags the address. The stranger asks for a password reset
// for that address: no mail reaches the domain, the account is untouched; the backup gets a working link.

const NEW_PASSWORD = 'the maintainer chose this';

test('a lapsed, re-registered domain cannot be used to take over the account', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const sql = e2eSql();

  // Long ago: the address was verified while the domain was the maintainer's, and a scan saw that
  // registration.
  const domain = uniqueDomain('lapsed');
  await setScenario(domain, 'active');
  const lapsed = `dev@${domain}`;
  const backup = `${uniqueTag('morgan')}.backup@gmail.com`;
  const owner = await makeUser('user', { addresses: [lapsed, backup], label: 'e2e-maintainer' });
  await scanDomain(domain);
  const [before] =
    await sql`select e.verified, d.stage from emails e join domains d on d.name = e.domain where e.address = ${lapsed}`;
  expect(before).toMatchObject({ verified: true, stage: 'active' });

  // The domain drops and a stranger registers it; the next scan flags the address.
  await setScenario(domain, 'available');
  await setScenario(domain, 're_registered');
  await scanDomain(domain);
  const [flagged] =
    await sql`select e.verified, e.unverify_reason, f.state, f.stage from emails e join flags f on f.email_id = e.id where e.address = ${lapsed} and f.state = 'open'`;
  expect(flagged).toMatchObject({
    verified: false,
    unverify_reason: 'domain_lifecycle',
    state: 'open',
    stage: 're_registered',
  });
  // The owner is told at the backup address, never at the lapsed one.
  await waitForMail((m) => m.envelopeTo.includes(backup) && m.subject === `We stopped trusting ${lapsed}`);

  const passwordHash = async () =>
    (await sql<{ password_hash: string }[]>`select password_hash from users where id = ${owner.id}`)[0]?.password_hash;
  const hashBefore = await passwordHash();
  const earlier = new Set(delivered().map((m) => m.file));

  // The stranger asks for a reset with the address they now control, from a client address of their
  // own (the per-client reset limit is then this test's alone).
  const bystander = await makeUser('user', { label: 'e2e-bystander' });
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientIp() });
  const reset = new ResetPasswordPage(page);
  await reset.goto();
  const flaggedBody = await reset.request(lapsed);
  await expect(reset.answer()).toContainText('If that matches an account with an address that can receive it');
  // Byte for byte the same answer for an unknown input and an existing, good one.
  await reset.goto();
  const unknownBody = await reset.request(`nobody-here@${uniqueDomain('unknown')}`);
  await reset.goto();
  const existingBody = await reset.request(bystander.username);
  expect(unknownBody).toBe(flaggedBody);
  expect(existingBody).toBe(flaggedBody);

  // What really left over SMTP: a link to the backup, nothing at all to the lapsed domain.
  const backupMail = await waitForMail(
    (m) => m.envelopeTo.includes(backup) && m.subject === 'Reset your password' && !earlier.has(m.file),
  );
  expect(backupMail.text).toContain(`asked for with "${lapsed}"`);
  expect(delivered().filter((m) => m.envelopeTo.some((to) => to.endsWith(`@${domain}`)))).toEqual([]);

  // The account is untouched: same password, no link bound to the lapsed address, the refusal recorded.
  expect(await passwordHash()).toBe(hashBefore);
  expect(
    await sql`select id from tokens where email_id = (select id from emails where address = ${lapsed}) and purpose = 'reset_password'`,
  ).toHaveLength(0);
  const [attempt] =
    await sql`select outcome, sent_to from reset_attempts where input = ${lapsed} order by id desc limit 1`;
  expect(attempt).toMatchObject({ outcome: 'refused_flagged', sent_to: [backup] });

  // A session signed in before the reset (the maintainer's own, or one an attacker opened).
  const signedInBefore = await signedInPage(browser, owner);

  // The maintainer opens the link from the backup mailbox and sets a new password.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(linkIn(backupMail, 'http'));
  await new ResetPasswordPage(ownerPage).setNewPassword(NEW_PASSWORD);
  await expect(ownerPage.getByRole('status')).toContainText('Your password was changed');
  await signIn(ownerPage, { ...owner, password: NEW_PASSWORD });
  await expect(addressRow(ownerPage, lapsed)).toContainText('flagged');
  await expect(ownerPage.getByTestId('notifications')).toContainText(`We stopped trusting ${lapsed}`);
  await expect(ownerPage.getByTestId('reset-activity')).toContainText(
    `${lapsed} — asked with a flagged address: nothing sent there; link sent to ${backup}`,
  );
  await ownerContext.close();
  // The new password ended every session from before it.
  await signedInBefore.page.goto('/account');
  await expect(signedInBefore.page).toHaveURL(/\/login/);
  await signedInBefore.context.close();

  // Staff read the mailbox: what was sent to whom, the reset link hidden, nothing to the lapsed domain.
  const staff = await browser.newContext({ storageState: storageState('staff') });
  const outbox = await staff.newPage();
  // Searched by recipient, as staff would: other specs' mail may fill the first pages meanwhile.
  await outbox.goto(`/admin/outbox?q=${encodeURIComponent(`@${domain}`)}`);
  await expect(outbox.getByTestId('outbox-row')).toHaveCount(0);
  await outbox.goto(`/admin/outbox?q=${encodeURIComponent(backup)}&reset_q=${encodeURIComponent(lapsed)}`);
  const resetRows = outbox.getByTestId('outbox-row').and(outbox.locator('[data-kind="password_reset"]'));
  const ours = resetRows.filter({ hasText: backup }).first();
  await expect(ours).toContainText('sent');
  await ours.getByText('Reset your password').click();
  await expect(ours).toContainText('[link hidden: it holds a one-time token]');
  await expect(outbox.getByText(/reset-password\/[A-Za-z0-9_-]{43}/)).toHaveCount(0);
  await expect(
    outbox.getByTestId('reset-attempt-row').and(outbox.locator('[data-outcome="refused_flagged"]')).filter({
      hasText: lapsed,
    }),
  ).not.toHaveCount(0);
  await staff.close();
  await sql.end();
});

test('the outbox page is refused to a user', async ({ page }) => {
  await signIn(page, await makeUser('user'));
  await page.goto('/admin/outbox');
  await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
});
