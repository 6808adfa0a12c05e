import './fixtures';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emails, flags, scans } from '@/db/schema';
import type { CheckDomainNow } from '@/lib/addresses/domain-gate';
import { prepareRequestVerification, requestVerification } from '@/lib/addresses/request-verification';
import { confirmVerification, prepareConfirmVerification } from '@/lib/addresses/verify';
import type { UserActor } from '@/lib/auth/session';
import { checkDomainNow } from '@/lib/scans/check-now';
import { addMaintainers, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';
import { latestToken } from './mail-helpers';

// Re-verification against the real engine: the local registry's data changes, a scan flags the
// address, and the user's attempt to verify it again runs a fresh check through checkDomainNow.
const t = setupTestDatabase();
const h = setupProtocolServer(() => [record('active', 'taken-over.dev'), record('active', 'came-back.dev')]);
const appUrl = 'https://registry.example';

async function maintainerOf(domain: string): Promise<{ actor: UserActor; emailId: number }> {
  const [user] = await addMaintainers(t.db, domain, 1, h.server.getDomain(domain)!);
  const [email] = await t.db
    .select()
    .from(emails)
    .where(eq(emails.address, `${user!.username}@${domain}`));
  return { actor: { type: 'user', id: user!.id, role: 'user', username: user!.username }, emailId: email!.id };
}

const live =
  (actor: UserActor): CheckDomainNow =>
  (domain) =>
    checkDomainNow(t.db, domain, { trigger: 'verification', actor, checker: h.checker });

// As the actions run them: the live check in `prepare`, before the transaction; then the verb.
async function sendLink(actor: UserActor, emailId: number) {
  const input = { emailId };
  const freshCheck = await prepareRequestVerification({ ctx: { db: t.db, actor, checkDomain: live(actor) }, input });
  return t.db.transaction((tx) =>
    requestVerification({ ctx: { tx, actor, now: new Date(), appUrl, freshCheck }, input }),
  );
}
async function confirm(actor: UserActor, token: string) {
  const input = { token };
  const now = new Date();
  const freshCheck = await prepareConfirmVerification({
    ctx: { db: t.db, actor, now, checkDomain: live(actor) },
    input,
  });
  return t.db.transaction((tx) => confirmVerification({ ctx: { tx, actor, now, freshCheck }, input }));
}

describe('re-verifying with a fresh check', () => {
  it('refuses while the domain is registered to someone else, and records the check as a scan', async () => {
    const { actor, emailId } = await maintainerOf('taken-over.dev');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'taken-over.dev', trigger: 'cli' });
    h.server.setScenario('taken-over.dev', 'available');
    h.server.setScenario('taken-over.dev', 're_registered');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'taken-over.dev', trigger: 'cli' });
    const [flag] = await t.db.select().from(flags).where(eq(flags.emailId, emailId));
    expect(flag).toMatchObject({ state: 'open', stage: 're_registered' });

    const error = await sendLink(actor, emailId).catch((e) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toContain('taken-over.dev was registered again after you verified this address');
    const verificationScans = await t.db.select().from(scans).where(eq(scans.trigger, 'verification'));
    expect(verificationScans).toEqual([
      expect.objectContaining({ kind: 'domain', target: 'taken-over.dev', state: 'done', requestedBy: actor.id }),
    ]);
    const [email] = await t.db.select().from(emails).where(eq(emails.id, emailId));
    expect(email!.verified).toBe(false);
  });

  it('lets the owner verify again once the same registration was renewed', async () => {
    const { actor, emailId } = await maintainerOf('came-back.dev');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'came-back.dev', trigger: 'cli' });
    h.server.setScenario('came-back.dev', 'redemption');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: 'came-back.dev', trigger: 'cli' });
    // Still in redemption when the owner asks: refused, nothing sent.
    await expect(sendLink(actor, emailId)).rejects.toThrow('redemption period');
    h.server.setScenario('came-back.dev', 'active');
    await sendLink(actor, emailId);
    const [email] = await t.db.select().from(emails).where(eq(emails.id, emailId));
    const token = await latestToken(t.db, email!.address);
    await confirm(actor, token);
    const [after] = await t.db.select().from(emails).where(eq(emails.id, emailId));
    expect(after).toMatchObject({ verified: true, unverifyReason: null });
    expect(after!.verifiedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
