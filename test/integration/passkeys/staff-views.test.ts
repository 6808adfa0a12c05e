import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { listFlaggedEmails } from '@/lib/flags/queries';
import { getOverviewCounts } from '@/lib/overview/queries';
import { getUserDetail } from '@/lib/users/detail-queries';
import { listUsersPage } from '@/lib/users/queries';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from '../account/fixtures';
import { makeDomain, makeFlag } from '../dashboard/fixtures';
import { userWithPasskey } from './helpers';

// What staff see of an account's second factor: the flags list shows and filters it, the users list
// filters it, the user page lists the passkeys, and the overview counts flagged accounts with none.

const t = setupTestDatabase();

async function flaggedTrio() {
  const domain = await makeDomain(t.db, 'redemption');
  const bare = await makeUser(t.db);
  const app = await makeUser(t.db);
  await t.db.update(users).set({ totpEnabled: true }).where(eq(users.id, app.id));
  const keyed = (await userWithPasskey(t.db)).actor;
  for (const u of [bare, app, keyed]) await makeFlag(t.db, { domain, userId: u.id });
  return { domain, bare, app, keyed };
}

describe('staff views of the second factor', () => {
  it('the flags list shows each account’s factor and filters on none, app only and passkey', async () => {
    const { domain, bare, app, keyed } = await flaggedTrio();
    const names = async (factor?: 'none' | 'app' | 'passkey') =>
      (await listFlaggedEmails(t.db, { domain: domain.name, factor })).rows.map((r) => r.username).sort();
    expect(await names()).toEqual([bare.username, app.username, keyed.username].sort());
    expect(await names('none')).toEqual([bare.username]);
    expect(await names('app')).toEqual([app.username]);
    expect(await names('passkey')).toEqual([keyed.username]);
    const rows = (await listFlaggedEmails(t.db, { domain: domain.name })).rows;
    expect(rows.find((r) => r.username === keyed.username)).toMatchObject({ passkeys: 1, totpEnabled: false });
  });

  it('the overview counts flagged accounts without any second factor', async () => {
    const before = (await getOverviewCounts(t.db)).flaggedWithoutSecondFactor;
    await flaggedTrio();
    expect((await getOverviewCounts(t.db)).flaggedWithoutSecondFactor).toBe(before + 1);
  });

  it('the users list filters on passkey, and the user page names the passkeys', async () => {
    const { actor } = await userWithPasskey(t.db, 'YubiKey 5');
    const passkeyUsers = await listUsersPage(t.db, { twofa: 'passkey', q: actor.username });
    expect(passkeyUsers.rows.map((r) => r.username)).toEqual([actor.username]);
    expect((await listUsersPage(t.db, { twofa: 'off', q: actor.username })).rows).toEqual([]);
    expect((await listUsersPage(t.db, { twofa: 'on', q: actor.username })).rows).toHaveLength(1);
    const detail = await getUserDetail(t.db, actor.id);
    expect(detail?.passkeys).toEqual([expect.objectContaining({ name: 'YubiKey 5', lastUsedAt: null, synced: false })]);
  });
});
