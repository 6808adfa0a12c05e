import { sql } from 'drizzle-orm';
import type { Stage } from '@/core/domains';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { queueUserNotices, type UserNotice } from '@/lib/notify/queue';
import { backupOf, goodAddressesOf } from './good-addresses';
import { movePrimaryOff, type PrimarySwitch } from './primary-fallback';

// Unverifying an address because of its domain is one state change, whoever decides it (the scanner,
// a reviewer confirming a held flag, a staff override): the same columns, the same audit row, the same
// "address unverified" notice under the same key. This verb is the only place that writes it. An
// address that was primary hands that role to the account's longest-proved good address, if any
// (lib/addresses/primary-fallback.ts), and the notice says so.

export interface UnverifyTarget {
  emailId: number;
  userId: number;
  address: string;
  domain: string;
  /** The domain's stage that condemned the address (audit row and notice). */
  stage: Stage;
  /** The domain's expiry as last known, for the notice. */
  expiresAt: Date | null;
  /**
   * When the check that condemned the address began: an address verified (again) after it is left
   * alone, because the result is older than the owner's proof. Null when a human decides on a locked row.
   */
  checkStartedAt: Date | null;
  /** Extra audit details (flagId, scanId, userId, domainStage …). */
  details?: Record<string, unknown>;
}

export interface UnverifyInput {
  /** 'domain_lifecycle': the engine's finding (restorable); 'staff': a staff decision. */
  reason: 'domain_lifecycle' | 'staff';
  addresses: readonly UnverifyTarget[];
}

export interface UnverifyResult {
  /** Ids of the addresses this call unverified; the rest were not verified, or verified too recently. */
  unverified: number[];
  notificationsQueued: number;
  /** Accounts whose primary address was among those unverified and moved to a good one. */
  primarySwitches: PrimarySwitch[];
}

const iso = (d: Date | null) => (d === null ? 'none' : d.toISOString());

/**
 * The notice's key, by the verification being revoked: a rerun, a later scan of the same lapse or a
 * reviewer's confirm after the scan queue nothing more; a new verification and lapse is a new notice.
 * The policy (lib/policy/decide.ts) derives the same key for the scanner's plan.
 */
export const addressUnverifiedKey = (domain: string, emailId: number, verifiedAt: Date | null) =>
  `address_unverified:${domain}:${emailId}:${iso(verifiedAt)}`;

/**
 * Unverifies many addresses in one statement, then writes their audit rows (one statement) and their
 * notices (two statements): mail goes to each user's other verified addresses, never the lapsed one.
 */
export async function unverifyAddresses({
  ctx,
  input,
}: {
  ctx: VerbContext<Actor>;
  input: UnverifyInput;
}): Promise<UnverifyResult> {
  const { tx, actor, now } = ctx;
  // One entry per address: a selection naming an address twice (two flags) unverifies it once.
  const targets = [...new Map(input.addresses.map((a) => [a.emailId, a])).values()];
  if (targets.length === 0) return { unverified: [], notificationsQueued: 0, primarySwitches: [] };
  const guard = targets.map((a) => ({ id: a.emailId, started: a.checkStartedAt?.toISOString() ?? null }));
  const done = await tx.execute<{ id: number | string; verified_at: string | null; is_primary: boolean }>(sql`
    update emails e set verified = false, unverify_reason = ${input.reason}::unverify_reason,
      unverified_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(guard)}::json) as v(id bigint, started timestamptz)
    where e.id = v.id and e.verified
      and (v.started is null or e.verified_at is null or e.verified_at <= v.started)
    returning e.id, to_json(e.verified_at) #>> '{}' as verified_at, e.is_primary`);
  const verifiedAt = new Map(done.map((r) => [Number(r.id), r.verified_at ? new Date(r.verified_at) : null]));
  const unverified = targets.filter((a) => verifiedAt.has(a.emailId));
  const wasPrimary = new Set(done.filter((r) => r.is_primary).map((r) => Number(r.id)));

  // What each user still has once these are gone: where the primary moves, and what the notice says.
  const good = await goodAddressesOf(tx, [...new Set(unverified.map((a) => a.userId))]);
  const switches = await movePrimaryOff({
    tx,
    actor,
    reason: input.reason,
    lost: unverified.filter((a) => wasPrimary.has(a.emailId)),
    good,
  });
  const newPrimary = new Map(switches.map((s) => [s.from.id, s.to.address]));

  const audits: AuditInput[] = unverified.map((a) => ({
    action: 'email.unverify',
    targetType: 'email',
    targetId: a.emailId,
    details: { address: a.address, domain: a.domain, stage: a.stage, ...a.details, reason: input.reason },
  }));
  await recordAudit(tx, actor, audits);
  const notices: UserNotice[] = unverified.map((a) => ({
    userId: a.userId,
    emailId: a.emailId,
    kind: 'address_unverified',
    dedupeKey: addressUnverifiedKey(a.domain, a.emailId, verifiedAt.get(a.emailId) ?? null),
    payload: {
      address: a.address,
      domain: a.domain,
      stage: a.stage,
      expiresAt: a.expiresAt?.toISOString() ?? null,
      // Words by what the account already has (lib/notify/templates.ts): its new primary, its backup.
      newPrimary: newPrimary.get(a.emailId) ?? null,
      backup: backupOf(good.get(a.userId)),
    },
    mailTo: 'others',
  }));
  const notificationsQueued = await queueUserNotices(tx, notices);
  return { unverified: unverified.map((a) => a.emailId), notificationsQueued, primarySwitches: switches };
}
