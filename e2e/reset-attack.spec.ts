import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '@/dev/demo/seed/demo-accounts';
import { hashPassword } from '@/lib/auth/password';
import { LoginPage } from './pages/login-page';
import { ResetPasswordPage } from './pages/reset-page';
import { storageState } from './roles';
import { e2eSql } from './support/db';
import { delivered, linkIn, waitForMail } from './support/mailbox';
import { gk, setScenario } from './support/services';

// The ctx-style takeover, end to end. The maintainer verified dev@lapsed-example.dev long ago and
// has a backup at gmail.com. The domain lapses and a stranger registers it (the local registry's
// data changes); a scan flags the address. The stranger asks for a password reset for that address:
// no mail reaches the domain, the account is untouched; the backup address gets a working link.

const LAPSED = 'dev@lapsed-example.dev';
const DOMAIN = 'lapsed-example.dev';
const BACKUP = 'morgan.backup@gmail.com';
const NEW_PASSWORD = 'the maintainer chose this';

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  // Other specs sign in as the maintainer with the demo password.
  const sql = e2eSql();
  // Back to the demo state for the specs that reuse the maintainer's saved session.
  await sql`update users set password_hash = ${await hashPassword(DEMO_PASSWORD)}, session_version = 0 where username = 'maintainer'`;
  await sql.end();
});

