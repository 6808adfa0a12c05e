import { expect, test } from '@playwright/test';
import { FlagsPage } from './pages/flags-page';
import { storageState } from './roles';
import { expectAccessible, screenshot } from './support/a11y';
import { e2eSql } from './support/db';
import { makeFlaggedUser, makeHeldFlags } from './support/fixtures';

// The flags list: filters in the URL, keyset pages, and every bulk action as staff and as admin. The
// demo's many flags serve the read-only paging; every test that acts makes its own flags (a real scan
// of a fresh domain the local registry serves as lapsing), so no test depends on another.

test.describe.configure({ timeout: 150_000 });

test.describe('staff', () => {
  test.use({ storageState: storageState('staff') });

  test('filters live in the URL, pages go forward and back, rows link to domain and user', async ({
    page,
  }, testInfo) => {
    const flags = new FlagsPage(page);
    await flags.goto();
    await expect(flags.rows()).toHaveCount(50);
    const firstPage = await flags.rows().first().getAttribute('data-flag-id');
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(flags.rows().first()).not.toHaveAttribute('data-flag-id', firstPage!);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await expect(flags.rows().first()).toHaveAttribute('data-flag-id', firstPage!);

    await flags.filter({ state: 'open', stage: 're_registered' });
    await expect(page).toHaveURL(/state=open/);
    await expect(page).toHaveURL(/stage=re_registered/);
    for (const row of await flags.rows().all()) await expect(row).toContainText('Re-registered');

    const user = await makeFlaggedUser('re_registered', { label: 'e2e-links' });
    await page.goto(`/admin/flags?user=${user.username}&state=open`);
    await expect(flags.rows()).toHaveCount(1);
    await expect(flags.row(user.address)).toBeVisible();
    await flags.row(user.address).getByRole('link', { name: user.domain }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/domains/${user.domain.replace(/\./g, '\\.')}$`));
    await page.goBack();
    await flags.row(user.address).getByRole('link', { name: user.username }).click();
    await expect(page.getByRole('heading', { name: new RegExp(user.username) })).toBeVisible();

    await flags.goto(`q=${user.domain.slice(0, -6)}`);
    await expect(flags.row(user.address)).toBeVisible();
    await flags.goto();
    await expectAccessible(page, testInfo, 'flags');
    for (const row of (await flags.rows().all()).slice(0, 2)) await row.getByRole('checkbox').check();
    await screenshot(page, testInfo, 'flags');
  });

  test('confirms held flags (typing the count) and rejects another, from the keyboard', async ({ page }) => {
    const held = await makeHeldFlags(3, 'redemption');
    const sql = e2eSql();
    const flags = new FlagsPage(page);
    await flags.goto(`state=pending_review&stage=redemption&domain=${held[0]!.domain}`);
    await expect(flags.rows()).toHaveCount(3);
    await flags.select(held[0]!.address);
    await flags.select(held[1]!.address);
    await expect(flags.bulk()).toContainText('2 selected, 2 waiting for review');
    await flags.bulk().getByRole('button', { name: 'Confirm review…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: 'Unverify and open flags' })).toBeDisabled();
    await dialog.getByLabel('Type 2 to unverify 2 addresses').fill('2');
    await dialog.getByLabel('Type 2 to unverify 2 addresses').press('Enter');
    await flags.expectMessage('Confirmed 2 flags.');
    await expect(flags.rows()).toHaveCount(1);
    const confirmed =
      await sql`select f.state, e.verified, e.unverify_reason from flags f join emails e on e.id = f.email_id where f.id in ${sql([held[0]!.id, held[1]!.id])}`;
    expect(
      confirmed.every((r) => r.state === 'open' && r.verified === false && r.unverify_reason === 'domain_lifecycle'),
    ).toBe(true);
    const audit =
      await sql`select count(*)::int as n from audit_log where action = 'flag.review_confirm' and actor_label = 'staff' and target_id in ${sql([String(held[0]!.id), String(held[1]!.id)])}`;
    expect(audit[0]!.n).toBe(2);

    // Keyboard only: focus the row's checkbox, Space to select, Tab to the button, Enter.
    await page.getByRole('checkbox', { name: `Select the flag on ${held[2]!.address}` }).focus();
    await page.keyboard.press('Space');
    await flags.bulk().getByRole('button', { name: 'Reject review…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Reject and keep verified' }).focus();
    await page.keyboard.press('Enter');
    await flags.expectMessage('Rejected 1 flag.');
    const [rejected] =
      await sql`select f.state, f.resolution, e.verified from flags f join emails e on e.id = f.email_id where f.id = ${held[2]!.id}`;
    expect(rejected).toMatchObject({ state: 'resolved', resolution: 'rejected_by_review', verified: true });
    await sql.end();
  });

  test('notifies a user once per flag, never at the lapsed address', async ({ page }) => {
    const { flag } = await makeFlaggedUser('redemption', { label: 'e2e-notify' });
    const sql = e2eSql();
    const flags = new FlagsPage(page);
    await flags.goto(`domain=${flag.domain}`);
    await flags.select(flag.address);
    await flags.bulk().getByRole('button', { name: 'Notify users' }).click();
    await flags.expectMessage('Notified the users of 1 flag.');
    await expect(flags.row(flag.address)).toContainText('Yes');
    await flags.select(flag.address);
    await flags.bulk().getByRole('button', { name: 'Notify users' }).click();
    await flags.expectMessage('1 flag had been notified already.');
    const rows =
      await sql`select channel, address from notifications where dedupe_key like ${`staff_notice:flag:${flag.id}:%`}`;
    expect(rows.some((r) => r.channel === 'in_app')).toBe(true);
    expect(rows.every((r) => r.address !== flag.address)).toBe(true);
    await sql.end();
  });

  test('overrides with a reason and an expiry; restoring a re-registered domain is for admins', async ({ page }) => {
    const { flag } = await makeFlaggedUser('pending_delete', { label: 'e2e-override' });
    const restorable = await makeFlaggedUser('re_registered', { label: 'e2e-restorable' });
    const sql = e2eSql();
    const flags = new FlagsPage(page);
    await flags.goto(`domain=${flag.domain}`);
    await flags.select(flag.address);
    await flags.bulk().getByRole('button', { name: 'Override…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Keep unverified').check();
    await dialog.getByLabel('Reason (required)').fill('Owner confirmed the domain is gone; keep it out of recovery.');
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Expires on (optional)').fill(expiry);
    await dialog.getByRole('button', { name: 'Save override' }).click();
    await flags.expectMessage(/Overrode 1 flag/);
    const [o] =
      await sql`select o.decision, o.reason, o.expires_at, f.state from overrides o join flags f on f.id = o.flag_id where o.flag_id = ${flag.id}`;
    expect(o).toMatchObject({ decision: 'keep_unverified', state: 'overridden' });
    expect(new Date(o!.expires_at).toISOString().slice(0, 10)).toBe(expiry);

    await flags.goto(`user=${restorable.username}&state=open`);
    await flags.select(restorable.address);
    await flags.bulk().getByRole('button', { name: 'Override…' }).click();
    await page.getByRole('dialog').getByLabel('Restore as verified').check();
    await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
      'Only an admin may restore these addresses.',
    );
    await expect(page.getByRole('dialog').getByRole('button', { name: 'Save override' })).toBeDisabled();
    await sql.end();
  });
});

test.describe('admin', () => {
  test.use({ storageState: storageState('admin') });

  test('reviews, notifies and overrides like staff', async ({ page }) => {
    const [held] = await makeHeldFlags(1, 'available');
    const sql = e2eSql();
    const flags = new FlagsPage(page);
    await flags.goto(`state=pending_review&domain=${held!.domain}`);
    await flags.select(held!.address);
    await flags.bulk().getByRole('button', { name: 'Confirm review…' }).click();
    await page.getByRole('button', { name: 'Unverify and open flags' }).click();
    await flags.expectMessage('Confirmed 1 flag.');
    await flags.goto(`domain=${held!.domain}&state=open`);
    await flags.select(held!.address);
    await flags.bulk().getByRole('button', { name: 'Notify users' }).click();
    // Confirming queued the lapse notice, not the staff notice: this is the flag's first staff notice.
    await flags.expectMessage('Notified the users of 1 flag.');
    await flags.select(held!.address);
    await flags.bulk().getByRole('button', { name: 'Override…' }).click();
    await page.getByLabel('Reason (required)').fill('Admin decision: keep it out of recovery.');
    await page.getByRole('button', { name: 'Save override' }).click();
    await flags.expectMessage(/Overrode 1 flag/);
    const [row] =
      await sql`select f.state, e.verified from flags f join emails e on e.id = f.email_id where f.id = ${held!.id}`;
    expect(row).toMatchObject({ state: 'overridden', verified: false });
    await sql.end();
  });

  test('restores an address on a re-registered domain after typing its name', async ({ page }, testInfo) => {
    const { flag } = await makeFlaggedUser('re_registered', { label: 'e2e-restore' });
    const sql = e2eSql();
    const flags = new FlagsPage(page);
    await flags.goto(`domain=${flag.domain}&state=open`);
    await flags.select(flag.address);
    await flags.bulk().getByRole('button', { name: 'Override…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Restore as verified').check();
    await dialog.getByLabel('Reason (required)').fill('Verified with the owner: same person, moved registrar.');
    await expect(dialog.getByRole('button', { name: 'Save override' })).toBeDisabled();
    await dialog.getByLabel(`Type ${flag.domain} to confirm`).fill(flag.domain);
    await expectAccessible(page, testInfo, 'override-dialog');
    await dialog.getByRole('button', { name: 'Save override' }).click();
    await flags.expectMessage(/1 address verified again/);
    const [email] = await sql`select verified, unverify_reason from emails where id = ${flag.emailId}`;
    expect(email).toMatchObject({ verified: true, unverify_reason: null });
    await sql.end();
  });
});
