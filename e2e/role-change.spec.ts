import { randomBytes } from 'node:crypto';
import { type BrowserContext, expect, type Page, request, test } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { LoginPage } from './pages/login-page';
import { ResetPasswordPage } from './pages/reset-page';
import { e2eSql } from './support/db';
import { linkIn, waitForMail } from './support/mailbox';
import { type CapturedAction, captureAction, expectRefused } from './support/server-action';
import { gk, setScenario } from './support/services';
import { enrolTotp, nextTotpCode } from './support/totp';

// Two promises about sessions, through real sign-ins against the production build and its database:
// a role change bites on the very next request (the role is re-read from the database, not trusted
// from the session cookie), and a password reset ends every session opened before it. Each test
// makes its own user; none uses the demo accounts.

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a new password nobody else knows';

async function makeUser(label: string, role: 'user' | 'staff') {
  const sql = e2eSql();
  const tag = `${label}-${randomBytes(3).toString('hex')}`;
  const username = `e2e-${tag}`;
  const address = `${tag}@gmail.com`;
  const [user] =
    await sql`insert into users (username, name, role, password_hash) values (${username}, ${`Person ${tag}`}, ${role}, ${await hashPassword(PASSWORD)}) returning id`;
  await sql`insert into emails (user_id, address, domain, is_primary, verified, verified_at) values (${user!.id}, ${address}, 'gmail.com', true, true, now() - interval '2 years')`;
  await sql.end();
  // Staff need a second factor to use their role: enrolled as the app would leave them.
  const totpSecret = role === 'staff' ? await enrolTotp(Number(user!.id)) : undefined;
  return { id: Number(user!.id), username, address, totpSecret };
}

/** A second address on a watched custom domain the local registry serves as active (so a rescan has work). */
async function addWatchedAddress(userId: number, tag: string) {
  const domain = `${tag}-${randomBytes(4).toString('hex')}.com`;
  await setScenario(domain, 'active');
  const sql = e2eSql();
  await sql`insert into domains (name, stage, stage_since, last_checked_at, next_check_at) values (${domain}, 'active', now(), now(), now() + interval '1 day')`;
  await sql`insert into emails (user_id, address, domain, verified, verified_at) values (${userId}, ${`me@${domain}`}, ${domain}, true, now() - interval '1 year')`;
  await sql.end();
}

/**
 * A client address of its own (198.18.0.0/15, reserved for tests) as the last X-Forwarded-For hop: the
 * e2e server trusts one proxy, so this spec's sign-ins and resets spend no other spec's budget.
 */
function ownClient() {
  const [a, b, c] = randomBytes(3);
  return { 'x-forwarded-for': `198.${18 + (a! % 2)}.${b}.${(c! % 254) + 1}` };
}

async function signIn(page: Page, username: string, landing: '/admin' | '/account', totpSecret?: string) {
  const login = new LoginPage(page);
  await login.goto(landing);
  await login.signIn(username, PASSWORD);
  if (totpSecret) await login.enterCode(await nextTotpCode(username, totpSecret));
  await expect(page).toHaveURL(new RegExp(`${landing}$`));
}

/**
 * Replays a captured server action with this browser's own session cookie, on a connection of its
 * own: a pooled keep-alive socket left idle while the CLI changed the role may be closed by the server
 * just as the replay is written to it (ECONNRESET), which says nothing about the app.
 */
async function replayAsSelf(context: BrowserContext, action: CapturedAction) {
  const client = await request.newContext({ storageState: await context.storageState() });
  try {
    const response = await client.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
    return { status: response.status(), text: await response.text() };
  } finally {
    await client.dispose();
  }
}

async function userScans(username: string): Promise<number> {
  const sql = e2eSql();
  const rows = await sql`select id from scans where kind = 'user' and target = ${username}`;
  await sql.end();
  return rows.length;
}

test('a demoted staff member loses the staff area on the next request, and gets it back when promoted', async ({
  page,
}) => {
  await page.setExtraHTTPHeaders(ownClient());
  const staff = await makeUser('demote', 'staff');
  await addWatchedAddress(staff.id, 'e2e-demote');
  await signIn(page, staff.username, '/admin', staff.totpSecret);
  const overview = await page.goto('/admin');
  expect(overview?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: /403/ })).toHaveCount(0);

  // The request the "Rescan this user's domains" button sends (a staff permission), captured and
  // stopped before it reached the server: the same session replays it below.
  await page.goto(`/admin/users/${staff.id}`);
  const rescan = await captureAction(page, () =>
    page.getByRole('button', { name: "Rescan this user's domains" }).click(),
  );
  const scansBefore = await userScans(staff.username);

  expect(await gk('user', 'set-role', staff.username, '--role', 'user')).toContain(`${staff.username} is now user`);

  // The same session cookie, the very next request: the staff area is forbidden.
  const forbidden = await page.goto('/admin');
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
  expect((await page.request.get('/api/admin/overview')).status()).toBe(403);
  // The action is refused as well, and nothing was started.
  expectRefused(await replayAsSelf(page.context(), rescan), 'forbidden');
  expect(await userScans(staff.username)).toBe(scansBefore);
  // Still signed in as a user: the account page works.
  expect((await page.goto('/account'))?.status()).toBe(200);
  await expect(page).toHaveURL(/\/account$/);

  expect(await gk('user', 'set-role', staff.username, '--role', 'staff')).toContain(`${staff.username} is now staff`);

  // Promoted back, the same session works again, page and action alike.
  const again = await page.goto('/admin');
  expect(again?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: /403/ })).toHaveCount(0);
  const replayed = await replayAsSelf(page.context(), rescan);
  expect(replayed.text).toContain('"ok":true');
  expect(await userScans(staff.username)).toBe(scansBefore + 1);
});

test('a password reset ends the sessions opened before it', async ({ browser }) => {
  const user = await makeUser('reset', 'user');
  const client = ownClient();

  // Context A: signed in before the reset.
  const before = await browser.newContext({ extraHTTPHeaders: client });
  const pageA = await before.newPage();
  await signIn(pageA, user.username, '/account');
  expect((await pageA.goto('/account'))?.status()).toBe(200);

  // Context B: the owner asks for a reset and sets a new password from the mailed link.
  const owner = await browser.newContext({ extraHTTPHeaders: client });
  const pageB = await owner.newPage();
  const reset = new ResetPasswordPage(pageB);
  await reset.goto();
  await reset.request(user.username);
  const mail = await waitForMail((m) => m.envelopeTo.includes(user.address) && m.subject === 'Reset your password');
  await pageB.goto(linkIn(mail, 'http'));
  await reset.setNewPassword(NEW_PASSWORD);
  await expect(pageB.getByRole('status')).toContainText('Your password was changed');

  // Context A's next request finds its session over.
  await pageA.goto('/account');
  await expect(pageA).toHaveURL(/\/login/);
  await expect(pageA.getByLabel('Password')).toBeVisible();

  // The new password signs in; the old one does not.
  const login = new LoginPage(pageA);
  await login.signIn(user.username, PASSWORD);
  await login.expectError(/Wrong username or password/);
  await login.signIn(user.username, NEW_PASSWORD);
  await expect(pageA).toHaveURL(/\/account$/);

  await before.close();
  await owner.close();
});
