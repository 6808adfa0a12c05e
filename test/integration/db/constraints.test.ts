import { describe, expect, it } from 'vitest';
import { domains, emails, flags, scans, users } from '@/db/schema';
import { pgError } from '../../support/db-error';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();

async function fixture() {
  const [user] = await t.db
    .insert(users)
    .values({ username: `u${Math.random().toString(36).slice(2, 8)}`, name: 'U', passwordHash: 'x' })
    .returning();
  const name = `d${Math.random().toString(36).slice(2, 8)}.dev`;
  const [domain] = await t.db.insert(domains).values({ name }).returning();
  const [email] = await t.db
    .insert(emails)
    .values({ userId: user!.id, address: `me@${name}`, domain: name, isPrimary: true })
    .returning();
  return { user: user!, domain: domain!, email: email! };
}

describe('database constraints the product relies on', () => {
  it('allows at most one open or pending flag per address, any number of closed ones', async () => {
    const { domain, email } = await fixture();
    await t.db.insert(flags).values({ emailId: email.id, domainId: domain.id, stage: 'redemption' });
    expect(
      await pgError(
        t.db
          .insert(flags)
          .values({ emailId: email.id, domainId: domain.id, stage: 'pending_delete', state: 'pending_review' }),
      ),
    ).toMatch(/flags_one_open_per_email/);
    await t.db.insert(flags).values({ emailId: email.id, domainId: domain.id, stage: 'active', state: 'resolved' });
    await t.db.insert(flags).values({ emailId: email.id, domainId: domain.id, stage: 'active', state: 'resolved' });
  });

  it('refuses a second queued or running full scan, but not a targeted one', async () => {
    await t.db.insert(scans).values({ kind: 'full', trigger: 'test', state: 'running' });
    expect(await pgError(t.db.insert(scans).values({ kind: 'full', trigger: 'test' }))).toMatch(
      /scans_one_active_full/,
    );
    await t.db.insert(scans).values({ kind: 'domain', trigger: 'test', target: 'a.dev' });
    await t.db.insert(scans).values({ kind: 'domain', trigger: 'test', target: 'a.dev' });
  });

  it('keeps addresses unique and one primary address per user', async () => {
    const { user, email } = await fixture();
    expect(
      await pgError(t.db.insert(emails).values({ userId: user.id, address: email.address, domain: email.domain })),
    ).toMatch(/emails_address_key/);
    expect(
      await pgError(
        t.db
          .insert(emails)
          .values({ userId: user.id, address: `x@${email.domain}`, domain: email.domain, isPrimary: true }),
      ),
    ).toMatch(/emails_one_primary_per_user/);
  });

  it('ships the big mail providers as trusted domains', async () => {
    const rows = await t.db.query.domainLists.findMany();
    const trusted = rows.filter((r) => r.list === 'trusted').map((r) => r.domain);
    expect(trusted).toEqual(
      expect.arrayContaining(['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com']),
    );
  });
});
