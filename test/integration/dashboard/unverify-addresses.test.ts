import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/connect';
import { auditLog, emails, notifications } from '@/db/schema';
import { type UnverifyTarget, unverifyAddresses } from '@/lib/addresses/unverify';
import type { Actor } from '@/lib/auth/actor';
import type { CheckedDomain } from '@/lib/domains/check';
import { overrideFlags } from '@/lib/flags/override';
import { reviewFlags } from '@/lib/flags/review';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { planBatch } from '@/lib/scans/plan';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeDomain, makeFlag, makeUser } from './fixtures';

// The one verb that unverifies addresses for the scanner, a reviewer's confirm and a staff override.

const t = setupTestDatabase();
const job: Actor = { type: 'job', name: 'test' };
const NOW = new Date('2030-06-01T12:00:00Z');
const VERIFIED_AT = '2024-01-01T00:00:00.000Z'; // the fixtures' verification time

function target(
  e: { id: number; userId: number; address: string; domain: string },
  extra: Partial<UnverifyTarget> = {},
) {
  return {
    emailId: e.id,
    userId: e.userId,
    address: e.address,
    domain: e.domain,
    stage: 'redemption' as const,
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    checkStartedAt: null,
    ...extra,
  };
}

const unverify = (db: Db, addresses: UnverifyTarget[]) =>
  db.transaction((tx) =>
    unverifyAddresses({ ctx: { tx, actor: job, now: NOW }, input: { reason: 'domain_lifecycle', addresses } }),
  );

async function noticesOf(db: Db, emailIds: number[]) {
  return db
    .select({ key: notifications.dedupeKey, channel: notifications.channel, address: notifications.address })
    .from(notifications)
    .where(and(inArray(notifications.emailId, emailIds), eq(notifications.kind, 'address_unverified')))
    .orderBy(notifications.dedupeKey);
}

describe('unverifyAddresses', () => {
  it('unverifies a batch in one call, with one audit row and one keyed notice per address', async () => {
    const [d1, d2] = [await makeDomain(t.db, 'redemption'), await makeDomain(t.db, 'redemption')];
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    const a1 = await makeAddress(t.db, a.id, d1.name);
    const a2 = await makeAddress(t.db, a.id, d2.name);
    const aBackup = await makeAddress(t.db, a.id, 'gmail.com');
    const b1 = await makeAddress(t.db, b.id, d1.name);

    const result = await unverify(t.db, [target(a1), target(a2), target(b1), target(a1)]);
    expect(result.unverified.sort()).toEqual([a1.id, a2.id, b1.id].sort());

    const rows = await t.db
      .select()
      .from(emails)
      .where(inArray(emails.id, [a1.id, a2.id, b1.id, aBackup.id]));
    for (const r of rows)
      if (r.id === aBackup.id) expect(r.verified).toBe(true);
      else expect(r).toMatchObject({ verified: false, unverifyReason: 'domain_lifecycle', unverifiedAt: NOW });

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'email.unverify'),
          inArray(
            auditLog.targetId,
            [a1, a2, b1].map((e) => String(e.id)),
          ),
        ),
      );
    expect(audits).toHaveLength(3);
    expect(audits.find((r) => r.targetId === String(a1.id))?.details).toEqual({
      address: a1.address,
      domain: d1.name,
      stage: 'redemption',
      reason: 'domain_lifecycle',
    });

    // Mail goes to the user's other verified address only: never to a1 or a2, both unverified by this call.
    const key = `address_unverified:${d1.name}:${a1.id}:${VERIFIED_AT}`;
    expect(await noticesOf(t.db, [a1.id])).toEqual([
      { key: `${key}:email:${aBackup.address}`, channel: 'email', address: aBackup.address },
      { key: `${key}:in_app`, channel: 'in_app', address: null },
    ]);
    // b has no other verified address: in-app only.
    expect((await noticesOf(t.db, [b1.id])).map((n) => n.channel)).toEqual(['in_app']);
    expect(result.notificationsQueued).toBe(2 + 2 + 1);

    // Again: nothing is verified any more, nothing is written.
    const again = await unverify(t.db, [target(a1), target(b1)]);
    expect(again).toEqual({ unverified: [], notificationsQueued: 0, primarySwitches: [] });
  });

  it('leaves an address verified after the check began, and one already unverified', async () => {
    const d = await makeDomain(t.db, 'redemption');
    const u = await makeUser(t.db);
    const fresh = await makeAddress(t.db, u.id, d.name);
    const gone = await makeAddress(t.db, u.id, d.name, { verified: false });
    const result = await unverify(t.db, [
      target(fresh, { checkStartedAt: new Date('2023-12-31T23:59:59Z') }),
      target(gone),
    ]);
    expect(result).toEqual({ unverified: [], notificationsQueued: 0, primarySwitches: [] });
    const [row] = await t.db.select().from(emails).where(eq(emails.id, fresh.id));
    expect(row).toMatchObject({ verified: true, unverifyReason: null, unverifiedAt: null });
    expect(await noticesOf(t.db, [fresh.id, gone.id])).toEqual([]);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.targetId, [String(fresh.id), String(gone.id)]));
    expect(audits).toEqual([]);
  });

  it('keys the notice as the scanner does, whoever unverifies: a review confirm and an override', async () => {
    const staff = await makeUser(t.db, 'staff');
    for (const via of ['review', 'override'] as const) {
      const f = await makeFlag(t.db, { state: 'pending_review', stage: 'redemption' });
      // What the scanner would queue for this address, from the policy's plan of the same lapse.
      const classification = { stage: 'redemption', evidence: [], handle: null, registeredAt: null } as unknown;
      const [plan] = await t.db.transaction((tx) =>
        planBatch(
          tx,
          [{ domain: f.domain as never, checked: { classification } as CheckedDomain, checkStartedAt: NOW }],
          DEFAULT_POLICY_SETTINGS,
          NOW,
        ),
      );
      const scannerKey = plan!.actions.find((x) => x.type === 'notify' && x.kind === 'address_unverified');
      expect(scannerKey).toBeDefined();

      await t.db.transaction<unknown>((tx) => {
        const ctx = { tx, actor: staff, now: NOW };
        return via === 'review'
          ? reviewFlags({ ctx, input: { flagIds: [f.flag.id], decision: 'confirm' } })
          : overrideFlags({
              ctx,
              input: { flagIds: [f.flag.id], decision: 'keep_unverified', reason: 'stranger has it' },
            });
      });
      const keys = (await noticesOf(t.db, [f.email.id])).map((n) => n.key);
      expect(keys).toContain(`${(scannerKey as { dedupeKey: string }).dedupeKey}:in_app`);
      const [row] = await t.db.select().from(emails).where(eq(emails.id, f.email.id));
      expect(row).toMatchObject({
        verified: false,
        unverifyReason: via === 'review' ? 'domain_lifecycle' : 'staff',
        unverifiedAt: NOW,
      });
    }
  });
});
