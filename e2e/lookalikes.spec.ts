import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { AdminShell } from './pages/admin-shell';
import { KeysetListSection } from './pages/keyset-list';
import { storageState } from './roles';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { clickHydrated } from './support/hydration';
import { captureAction, expectRefused, replayAction } from './support/server-action';
import { DEFAULT_LOOKALIKE_TLDS } from '@/lib/lookalikes/families/tld';
import { scanDomain } from './support/fixtures';
import { gk, setScenario } from './support/services';

// The look-alike watch on the production build with its worker and the local protocol server: an
// admin watches a name (its .com look-alike registered at the local registry) and the first scan runs;
// staff find a registered candidate, open its page (the domain's lifecycle timeline), mark it (benign
// needs a reason; malicious lands in the export); and every write, replayed by a lower role or
// anonymously, is refused and changes nothing. Each test watches a name of its own.

test.describe.configure({ timeout: 180_000 });

/** A label nobody else watches: the watched name is `<label>.org`, its `tld` look-alike `<label>.com`. */
function newLabel() {
  const label = `lk${randomBytes(4).toString('hex')}`;
  return { label, watched: `${label}.org`, registered: `${label}.com` };
}

/**
 * A name watched as the watch verb leaves it (its candidates under watch, their first check done and
 * found unregistered), then its .com look-alike registered at the local registry and checked by a
 * real scan of that domain, as the schedule would.
 */
async function watchedName() {
  const name = newLabel();
  // The generator as the operator CLI prints it (`gk lookalikes <name> --json`), the one the watch runs.
  const generated = JSON.parse(await gk('lookalikes', name.watched, '--json')) as {
    candidates: { domain: string; unicode: string; families: string[] }[];
  };
  const sql = e2eSql();
  try {
    const [row] = await sql<{ id: string }[]>`
      insert into lookalike_names (name, kind, tlds) values (${name.watched}, 'domain', ${[...DEFAULT_LOOKALIKE_TLDS]})
      returning id`;
    for (const c of generated.candidates) {
      const [domain] = await sql<{ id: string }[]>`
        insert into domains (name, stage, last_checked_at, next_check_at)
        values (${c.domain}, 'available', now() - interval '1 day', now() + interval '6 days')
        on conflict (name) do update set name = excluded.name returning id`;
      await sql`insert into lookalike_candidates (domain_id, unicode, first_seen_at, baseline_at)
        values (${domain!.id}, ${c.unicode}, now() - interval '1 day', now() - interval '1 day')
        on conflict (domain_id) do nothing`;
      await sql`insert into lookalike_sources (name_id, domain_id, families)
        values (${row!.id}, ${domain!.id}, ${c.families})`;
    }
  } finally {
    await sql.end();
  }
  await setScenario(name.registered, 'active');
  await scanDomain(name.registered);
  await expect.poll(async () => JSON.parse(await lookalikeState(name))[0]?.registered).toBe(true);
  return name;
}

async function lookalikeState({ watched, registered }: { watched: string; registered: string }) {
  const sql = e2eSql();
  try {
    const rows = await sql`select n.name, n.removed_at, c.mark, c.mark_reason, c.registered
      from lookalike_names n join lookalike_sources s on s.name_id = n.id
      join lookalike_candidates c on c.domain_id = s.domain_id join domains d on d.id = c.domain_id
      where n.name = ${watched} and d.name = ${registered}`;
    return JSON.stringify(rows);
  } finally {
    await sql.end();
  }
}

test.describe('admin: watched names', () => {
  test.use({ storageState: storageState('admin') });

  test('watch a name: its candidates are checked in one scan and the registered one is found', async ({
    page,
  }, testInfo) => {
    const name = newLabel();
    const { watched, registered } = name;
    await setScenario(registered, 'active');
    await page.goto('/admin/settings/lookalikes');
    await expect(page.getByRole('heading', { name: 'Look-alike watch' })).toBeVisible();
    await expectAccessible(page, testInfo, 'look-alike settings');
    await page.getByLabel('Domain or brand word').fill('dev@pypi.org');
    await clickHydrated(page.getByRole('button', { name: 'Watch its look-alikes' }));
    // The reason sits under the field it is about, and the field says it is the one refused.
    await expect(page.locator('#lookalike-name-error')).toContainText('That is an e-mail address');
    await expect(page.getByLabel('Domain or brand word')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Domain or brand word').fill(watched.toUpperCase());
    await clickHydrated(page.getByRole('button', { name: 'Watch its look-alikes' }));
    await expect(page.getByRole('status').filter({ hasText: `Watching ${watched}:` })).toBeVisible();
    const row = page.getByRole('table', { name: 'Watched names' }).getByRole('row', { name: new RegExp(watched) });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText(/done \((\d+) of \1\)/);
    }).toPass({ timeout: 120_000 });
    await expect.poll(async () => JSON.parse(await lookalikeState(name))[0]?.registered).toBe(true);
  });

  test('staff, a user and an anonymous caller cannot watch or unwatch a name', async ({ page }) => {
    const name = await watchedName();
    const { label, watched } = name;
    await page.goto('/admin/settings/lookalikes');
    await page.getByLabel('Domain or brand word').fill(`${label}x.org`);
    const watch = await captureAction(page, () => page.getByRole('button', { name: 'Watch its look-alikes' }).click());
    const unwatch = await captureAction(page, () =>
      page.getByRole('button', { name: `Stop watching ${watched}` }).click(),
    );
    const before = await lookalikeState(name);
    for (const action of [watch, unwatch]) {
      for (const role of ['staff', 'user'] as const) expectRefused(await replayAction(action, role), 'forbidden');
      expectRefused(await replayAction(action, null), 'unauthenticated');
    }
    expect(await lookalikeState(name)).toBe(before);
    const sql = e2eSql();
    expect(await sql`select 1 from lookalike_names where name = ${`${label}x.org`}`).toHaveLength(0);
    await sql.end();
  });
});

