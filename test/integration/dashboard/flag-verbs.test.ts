import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Tx } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import { auditLog, emails, flags, notifications, overrides, users } from '@/db/schema';
import { notifyFlagUsers } from '@/lib/flags/notify';
import { notifyUser } from '@/lib/flags/notify-user';
import { overrideFlags } from '@/lib/flags/override';
import { reviewFlags } from '@/lib/flags/review';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeFlag, makeUser, snapshot } from './fixtures';

const t = setupTestDatabase();
const ctxOf = (tx: Tx, actor: Actor) => ({ tx, actor, now: new Date() });

describe('review of flags held by the blast-radius guard', () => {
  it('confirm unverifies the addresses, opens the flags and tells the users; one audit row per decision', async () => {
    const staff = await makeUser(t.db, 'staff');
    const a = await makeFlag(t.db, { state: 'pending_review' });
    const b = await makeFlag(t.db, { state: 'pending_review' });
    const result = await t.db.transaction((tx) =>
      reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [a.flag.id, b.flag.id], decision: 'confirm' } }),
    );
    expect(result).toMatchObject({ reviewed: 2, skipped: 0 });
    const rows = await t.db
      .select()
      .from(emails)
      .where(inArray(emails.id, [a.email.id, b.email.id]));
    expect(rows.every((r) => !r.verified && r.unverifyReason === 'domain_lifecycle' && r.unverifiedAt)).toBe(true);
    const states = await t.db
      .select({ state: flags.state })
      .from(flags)
      .where(inArray(flags.id, [a.flag.id, b.flag.id]));
    expect(states.map((s) => s.state)).toEqual(['open', 'open']);
    const notices = await t.db.select().from(notifications).where(eq(notifications.userId, a.userId));
    // In-app plus the backup address; never the lapsed one.
    expect(notices.map((n) => n.channel).sort()).toEqual(['email', 'in_app']);
    expect(notices.find((n) => n.channel === 'email')?.address).toBe(a.backup.address);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'flag.review_confirm'));
    expect(audit.map((r) => r.targetId).sort()).toEqual([String(a.flag.id), String(b.flag.id)].sort());
    expect(audit[0]!.actorLabel).toBe(staff.username);
  });

  it('reject resolves the flags and leaves the addresses verified; already-decided flags are skipped', async () => {
    const staff = await makeUser(t.db, 'staff');
    const held = await makeFlag(t.db, { state: 'pending_review' });
    const open = await makeFlag(t.db, { state: 'open' });
    const result = await t.db.transaction((tx) =>
      reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [held.flag.id, open.flag.id], decision: 'reject' } }),
    );
    expect(result).toMatchObject({ reviewed: 1, skipped: 1 });
    const [flag] = await t.db.select().from(flags).where(eq(flags.id, held.flag.id));
    expect(flag).toMatchObject({ state: 'resolved', resolution: 'rejected_by_review' });
    const [email] = await t.db.select().from(emails).where(eq(emails.id, held.email.id));
    expect(email!.verified).toBe(true);
    const [untouched] = await t.db.select().from(flags).where(eq(flags.id, open.flag.id));
    expect(untouched!.state).toBe('open');
  });

  it('refuses a selection with nothing pending, or a flag that does not exist, and changes nothing', async () => {
    const staff = await makeUser(t.db, 'staff');
    const open = await makeFlag(t.db, { state: 'open' });
    const held = await makeFlag(t.db, { state: 'pending_review' });
    const before = await snapshot(t.db);
    await expect(
      t.db.transaction((tx) =>
        reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [open.flag.id], decision: 'confirm' } }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      t.db.transaction((tx) =>
        reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [held.flag.id, 99_999_999], decision: 'confirm' } }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      t.db.transaction((tx) => reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [], decision: 'confirm' } })),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      t.db.transaction((tx) =>
        reviewFlags({ ctx: ctxOf(tx, staff), input: { flagIds: [held.flag.id], decision: 'maybe' as never } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('overrides', () => {
  it('restore_verified verifies the address again, stores the override with reason and expiry, and audits it', async () => {
    const staff = await makeUser(t.db, 'staff');
    const f = await makeFlag(t.db, { stage: 'redemption' });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const result = await t.db.transaction((tx) =>
      overrideFlags({
        ctx: ctxOf(tx, staff),
        input: {
          flagIds: [f.flag.id],
          decision: 'restore_verified',
          reason: 'Owner renewed; registrar confirmed by phone',
          expiresAt,
        },
      }),
    );
    expect(result).toMatchObject({ overridden: 1, restored: 1 });
    const [email] = await t.db.select().from(emails).where(eq(emails.id, f.email.id));
    expect(email).toMatchObject({ verified: true, unverifyReason: null, unverifiedAt: null });
    const [flag] = await t.db.select().from(flags).where(eq(flags.id, f.flag.id));
    expect(flag!.state).toBe('overridden');
    const [o] = await t.db.select().from(overrides).where(eq(overrides.flagId, f.flag.id));
    expect(o).toMatchObject({
      decision: 'restore_verified',
      reason: 'Owner renewed; registrar confirmed by phone',
      overriddenBy: staff.id,
    });
    expect(o!.expiresAt?.toISOString()).toBe(expiresAt);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(f.flag.id)));
    expect(audit.find((a) => a.action === 'flag.override')?.details).toMatchObject({
      decision: 'restore_verified',
      reason: 'Owner renewed; registrar confirmed by phone',
    });
  });

  it('keep_unverified on a held flag unverifies the address; on an open flag it stays unverified', async () => {
    const staff = await makeUser(t.db, 'staff');
    const held = await makeFlag(t.db, { state: 'pending_review' });
    const open = await makeFlag(t.db, { state: 'open' });
    const result = await t.db.transaction((tx) =>
      overrideFlags({
        ctx: ctxOf(tx, staff),
        input: {
          flagIds: [held.flag.id, open.flag.id],
          decision: 'keep_unverified',
          reason: 'Domain is gone for good',
        },
      }),
    );
    expect(result).toMatchObject({ overridden: 2, unverified: 1 });
    const rows = await t.db
      .select()
      .from(emails)
      .where(inArray(emails.id, [held.email.id, open.email.id]));
    expect(rows.every((r) => !r.verified)).toBe(true);
  });

  it('restore on a re-registered domain: staff refused, admin needs the typed domain name', async () => {
    const staff = await makeUser(t.db, 'staff');
    const admin = await makeUser(t.db, 'admin');
    const domain = await makeDomain(t.db, 're_registered');
    const f = await makeFlag(t.db, { stage: 're_registered', domain });
    const before = await snapshot(t.db);
    const input = { flagIds: [f.flag.id], decision: 'restore_verified' as const, reason: 'Same person, new registrar' };
    await expect(
      t.db.transaction((tx) =>
        overrideFlags({ ctx: ctxOf(tx, staff), input: { ...input, confirmation: domain.name } }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      t.db.transaction((tx) => overrideFlags({ ctx: ctxOf(tx, admin), input: input })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      t.db.transaction((tx) =>
        overrideFlags({ ctx: ctxOf(tx, admin), input: { ...input, confirmation: 'wrong.dev' } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await snapshot(t.db)).toBe(before);
    await t.db.transaction((tx) =>
      overrideFlags({ ctx: ctxOf(tx, admin), input: { ...input, confirmation: domain.name.toUpperCase() } }),
    );
    const [email] = await t.db.select().from(emails).where(eq(emails.id, f.email.id));
    expect(email!.verified).toBe(true);
    // keep_unverified is no risk: staff may.
    const g = await makeFlag(t.db, { stage: 're_registered', domain });
    await t.db.transaction((tx) =>
      overrideFlags({
        ctx: ctxOf(tx, staff),
        input: { flagIds: [g.flag.id], decision: 'keep_unverified', reason: 'Stranger holds it now' },
      }),
    );
  });

  it('requires a reason, a future expiry and an open flag; changes nothing otherwise', async () => {
    const staff = await makeUser(t.db, 'staff');
    const f = await makeFlag(t.db);
    const resolved = await makeFlag(t.db, { state: 'resolved' });
    const before = await snapshot(t.db);
    const base = { flagIds: [f.flag.id], decision: 'restore_verified' as const };
    await expect(
      t.db.transaction((tx) => overrideFlags({ ctx: ctxOf(tx, staff), input: { ...base, reason: '  ' } })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      t.db.transaction((tx) =>
        overrideFlags({ ctx: ctxOf(tx, staff), input: { ...base, reason: 'long enough', expiresAt: '2001-01-01' } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      t.db.transaction((tx) =>
        overrideFlags({ ctx: ctxOf(tx, staff), input: { ...base, reason: 'long enough', expiresAt: 'next week' } }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      t.db.transaction((tx) =>
        overrideFlags({
          ctx: ctxOf(tx, staff),
          input: { ...base, flagIds: [resolved.flag.id], reason: 'long enough' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('staff notices', () => {
  it('queues one notice per user per flag, in-app and to the other verified addresses only', async () => {
    const staff = await makeUser(t.db, 'staff');
    const f = await makeFlag(t.db, { stage: 'available' });
    const first = await t.db.transaction((tx) =>
      notifyFlagUsers({ ctx: ctxOf(tx, staff), input: { flagIds: [f.flag.id] } }),
    );
    expect(first).toMatchObject({ notified: 1, alreadyNotified: 0, queued: 2 });
    const again = await t.db.transaction((tx) =>
      notifyFlagUsers({ ctx: ctxOf(tx, staff), input: { flagIds: [f.flag.id, f.flag.id] } }),
    );
    expect(again).toMatchObject({ notified: 0, alreadyNotified: 1, queued: 0 });
    const rows = await t.db.select().from(notifications).where(eq(notifications.userId, f.userId));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.kind === 'staff_notice' && r.address !== f.email.address)).toBe(true);
    const mail = rows.find((r) => r.channel === 'email')!;
    expect(mail.address).toBe(f.backup.address);
    // The mail goes to their gmail.com backup: it says to keep that one, not to add one.
    expect(String(mail.payload.body)).toContain(`Keep ${f.backup.address}`);
    expect(String(mail.payload.body)).not.toMatch(/add a backup/i);
    expect(String(mail.payload.body)).toMatch(/two-factor/);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'flag.notify'));
    expect(audit).toHaveLength(1);
  });

  it('leaves out the 2FA step for a user who has it on, and refuses resolved flags', async () => {
    const staff = await makeUser(t.db, 'staff');
    const f = await makeFlag(t.db);
    await t.db.update(users).set({ totpEnabled: true }).where(eq(users.id, f.userId));
    await t.db.transaction((tx) => notifyUser({ ctx: ctxOf(tx, staff), input: { userId: f.userId } }));
    const [row] = await t.db.select().from(notifications).where(eq(notifications.userId, f.userId)).limit(1);
    expect(String(row!.payload.body)).not.toMatch(/two-factor/);
    const resolved = await makeFlag(t.db, { state: 'resolved' });
    await expect(
      t.db.transaction((tx) => notifyFlagUsers({ ctx: ctxOf(tx, staff), input: { flagIds: [resolved.flag.id] } })),
    ).rejects.toMatchObject({ code: 'conflict' });
    const lonely = await makeUser(t.db);
    await expect(
      t.db.transaction((tx) => notifyUser({ ctx: ctxOf(tx, staff), input: { userId: lonely.id } })),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
