import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { makeUser, signIn, uniqueTag } from './support/fixtures';

// Once staff mark a look-alike of the registry malicious, every maintainer's page says where our mail
// comes from and names the look-alike. The spec makes its own look-alike, marked just now.

test('a maintainer is told our one sender and the look-alike marked malicious', async ({ page }, testInfo) => {
  const lookalike = `${uniqueTag('pypj')}.org`;
  const sql = e2eSql();
  const [domain] = await sql<{ id: string }[]>`insert into domains (name) values (${lookalike}) returning id`;
  await sql`
    insert into lookalike_candidates (domain_id, unicode, first_seen_at, mark, mark_reason, marked_at)
    values (${domain!.id}, ${lookalike}, now(), 'malicious', 'phishing mail to maintainers', now())`;
  await sql.end();
  await signIn(page, await makeUser('user'));
  const notice = page.getByRole('complementary', { name: 'Look-alike domains' });
  await expect(notice).toContainText(/We only ever send mail from \S+@\S+/);
  await expect(notice).toContainText(lookalike);
  await expectAccessible(page, testInfo, 'account-phishing-notice');
});
