import { expect, test } from '@playwright/test';
import { KeysetListSection } from './pages/keyset-list';
import { ResetPasswordPage } from './pages/reset-page';
import { storageState } from './roles';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { makeUser, uniqueTag } from './support/fixtures';

// The users list and the outbox past their first page (issue 16): keyset pages whose cursor is in the
// URL, and the search that finds one row among many. Each test makes its own rows with a unique tag;
// the staff session is the demo one, and it only reads.

test.describe.configure({ timeout: 120_000 });
test.use({ storageState: storageState('staff') });

const PAGE = 50;

test('staff page past the first 100 users, keep the page on reload and back, and find a user by search', async ({
  page,
}, testInfo) => {
  // 130 accounts older than any other (each run older than the last, so a rerun's come first again),
  // three to an instant: the tie-break on id decides their order.
  const tag = uniqueTag('lists');
  const sql = e2eSql();
  await sql`
    insert into users (username, name, role, password_hash, created_at)
    select ${tag} || '-' || lpad(i::text, 3, '0'), 'Lists ' || i, 'user', 'not a password',
      timestamptz '1970-01-01' - (now() - timestamptz '1970-01-01') + (i / 3) * interval '1 millisecond'
    from generate_series(0, 129) i`;
  await sql.end();
  const mine = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `${tag}-${String(from + i).padStart(3, '0')}`);
  const sought = await makeUser('user', { label: 'e2e-sought', addresses: [`${uniqueTag('sought')}@gmail.com`] });

  const users = new KeysetListSection(page, {
    filters: 'Filter users',
    pages: 'Pages of users',
    rowTestId: 'user-row',
  });
  await page.goto('/admin/users');
  await users.filter({ select: { Order: 'oldest' } });
  await expect(page).toHaveURL(/sort=oldest/);
  await expect.poll(async () => (await users.texts('data-username')).slice(0, PAGE)).toEqual(mine(0, PAGE));
  await users.go('Next page');
  await expect.poll(() => users.texts('data-username')).toEqual(mine(PAGE, 2 * PAGE));
  await users.go('Next page');
  // Rows 101 to 130: past the first hundred, in the order they were made.
  await expect.poll(async () => (await users.texts('data-username')).slice(0, 30)).toEqual(mine(100, 130));
  expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
  const third = page.url();

  await page.reload();
  expect(page.url()).toBe(third);
  await expect.poll(async () => (await users.texts('data-username')).slice(0, 30)).toEqual(mine(100, 130));
  await page.goBack();
  await expect.poll(() => users.texts('data-username')).toEqual(mine(PAGE, 2 * PAGE));
  await users.go('Previous page');
  await expect.poll(async () => (await users.texts('data-username')).slice(0, PAGE)).toEqual(mine(0, PAGE));
  await expect(users.pageLink('Previous page')).toHaveCount(0);

  // The user the spec made, by part of their address, from any page of the list.
  await users.go('Next page');
  await users.filter({ fill: { 'Search username, name or address': sought.addresses[0]!.split('@')[0]! } });
  await expect.poll(() => users.texts('data-username')).toEqual([sought.username]);
  await expect(page).not.toHaveURL(/cursor=/);
  await expectAccessible(page, testInfo, 'users-list');
  await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: sought.username, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${sought.id}$`));

  // A NUL byte in the search never reaches the database: the page says the search was left out.
  const response = await page.goto(`/admin/users?q=${encodeURIComponent(sought.username)}%00&sort=oldest`);
  expect(response?.status()).toBe(200);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Search text cannot contain control characters.' }),
  ).toBeVisible();
  await expect.poll(async () => (await users.texts('data-username')).slice(0, 3)).toEqual(mine(0, 3));
});

test('staff find a reset mail by its recipient after more than a page of newer mail', async ({
  page,
  browser,
}, testInfo) => {
  // The mail: a maintainer asks for a password reset, anonymously, from their own client address.
  const owner = await makeUser('user', { label: 'e2e-reset-mail' });
  const address = owner.addresses[0]!;
  const visitor = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': owner.ip } });
  const reset = new ResetPasswordPage(await visitor.newPage());
  await reset.goto();
  await reset.request(owner.username);
  await visitor.close();

  // Then more than a page of other mail, all newer (sent notices to addresses of this run's tag).
  const sql = e2eSql();
  await expect
    .poll(
      async () =>
        (await sql`select 1 from notifications where address = ${address} and kind = 'password_reset'`).length,
    )
    .toBe(1);
  const tag = uniqueTag('bulk');
  const other = await makeUser('user', { label: 'e2e-bulk-mail' });
  await sql`
    insert into notifications (user_id, address, kind, channel, dedupe_key, state, sent_at, created_at)
    select ${other.id}, ${tag} || '-' || i || '@example.org', 'staff_notice', 'email', ${tag} || ':' || i, 'sent',
      now(), now() + interval '1 second'
    from generate_series(1, ${PAGE + 15}) i`;
  await sql.end();

  const mails = new KeysetListSection(page, {
    filters: 'Filter mail',
    pages: 'Pages of mail',
    rowTestId: 'outbox-row',
  });
  const resets = new KeysetListSection(page, {
    filters: 'Filter password-reset requests',
    pages: 'Pages of password-reset requests',
    rowTestId: 'reset-attempt-row',
  });
  const ours = page.locator(`[data-testid="outbox-row"][data-to="${address}"]`);
  await page.goto('/admin/outbox');
  await expect(mails.rows()).toHaveCount(PAGE);
  await expect(ours).toHaveCount(0);

  // This run's bulk mail alone (one instant, so newest first is highest id first), over two pages whose
  // cursor is in the URL: reload keeps the page, back returns to the first.
  const bulk = (from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, i) => `${tag}-${from - i}@example.org`);
  await mails.filter({ fill: { 'Recipient address': tag } });
  await expect.poll(() => mails.texts('data-to')).toEqual(bulk(PAGE + 15, 16));
  await mails.go('Next page');
  expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
  await expect.poll(() => mails.texts('data-to')).toEqual(bulk(15, 1));
  await page.reload();
  await expect.poll(() => mails.texts('data-to')).toEqual(bulk(15, 1));
  await page.goBack();
  await expect.poll(() => mails.texts('data-to')).toEqual(bulk(PAGE + 15, 16));
  await expect(ours).toHaveCount(0);

  // By recipient: the one reset mail, its link hidden.
  await mails.filter({ fill: { 'Recipient address': address } });
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(address).replace(/\./g, '\\.')}`));
  await expect(mails.rows()).toHaveCount(1);
  await expect(ours).toHaveAttribute('data-kind', 'password_reset');
  await ours.getByText('Reset your password').click();
  await expect(ours).toContainText('[link hidden: it holds a one-time token]');

  // The request behind it, by the username that was typed, without losing the mail filter.
  await resets.filter({ fill: { 'Address or username asked for': owner.username } });
  await expect(page).toHaveURL(/reset_q=/);
  await expect(resets.rows()).toHaveCount(1);
  await expect(resets.rows()).toHaveAttribute('data-outcome', 'sent');
  await expect(resets.rows()).toContainText(address);
  await expect(ours).toHaveCount(1);
  await expectAccessible(page, testInfo, 'outbox');
});
