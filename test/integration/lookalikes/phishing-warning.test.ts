import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, lookalikeCandidates } from '@/db/schema';
import { readEnv } from '@/lib/env';
import { markLookalike } from '@/lib/lookalikes/mark';
import { PHISHING_DOMAINS_SHOWN, phishingWarning } from '@/lib/lookalikes/phishing-warning';
import { envelopeSender } from '@/lib/notify/send';
import { makeUser, unique } from '../account/fixtures';
import { setupTestDatabase } from '../../support/test-db';

// The notice maintainers see on /account: nothing until staff mark a look-alike malicious, then our
// one sender and the newest marked look-alikes (in Unicode), never benign or unmarked ones.

const t = setupTestDatabase();

async function candidateDomain(name: string, unicode = name) {
  const [domain] = await t.db.insert(domains).values({ name }).returning();
  await t.db.insert(lookalikeCandidates).values({ domainId: domain!.id, unicode, firstSeenAt: new Date() });
  return name;
}

describe('the phishing notice for maintainers', () => {
  it('appears once a look-alike is marked malicious, with our sender and the newest marks first', async () => {
    expect(await phishingWarning(t.db)).toBeNull();
    const staff = await makeUser(t.db, 'staff');
    const mark = (domain: string, mark: 'malicious' | 'benign', at: number) =>
      t.db.transaction((tx) =>
        markLookalike({
          ctx: { tx, actor: staff, now: new Date(at) },
          input: { domain, mark, reason: 'seen in a phishing mail to maintainers' },
        }),
      );
    const benign = await candidateDomain(`${unique('bn')}.org`);
    await mark(benign, 'benign', Date.now());
    expect(await phishingWarning(t.db)).toBeNull();

    const idn = await candidateDomain('xn--p1aai1f.org', 'рурі.org');
    await mark(idn, 'malicious', Date.now() - 60_000);
    const names: string[] = [];
    for (let i = 0; i < PHISHING_DOMAINS_SHOWN; i += 1) {
      names.push(await candidateDomain(`${unique('ph')}.org`));
      await mark(names[i]!, 'malicious', Date.now() + i * 1000);
    }
    const warning = await phishingWarning(t.db);
    expect(warning?.sender).toBe(envelopeSender(readEnv().MAIL_FROM));
    expect(warning?.sender).toMatch(/^[^<>\s]+@[^<>\s]+$/);
    expect(warning?.domains).toEqual([...names].reverse());
    // The oldest mark falls off the list once five newer ones exist; a fresh mark brings it back.
    await t.db
      .update(lookalikeCandidates)
      .set({ markedAt: new Date(Date.now() + 3_600_000) })
      .where(eq(lookalikeCandidates.unicode, 'рурі.org'));
    expect((await phishingWarning(t.db))?.domains[0]).toBe('рурі.org');
  });
});