test('a lapsed, re-registered domain cannot be used to take over the account', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const sql = e2eSql();

  // Long ago: the address was verified while the domain was the maintainer's, and the last scan saw
  // that registration (the demo data starts later in the story, so it is rewound here).
  const original = await setScenario(DOMAIN, 'active');
  await sql`update domains set stage = 'active', registered_at = ${original.rdap!.registeredAt}, handle = ${original.rdap!.handle}, registrar = ${original.rdap!.registrar?.name ?? null} where name = ${DOMAIN}`;
  await sql`update emails set verified = true, verified_at = now() - interval '400 days', unverify_reason = null, unverified_at = null where address = ${LAPSED}`;
  await sql`update flags set state = 'resolved', resolved_at = now(), resolution = 'e2e: back to the verified past' where email_id = (select id from emails where address = ${LAPSED}) and state in ('open', 'pending_review')`;
  await gk('scan', '--domain', DOMAIN, '--wait');
  const [before] =
    await sql`select e.verified, d.stage from emails e join domains d on d.name = e.domain where e.address = ${LAPSED}`;
  expect(before).toMatchObject({ verified: true, stage: 'active' });

  // The domain drops and a stranger registers it; the next scan flags the address.
  await setScenario(DOMAIN, 'available');
  await setScenario(DOMAIN, 're_registered');
  await gk('scan', '--domain', DOMAIN, '--wait');
  const [flagged] =
    await sql`select e.verified, e.unverify_reason, f.state, f.stage from emails e join flags f on f.email_id = e.id where e.address = ${LAPSED} and f.state = 'open'`;
  expect(flagged).toMatchObject({
    verified: false,
    unverify_reason: 'domain_lifecycle',
    state: 'open',
    stage: 're_registered',
  });
  // The owner is told at the backup address, never at the lapsed one.
  await waitForMail((m) => m.envelopeTo.includes(BACKUP) && m.subject === `We stopped trusting ${LAPSED}`);

  const passwordHash = async () =>
    (await sql<{ password_hash: string }[]>`select password_hash from users where username = 'maintainer'`)[0]
      ?.password_hash;
  const hashBefore = await passwordHash();
  const earlier = new Set(delivered().map((m) => m.file));

  // The stranger asks for a reset with the address they now control.
  const reset = new ResetPasswordPage(page);
  await reset.goto();
  const flaggedBody = await reset.request(LAPSED);
  await expect(reset.answer()).toContainText('If that matches an account with an address that can receive it');
  // Byte for byte the same answer for an unknown input and an existing, good one.
  await reset.goto();
  const unknownBody = await reset.request('nobody-here@unknown-domain.example.com');
  await reset.goto();
  const existingBody = await reset.request('alice');
  expect(unknownBody).toBe(flaggedBody);
  expect(existingBody).toBe(flaggedBody);

  // What really left over SMTP: a link to the backup, nothing at all to the lapsed domain.
  const backupMail = await waitForMail(
    (m) => m.envelopeTo.includes(BACKUP) && m.subject === 'Reset your password' && !earlier.has(m.file),
  );
  expect(backupMail.text).toContain(`asked for with "${LAPSED}"`);
  expect(delivered().filter((m) => m.envelopeTo.some((to) => to.endsWith(`@${DOMAIN}`)))).toEqual([]);

  // The account is untouched: same password, no link bound to the lapsed address, the refusal recorded.
  expect(await passwordHash()).toBe(hashBefore);
  expect(
    await sql`select id from tokens where email_id = (select id from emails where address = ${LAPSED}) and purpose = 'reset_password'`,
  ).toHaveLength(0);
  const [attempt] =
    await sql`select outcome, sent_to from reset_attempts where input = ${LAPSED} order by id desc limit 1`;
  expect(attempt).toMatchObject({ outcome: 'refused_flagged', sent_to: [BACKUP] });

  // A session signed in before the reset (the maintainer's own, or one an attacker opened).
  const signedInBefore = await browser.newContext({ storageState: storageState('user') });
  const earlierPage = await signedInBefore.newPage();
  await earlierPage.goto('/account');
  await expect(earlierPage).toHaveURL(/\/account$/);

  // The maintainer opens the link from the backup mailbox and sets a new password.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(linkIn(backupMail, 'http'));
  const ownerReset = new ResetPasswordPage(ownerPage);
  await ownerReset.setNewPassword(NEW_PASSWORD);
  await expect(ownerPage.getByRole('status')).toContainText('Your password was changed');
  const login = new LoginPage(ownerPage);
  await login.goto();
  await login.signIn('maintainer', NEW_PASSWORD);
  await expect(ownerPage).toHaveURL(/\/account$/);
  await expect(ownerPage.getByTestId('address-row').filter({ hasText: LAPSED })).toContainText('flagged');
  await expect(ownerPage.getByTestId('notifications')).toContainText(`We stopped trusting ${LAPSED}`);
  await expect(ownerPage.getByTestId('reset-activity')).toContainText(
    `${LAPSED} — asked with a flagged address: nothing sent there; link sent to ${BACKUP}`,
  );
  await owner.close();
  // The new password ended every session from before it.
  await earlierPage.goto('/account');
  await expect(earlierPage).toHaveURL(/\/login/);
  await signedInBefore.close();
  await sql.end();
});

test.describe('the staff mailbox', () => {
  test.use({ storageState: storageState('staff') });

  test('shows what was sent to whom, with the reset link hidden', async ({ page }) => {
    await page.goto('/admin/outbox');
    const resetRows = page.getByTestId('outbox-row').and(page.locator('[data-kind="password_reset"]'));
    await expect(resetRows.filter({ hasText: BACKUP }).first()).toContainText('sent');
    await expect(page.locator(`[data-testid="outbox-row"][data-to$="@${DOMAIN}"]`)).toHaveCount(0);
    await resetRows.first().getByText('Reset your password').click();
    await expect(resetRows.first()).toContainText('[link hidden: it holds a one-time token]');
    await expect(page.getByText(/reset-password\/[A-Za-z0-9_-]{43}/)).toHaveCount(0);
    await expect(
      page.getByTestId('reset-attempt-row').and(page.locator('[data-outcome="refused_flagged"]')).first(),
    ).toContainText(LAPSED);
  });
});

test.describe('the outbox page', () => {
  test('is refused to a user', async ({ page }) => {
    // Signs in afresh: the reset above ended the maintainer's saved session.
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('alice', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await page.goto('/admin/outbox');
    await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
  });
});
