import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, domains, emails, flags, notifications } from '@/db/schema';
import { describePrimaryMove } from '@/components/account/describe-address';
import { getAccountOverview } from '@/lib/account/queries';
import { setPrimaryAddress } from '@/lib/addresses/set-primary';
import type { Actor } from '@/lib/auth/actor';
import { overrideFlags } from '@/lib/flags/override';
import { reviewFlags } from '@/lib/flags/review';
import { renderMail } from '@/lib/notify/templates';
import { record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, unique } from './fixtures';

// A flagged address that was primary stops being primary once the account has a good address
// (verified, no live flag): the longest-proved one takes over, with an audit row, the notice says so,
// and the account page says which address is primary now and why. Through the scanner and through staff.

const t = setupTestDatabase();
const LAPSING = `${unique('primary-lapse')}.dev`;
const LONE = `${unique('lone-lapse')}.dev`;
const h = setupProtocolServer(() => [record('active', LAPSING), record('active', LONE)]);
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function verifiedAt(id: number, at: Date) {
  await t.db.update(emails).set({ verified: true, verifiedAt: at }).where(eq(emails.id, id));
}
const row = async (id: number) => (await t.db.select().from(emails).where(eq(emails.id, id)))[0]!;
const primaryMoves = (emailId: number) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'email.set_primary'), eq(auditLog.targetId, String(emailId))));
async function inAppNotice(emailId: number) {
  const [n] = await t.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.emailId, emailId),
        eq(notifications.kind, 'address_unverified'),
        eq(notifications.channel, 'in_app'),
      ),
    );
  return n!;
}
const text = (n: { kind: never; payload: Record<string, unknown> }) =>
  renderMail({ kind: n.kind, payload: n.payload, recipientName: null, appUrl: 'https://gk.example', link: null }).text;

describe('the scanner unverifies a primary address', () => {
  it('moves the primary to the oldest verified, unflagged address, audits it, and says so', async () => {
    const rec = h.server.getDomain(LAPSING)!;
    await t.db.insert(domains).values({ name: LAPSING, nextCheckAt: new Date() });
    const user = await makeUser(t.db);
    const custom = await makeAddress(t.db, user.id, `me@${LAPSING}`, { primary: true, domainStage: null });
    await verifiedAt(custom.id, rec.verifiedAt ? new Date(rec.verifiedAt) : ago(400));
    // Older, but not good: unverified by its owner; verified yet held for review on another domain.
    await makeAddress(t.db, user.id, `${unique('old')}@proton.me`, { verified: false, unverifyReason: 'user' });
    const held = await makeAddress(t.db, user.id, `old@${unique('held')}.dev`, {
      flag: { state: 'pending_review', stage: 'redemption' },
    });
    await verifiedAt(held.id, ago(900));
    // Two good ones: the one verified longest ago takes over.
    const newer = await makeAddress(t.db, user.id, `${unique('new')}@gmail.com`);
    await verifiedAt(newer.id, ago(100));
    const older = await makeAddress(t.db, user.id, `${unique('older')}@outlook.com`);
    await verifiedAt(older.id, ago(300));

    h.server.setScenario(LAPSING, 'redemption');
    const scan = await scanToEnd(t.db, h.checker, { kind: 'domain', target: LAPSING, trigger: 'cli' });
    expect(scan.counters).toMatchObject({ addressesUnverified: 1, flagsOpened: 1 });

    expect(await row(custom.id)).toMatchObject({ verified: false, isPrimary: false });
    expect(await row(older.id)).toMatchObject({ verified: true, isPrimary: true });
    expect((await row(newer.id)).isPrimary).toBe(false);
    expect((await row(held.id)).isPrimary).toBe(false);

    const [audit, ...more] = await primaryMoves(older.id);
    expect(more).toHaveLength(0);
    expect(audit).toMatchObject({
      actorType: 'job',
      details: {
        address: older.address,
        previous: custom.address,
        because: 'previous_unverified',
        unverifyReason: 'domain_lifecycle',
        domain: LAPSING,
        stage: 'redemption',
      },
    });

    // The notice (in-app and the mail to the other addresses) names the new primary.
    const notice = await inAppNotice(custom.id);
    expect(notice.payload).toMatchObject({ newPrimary: older.address });
    expect(text(notice as never)).toContain(`${older.address} is now your primary address in its place`);

    // The account page: the new primary first, with the reason beside it.
    const overview = (await getAccountOverview(t.db, user.id))!;
    const first = overview.addresses[0]!;
    expect(first).toMatchObject({ address: older.address, isPrimary: true });
    expect(describePrimaryMove(first)).toMatch(
      new RegExp(
        `^Your primary address since \\d+ \\w+: ${custom.address.replace(/\./g, '\\.')} was primary until its domain ${LAPSING.replace(/\./g, '\\.')} went into its redemption period, so we unverified it\\. ${older.address.replace(/\./g, '\\.')} is the oldest address`,
      ),
    );
    expect(overview.addresses.filter((a) => describePrimaryMove(a) !== null)).toHaveLength(1);
  });

  it('leaves the primary where it is when the account has no good address', async () => {
    const rec = h.server.getDomain(LONE)!;
    await t.db.insert(domains).values({ name: LONE, nextCheckAt: new Date() });
    const user = await makeUser(t.db);
    const only = await makeAddress(t.db, user.id, `me@${LONE}`, { primary: true, domainStage: null });
    await verifiedAt(only.id, rec.verifiedAt ? new Date(rec.verifiedAt) : ago(400));
    const unverified = await makeAddress(t.db, user.id, `${unique('n')}@gmail.com`, { verified: false });

    h.server.setScenario(LONE, 'redemption');
    await scanToEnd(t.db, h.checker, { kind: 'domain', target: LONE, trigger: 'cli' });
    expect(await row(only.id)).toMatchObject({ verified: false, isPrimary: true });
    expect((await row(unverified.id)).isPrimary).toBe(false);
    expect(await primaryMoves(unverified.id)).toEqual([]);
    expect((await inAppNotice(only.id)).payload).toMatchObject({ newPrimary: null });
    const overview = (await getAccountOverview(t.db, user.id))!;
    expect(overview.addresses.map(describePrimaryMove)).toEqual([null, null]);
  });
});