test.describe('staff: the candidates', () => {
  test.use({ storageState: storageState('staff') });

  test('find the registered candidate, open its timeline, mark it, export it', async ({ page }, testInfo) => {
    const name = await watchedName();
    const { watched, registered } = name;
    await page.goto(`/admin/lookalikes?name=${watched}`);
    await expectAccessible(page, testInfo, 'look-alikes list');
    const table = page.getByRole('table', { name: 'Look-alike candidates' });
    await expect(table.getByRole('row')).toHaveCount(2);
    // The JSON route the page hydrates from answers the same list.
    const json = await (await page.request.get(`/api/admin/lookalikes?name=${watched}`)).json();
    expect(json.rows.map((r: { domain: string }) => r.domain)).toEqual([registered]);

    // Every candidate of the name, a keyset page at a time: each page is a URL (reload and back keep it).
    const candidates = new KeysetListSection(page, {
      filters: 'Filter look-alike candidates',
      pages: 'Pages of candidates',
      rowTestId: 'candidate-row',
    });
    await candidates.filter({ select: { State: 'all' } });
    await expect(page).toHaveURL(/state=all/);
    await expect(candidates.rows()).toHaveCount(50);
    const first = await candidates.texts('data-domain');
    await candidates.go('Next page');
    expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
    await expect.poll(async () => (await candidates.texts('data-domain')).some((d) => first.includes(d))).toBe(false);
    const second = await candidates.texts('data-domain');
    const secondUrl = page.url();
    await page.reload();
    expect(page.url()).toBe(secondUrl);
    await expect.poll(() => candidates.texts('data-domain')).toEqual(second);
    await candidates.go('Previous page');
    await expect.poll(() => candidates.texts('data-domain')).toEqual(first);
    await expect(candidates.pageLink('Previous page')).toHaveCount(0);

    await page.goto(`/admin/lookalikes?name=${watched}`);
    await table.getByRole('link', { name: registered }).click();
    await expect(page.getByRole('heading', { name: registered, level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Lifecycle timeline' })).toBeVisible();
    await expect(page.getByText(watched).first()).toBeVisible();
    await expectAccessible(page, testInfo, 'look-alike candidate');

    await clickHydrated(page.getByRole('button', { name: 'Mark benign' }));
    await expect(page.locator('#mark-reason-error')).toContainText('Say why it is benign');
    expect(JSON.parse(await lookalikeState(name))[0].mark).toBeNull();

    await page.getByLabel('Reason (needed for benign)').fill('phishing kit on its page');
    await clickHydrated(page.getByRole('button', { name: 'Mark malicious' }));
    await expect(page.getByRole('status').filter({ hasText: `Marked ${registered} malicious.` })).toBeVisible();
    await expect(page.getByTestId('mark-reason')).toContainText('phishing kit on its page');

    const csv = await page.request.get('/api/admin/lookalikes/export?format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(`${registered},${registered},`);
    const list = await (await page.request.get('/api/admin/lookalikes/export?format=txt')).text();
    expect(list.split('\n')).toContain(registered);
    expect((await page.request.get('/api/admin/lookalikes/export?format=pdf')).status()).toBe(400);
    // Settings are the admin's: staff get the forbidden page.
    await page.goto('/admin/settings/lookalikes');
    await new AdminShell(page).expectForbidden();
  });

  test('a user and an anonymous caller cannot mark a candidate, nor read the export', async ({ page }) => {
    const name = await watchedName();
    await page.goto(`/admin/lookalikes/${name.registered}`);
    await page.getByLabel('Reason (needed for benign)').fill('replayed by a test');
    const mark = await captureAction(page, () => page.getByRole('button', { name: 'Mark benign' }).click());
    const before = await lookalikeState(name);
    expectRefused(await replayAction(mark, 'user'), 'forbidden');
    expectRefused(await replayAction(mark, null), 'unauthenticated');
    expect(await lookalikeState(name)).toBe(before);
  });
});

test.describe('a user', () => {
  test.use({ storageState: storageState('user') });

  test('sees neither the list nor a candidate, nor the export', async ({ page }) => {
    const { registered } = await watchedName();
    const shell = new AdminShell(page);
    for (const path of ['/admin/lookalikes', `/admin/lookalikes/${registered}`, '/admin/settings/lookalikes']) {
      await page.goto(path);
      await shell.expectForbidden();
    }
    expect((await page.request.get('/api/admin/lookalikes/export')).status()).toBe(403);
    expect((await page.request.get('/api/admin/lookalikes')).status()).toBe(403);
  });
});
