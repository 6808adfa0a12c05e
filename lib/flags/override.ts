import { inArray } from 'drizzle-orm';
import { emails, flags, overrides } from '@/db/schema';
import { unverifyAddresses } from '@/lib/addresses/unverify';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/auth/actor';
import { parseInput } from '@/lib/auth/parse-input';
import { assertMayRelease } from '@/lib/auth/release-rules';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { flagAuditBase, type LockedFlag, lockFlags, unverifyTargets } from './load';
import { type OverrideFlagsInput, overrideFlagsSchema } from './schemas';

export interface OverrideResult {
  decision: 'keep_unverified' | 'restore_verified';
  overridden: number;
  /** Selected flags already closed (resolved or overridden); left alone. */
  skipped: number;
  /** Addresses verified again (restore_verified). */
  restored: number;
  /** Addresses unverified by this decision (keep_unverified on a flag held for review). */
  unverified: number;
}

const isReregistered = (f: LockedFlag) => f.domainStage === 're_registered' || f.stage === 're_registered';

/**
 * Restoring releases the address to password resets: the release rules (lib/auth/release-rules.ts)
 * decide who may, per flag, and refuse the whole selection if any flag is out of bounds. On a
 * re-registered domain the one allowed to (an admin) also restores one domain at a time, with the
 * domain's name typed as confirmation.
 */
function checkRestore(actor: Actor, live: LockedFlag[], reason: string, confirmation: string | undefined) {
  assertMayRelease(actor, 'restore', live, reason);
  const risky = [...new Set(live.filter(isReregistered).map((f) => f.domain))];
  if (risky.length === 0) return;
  if (risky.length > 1)
    throw new AppError(
      'invalid_input',
      `Restore re-registered domains one at a time (the selection covers ${risky.join(', ')}).`,
    );
  const [domain] = risky;
  if (confirmation?.toLowerCase() !== domain)
    throw new AppError('invalid_input', `Type the domain name (${domain}) to confirm restoring it.`, {
      confirmation: `type ${domain}`,
    });
}

/**
 * A staff decision that overrides the engine for the selected flags. Stored in `overrides` with its
 * reason and optional expiry; the scanner leaves a flag overridden while the override is in force and
 * reopens it afterwards if the domain's stage still warrants it.
 */
export async function overrideFlags({
  ctx,
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: OverrideFlagsInput;
}): Promise<OverrideResult> {
  const { tx, actor, now } = ctx;
  const input = parseInput(overrideFlagsSchema, raw);
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    throw new AppError('invalid_input', 'The expiry must be in the future.', { expiresAt: 'must be in the future' });
  const locked = await lockFlags(tx, input.flagIds);
  const live = locked.filter((f) => f.state === 'open' || f.state === 'pending_review');
  if (live.length === 0)
    throw new AppError('conflict', 'None of the selected flags is open any more. Reload the list to see their state.');
  if (input.decision === 'restore_verified') checkRestore(actor, live, input.reason, input.confirmation);

  await tx.insert(overrides).values(
    live.map((f) => ({
      flagId: f.id,
      overriddenBy: actor.type === 'user' ? actor.id : null,
      decision: input.decision,
      reason: input.reason,
      expiresAt: input.expiresAt,
      overriddenAt: now,
    })),
  );
  await tx
    .update(flags)
    .set({ state: 'overridden', resolvedAt: now, resolution: `override_${input.decision}` })
    .where(
      inArray(
        flags.id,
        live.map((f) => f.id),
      ),
    );

  const audits: AuditInput[] = [];
  let restored = 0;
  let unverified = 0;
  const base = (f: LockedFlag) => ({ ...flagAuditBase(f), flagId: f.id });
  if (input.decision === 'restore_verified') {
    // Only what the lifecycle engine unverified comes back: an address the user or a bounce unverified
    // stays as it is.
    const toRestore = live.filter(
      (f) => !f.verified && (f.unverifyReason === 'domain_lifecycle' || f.unverifyReason === 'staff'),
    );
    await tx
      .update(emails)
      .set({ verified: true, unverifyReason: null, unverifiedAt: null })
      .where(
        inArray(
          emails.id,
          toRestore.map((f) => f.emailId),
        ),
      );
    restored = toRestore.length;
    for (const f of toRestore)
      audits.push({
        action: 'email.restore',
        targetType: 'email',
        targetId: f.emailId,
        details: { ...base(f), reason: input.reason },
      });
  } else {
    // Held for review, so still verified: keeping it unverified means unverifying it now.
    const done = await unverifyAddresses({
      ctx,
      input: {
        reason: 'staff',
        addresses: unverifyTargets(live, base),
      },
    });
    unverified = done.unverified.length;
  }
  for (const f of live)
    audits.push({
      action: 'flag.override',
      targetType: 'flag',
      targetId: f.id,
      details: {
        ...base(f),
        decision: input.decision,
        reason: input.reason,
        expiresAt: input.expiresAt?.toISOString() ?? null,
        domainStage: f.domainStage,
      },
    });
  await recordAudit(tx, actor, audits);
  return {
    decision: input.decision,
    overridden: live.length,
    skipped: locked.length - live.length,
    restored,
    unverified,
  };
}