describe('staff unverify a primary address', () => {
  async function heldPrimary() {
    const staff = await makeUser(t.db, 'staff');
    const user = await makeUser(t.db);
    const flagged = await makeAddress(t.db, user.id, `me@${unique('held')}.dev`, {
      primary: true,
      flag: { state: 'pending_review', stage: 'pending_delete' },
    });
    const backup = await makeAddress(t.db, user.id, `${unique('b')}@gmail.com`);
    await verifiedAt(backup.id, ago(30));
    const [flag] = await t.db.select({ id: flags.id }).from(flags).where(eq(flags.emailId, flagged.id));
    return { staff: staff as Actor, user, flagged, backup, flagId: flag!.id };
  }

  it('a reviewer confirming a held flag moves the primary, and the page says why', async () => {
    const { staff, user, flagged, backup, flagId } = await heldPrimary();
    await t.db.transaction((tx) =>
      reviewFlags({ ctx: { tx, actor: staff, now: new Date() }, input: { flagIds: [flagId], decision: 'confirm' } }),
    );
    expect(await row(flagged.id)).toMatchObject({ verified: false, isPrimary: false });
    expect(await row(backup.id)).toMatchObject({ isPrimary: true });
    const [audit] = await primaryMoves(backup.id);
    expect(audit).toMatchObject({ actorType: 'user', details: { previous: flagged.address, stage: 'pending_delete' } });
    expect((await inAppNotice(flagged.id)).payload).toMatchObject({ newPrimary: backup.address });
    const first = (await getAccountOverview(t.db, user.id))!.addresses[0]!;
    expect(describePrimaryMove(first)).toContain(
      `${flagged.address} was primary until its domain ${flagged.domain} was about to be deleted by its registry`,
    );
  });

  it('a staff override keeping the address unverified does the same, and the page names staff', async () => {
    const { staff, user, flagged, backup, flagId } = await heldPrimary();
    await t.db.transaction((tx) =>
      overrideFlags({
        ctx: { tx, actor: staff, now: new Date() },
        input: { flagIds: [flagId], decision: 'keep_unverified', reason: 'the registry confirmed the lapse' },
      }),
    );
    expect(await row(backup.id)).toMatchObject({ isPrimary: true });
    const first = (await getAccountOverview(t.db, user.id))!.addresses[0]!;
    expect(describePrimaryMove(first)).toContain(
      `${flagged.address} was primary until our trust and safety team unverified it`,
    );
  });

  it('a later choice by the owner replaces the reason', async () => {
    const { staff, user, flagged, backup, flagId } = await heldPrimary();
    await t.db.transaction((tx) =>
      reviewFlags({ ctx: { tx, actor: staff, now: new Date() }, input: { flagIds: [flagId], decision: 'confirm' } }),
    );
    const other = await makeAddress(t.db, user.id, `${unique('c')}@outlook.com`);
    for (const id of [other.id, backup.id])
      await t.db.transaction((tx) =>
        setPrimaryAddress({ ctx: { tx, actor: user, now: new Date() }, input: { emailId: id } }),
      );
    const overview = (await getAccountOverview(t.db, user.id))!;
    expect(overview.addresses[0]).toMatchObject({ id: backup.id, isPrimary: true });
    expect(overview.addresses.map(describePrimaryMove)).toEqual(overview.addresses.map(() => null));
    expect((await row(flagged.id)).isPrimary).toBe(false);
  });
});
