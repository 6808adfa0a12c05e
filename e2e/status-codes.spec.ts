import { expect, type Page, test } from '@playwright/test';
import { AdminShell } from './pages/admin-shell';
import { ConsoleWatch } from './support/console-errors';
import { makeUser, signIn } from './support/fixtures';

// Issue 16: missing things answer 404 and a page the role lacks answers 403 — with the real HTTP status
// in the production build, and inside the dashboard (its navigation stays) — the JSON routes answer
// 404 / 400 / 403 with a sentence, and a NUL byte in a search or filter never reaches PostgreSQL: the
// route refuses it with 400, the page leaves that filter out, says so next to the filters and lists as
// usual (it used to say "the database may be unavailable", or spin forever on the flags list).

const CONTROL = 'Search text cannot contain control characters.';

async function signedIn(page: Page, role: 'admin' | 'staff' | 'user'): Promise<ConsoleWatch> {
  await signIn(page, await makeUser(role));
  return new ConsoleWatch(page);
}

test('missing users, scans, domains and dashboard paths answer 404 inside the dashboard', async ({ page }) => {
  const watch = await signedIn(page, 'staff');
  const shell = new AdminShell(page);
  for (const path of [
    '/admin/users/999999',
    '/admin/users/1e3',
    '/admin/scans/abc',
    '/admin/domains/not..valid',
    // A malformed percent-encoding: Next's router answered a bare-text 500.
    '/admin/domains/%',
    '/admin/domains/%00',
    '/admin/no-such-page',
  ]) {
    await watch.visit(path, 404);
    await expect(page.getByRole('heading', { name: '404 — nothing here' })).toBeVisible();
    await expect(shell.nav().getByRole('link', { name: 'Flags' })).toBeVisible();
  }
});

test('a page the role lacks answers 403, for staff inside the dashboard and for a user', async ({ page, browser }) => {
  const watch = await signedIn(page, 'staff');
  await watch.visit('/admin/settings', 403);
  await expect(page.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
  await expect(new AdminShell(page).nav().getByRole('link', { name: 'Flags' })).toBeVisible();

  const context = await browser.newContext();
  const userPage = await context.newPage();
  const userWatch = await signedIn(userPage, 'user');
  for (const path of ['/admin', '/admin/settings', '/admin/users/999999']) {
    await userWatch.visit(path, 403);
    await expect(userPage.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
  }
  await context.close();
});

test('the JSON routes answer 404, 400 and 403 with a sentence, never 500', async ({ page, browser }) => {
  await signedIn(page, 'staff');
  const expectJson = async (url: string, status: number, code: string, message?: string) => {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(status);
    const body = await response.json();
    expect(body, url).toMatchObject({ ok: false, code, ...(message ? { message } : {}) });
  };
  await expectJson('/api/admin/users/999999', 404, 'not_found');
  await expectJson('/api/admin/scans/999999', 404, 'not_found');
  await expectJson('/api/admin/domains/not..valid', 404, 'not_found');
  await expectJson('/api/admin/scans/abc', 400, 'invalid_input');
  await expectJson('/api/admin/users/1e3', 400, 'invalid_input');
  await expectJson('/api/admin/domains/%', 400, 'invalid_input');
  await expectJson('/api/admin/domains/%00', 400, 'invalid_input');
  await expectJson('/api/admin/scans?cursor=%00', 400, 'invalid_input');
  for (const key of ['q', 'domain', 'user'])
    await expectJson(`/api/admin/flags?${key}=abc%00def`, 400, 'invalid_input', CONTROL);
  for (const list of ['users', 'outbox', 'resets'])
    await expectJson(`/api/admin/${list}?q=abc%00def`, 400, 'invalid_input', CONTROL);
  // The same search without the NUL byte is read.
  expect((await page.request.get('/api/admin/flags?q=abcdef')).status()).toBe(200);

  const context = await browser.newContext();
  const userPage = await context.newPage();
  await signedIn(userPage, 'user');
  for (const url of ['/api/admin/flags?q=%00', '/api/admin/users/999999', '/api/admin/overview']) {
    const response = await userPage.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, code: 'forbidden' });
  }
  await context.close();
});

/** The list answered, said why the filter was left out, and nothing is still loading. */
async function expectRefusedAndListed(page: Page, input: string) {
  await expect(page.getByRole('alert').filter({ hasText: CONTROL })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /database/i })).toHaveCount(0);
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // The refused text is not put back into the search box.
  await expect(page.locator(`#${input}`)).toHaveValue('');
}

test('a NUL byte in a search or filter is refused in words and the list still shows', async ({ page }) => {
  const watch = await signedIn(page, 'admin');
  for (const [path, input] of [
    ['/admin/flags?q=abc%00def', 'flags-q'],
    ['/admin/flags?domain=%00', 'flags-domain'],
    ['/admin/flags?user=%00', 'flags-user'],
    ['/admin/audit?actor=%00', 'audit-actor'],
    ['/admin/audit?target=user%00', 'audit-target'],
    ['/admin/domains?q=%00', 'domains-q'],
    ['/admin/users?q=abc%00def', 'users-q'],
    ['/admin/outbox?q=abc%00def', 'outbox-q'],
    ['/admin/outbox?reset_q=abc%00def', 'resets-q'],
  ] as const) {
    await watch.visit(path, 200);
    await expectRefusedAndListed(page, input);
  }
  // The flags list itself answered (rows or its empty state), with the other filters kept.
  await watch.visit('/admin/flags?state=open&q=%00', 200);
  await expect(
    page.getByRole('table', { name: 'Flagged email addresses' }).or(page.getByText('No flags match these filters')),
  ).toBeVisible();
  await expect(page.locator('#flags-state')).toHaveValue('open');
});
