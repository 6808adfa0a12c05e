import { describe, expect, it } from 'vitest';
import { domains, lookalikeCandidates } from '@/db/schema';
import { listDomains } from '@/lib/domains/queries';
import { getOverviewCounts } from '@/lib/overview/queries';
import { makeAddress, makeUser, unique } from '../account/fixtures';
import { setupTestDatabase } from '../../support/test-db';

// Look-alike candidates are domains rows, but not maintainers' domains: the domains list and the
// overview's "custom domains watched" and "lapsing" leave out a candidate no address uses, and keep
// one that a maintainer's address does use.

const t = setupTestDatabase();

async function candidate(name: string, stage: 'available' | 'active') {
  const [row] = await t.db.insert(domains).values({ name, stage }).returning();
  await t.db.insert(lookalikeCandidates).values({ domainId: row!.id, unicode: name, firstSeenAt: new Date() });
  return row!;
}

describe('look-alike candidates in the maintainers’ domain views', () => {
  it('leaves out candidates no address uses, keeps one a maintainer uses', async () => {
    const before = await getOverviewCounts(t.db);
    const lone = await candidate(`${unique('lone')}.org`, 'available');
    const used = await candidate(`${unique('used')}.org`, 'available');
    await makeAddress(t.db, (await makeUser(t.db)).id, `me@${used.name}`, { domainStage: null });
    const after = await getOverviewCounts(t.db);
    expect(after.customDomains).toBe(before.customDomains + 1);
    expect(after.lapsingDomains).toBe(before.lapsingDomains + 1);
    const listed = (await listDomains(t.db, { stage: 'available', limit: 500 })).rows.map((r) => r.name);
    expect(listed).toContain(used.name);
    expect(listed).not.toContain(lone.name);
  });
});
