import { expect, type Page, test } from '@playwright/test';
import { FlagsPage } from './pages/flags-page';
import type { RoleName } from './roles';
import { storageState } from './roles';
import { writeState } from './support/dashboard-data';
import { e2eSql } from './support/db';
import { makeFlaggedUser, makeHeldFlags, uniqueDomain } from './support/fixtures';
import { type CapturedAction, captureAction, expectRefused, replayAction } from './support/server-action';

// Every dashboard write called directly (not through the UI) by a lower role and by an anonymous
// client: refused, nothing changed. The request is the one the real button sends, captured in the
// browser of a role allowed to use the page and stopped before it reached the server. The flags, users
// and domains the buttons act on are each test's own.

test.describe.configure({ timeout: 150_000 });

async function expectAllRefused(action: CapturedAction, lower: RoleName[], flagIds: number[] = []) {
  const sql = e2eSql();
  const before = await writeState(sql, flagIds);
  for (const role of lower) expectRefused(await replayAction(action, role), 'forbidden');
  expectRefused(await replayAction(action, null), 'unauthenticated');
  expect(await writeState(sql, flagIds)).toBe(before);
  await sql.end();
}

async function flagAction(
  page: Page,
  open: (flags: FlagsPage) => Promise<void>,
): Promise<[CapturedAction, RoleName[], number[]]> {
  const [held] = await makeHeldFlags(1, 'redemption');
  const flags = new FlagsPage(page);
  await flags.goto(`state=pending_review&domain=${held!.domain}`);
  await flags.select(held!.address);
  return [await captureAction(page, () => open(flags)), ['user'], [held!.id]];
}

test.describe('staff actions, replayed as a user and anonymously', () => {
  test.use({ storageState: storageState('staff') });

  test('review, notify and override flags', async ({ page }) => {
    const review = await flagAction(page, async (flags) => {
      await flags.bulk().getByRole('button', { name: 'Reject review…' }).click();
      await page.getByRole('button', { name: 'Reject and keep verified' }).click();
    });
    await expectAllRefused(...review);
    await expectAllRefused(
      ...(await flagAction(page, (flags) => flags.bulk().getByRole('button', { name: 'Notify users' }).click())),
    );
    const override = await flagAction(page, async (flags) => {
      await flags.bulk().getByRole('button', { name: 'Override…' }).click();
      await page.getByLabel('Reason (required)').fill('replayed by a test');
      await page.getByRole('button', { name: 'Save override' }).click();
    });
    await expectAllRefused(...override);
  });

  test('rescan a domain, rescan a user, notify a user', async ({ page }) => {
    const user = await makeFlaggedUser('available', { label: 'e2e-refused' });
    await page.goto(`/admin/domains/${user.domain}`);
    await expectAllRefused(await captureAction(page, () => page.getByRole('button', { name: 'Rescan now' }).click()), [
      'user',
    ]);
    await page.goto(`/admin/users/${user.id}`);
    await expectAllRefused(
      await captureAction(page, () => page.getByRole('button', { name: "Rescan this user's domains" }).click()),
      ['user'],
    );
    await expectAllRefused(
      await captureAction(page, () => page.getByRole('button', { name: 'Notify about their flags' }).click()),
      ['user'],
    );
  });
});

test.describe('admin actions, replayed as staff, a user and anonymously', () => {
  test.use({ storageState: storageState('admin') });

  test('restore an address on a re-registered domain', async ({ page }) => {
    const { flag } = await makeFlaggedUser('re_registered', { label: 'e2e-refused' });
    const flags = new FlagsPage(page);
    await flags.goto(`domain=${flag.domain}&state=open`);
    await flags.select(flag.address);
    const restore = await captureAction(page, async () => {
      await flags.bulk().getByRole('button', { name: 'Override…' }).click();
      await page.getByLabel('Restore as verified').check();
      await page.getByLabel('Reason (required)').fill('replayed by a test');
      await page.getByLabel(`Type ${flag.domain} to confirm`).fill(flag.domain);
      await page.getByRole('button', { name: 'Save override' }).click();
    });
    // Staff may override, but not this: the verb refuses it for the domain's stage.
    await expectAllRefused(restore, ['staff', 'user'], [flag.id]);
  });

  test('start a full scan and cancel a scan', async ({ page }) => {
    await page.goto('/admin/scans');
    await expectAllRefused(
      await captureAction(page, () => page.getByRole('button', { name: 'Start a full scan' }).click()),
      ['staff', 'user'],
    );
    const sql = e2eSql();
    // A scan row no worker owns, of a domain nobody watches: only its own state is compared.
    const [scan] = await sql<
      { id: number }[]
    >`insert into scans (kind, trigger, target, state, started_at, heartbeat_at, total, checked) values ('domain', 'cli', ${uniqueDomain('fake-scan')}, 'running', now(), now(), 5, 1) returning id`;
    await page.goto(`/admin/scans/${scan!.id}`);
    const cancel = await captureAction(page, () =>
      page.getByRole('button', { name: `Cancel scan #${scan!.id}` }).click(),
    );
    // The fake scan is "running": wait for nothing else, compare its own state.
    for (const role of ['staff', 'user'] as const) expectRefused(await replayAction(cancel, role), 'forbidden');
    expectRefused(await replayAction(cancel, null), 'unauthenticated');
    expect((await sql`select state from scans where id = ${scan!.id}`)[0]!.state).toBe('running');
    await sql`update scans set state = 'cancelled', finished_at = now() where id = ${scan!.id}`;
    await sql.end();
  });

  test('change the policy and the domain lists', async ({ page }) => {
    await page.goto('/admin/settings');
    await page.getByLabel('Warning window (days before expiry)').fill('3');
    await expectAllRefused(await captureAction(page, () => page.getByRole('button', { name: 'Save policy' }).click()), [
      'staff',
      'user',
    ]);
    await page.getByLabel('Domain', { exact: true }).first().fill('replayed-provider-test.com');
    await expectAllRefused(
      await captureAction(page, () => page.getByRole('button', { name: 'Add to trusted list' }).click()),
      ['staff', 'user'],
    );
    await expectAllRefused(
      await captureAction(page, () =>
        page.getByRole('button', { name: 'Remove gmail.com from the trusted list' }).click(),
      ),
      ['staff', 'user'],
    );
  });
});
