import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { domainLists, domains, emails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { LAPSED_STAGES, type Stage } from '@/core/domains';
import { AppError } from '@/lib/errors';
import { queueAccountChangeNotice } from '@/lib/notify/account-change';
import { type addAddressSchema, MAX_ADDRESSES_PER_USER } from './schemas';
import { unsafeDomainMessage } from './domain-gate';
import { queueVerificationLink } from './send-verification';

const UNSAFE: readonly Stage[] = ['grace', ...LAPSED_STAGES];

/** How long a new address, or one newly chosen for recovery, waits before it may receive reset links. */
export const RECOVERY_COOL_DOWN_MS = 72 * 3600_000;

/** The address in the mailbox grammar, or a plain-words refusal (the form keeps what was typed). */
export function parseNewAddress(raw: string) {
  const normalized = normalizeEmailDomain(raw);
  if (!normalized.ok) {
    const why = `That address cannot be used: ${normalized.error.message}.`;
    throw new AppError('invalid_input', why, { address: why });
  }
  return normalized;
}

/**
 * The result of `prepareNewAddress` (lib/addresses/prepare-add.ts): the domain's stage from a check
 * made just now, or `trusted` for a big provider's domain, which is never watched.
 */
export type NewAddressCheck =
  | { domain: string; stage: Stage }
  | { domain: string; trusted: true }
  | { domain: string; blocked: true };

/**
 * Adds an unverified address to the caller's account and mails it a verification link. A custom
 * domain was tracked and checked just before (outside this transaction); a lapsing, lost or
 * unknown answer refuses the address before any link is sent. The account's other addresses are
 * told, and the new address waits out the recovery cool-down before it can receive reset links.
 */
export async function addAddress({
  ctx,
  input,
}: {
  ctx: VerbContext & { appUrl: string; check: NewAddressCheck };
  input: z.output<typeof addAddressSchema>;
}) {
  const { tx, actor, now } = ctx;
  const { address, registrableDomain: domain } = parseNewAddress(input.address);
  if (ctx.check.domain !== domain) throw new AppError('internal', 'The domain check does not match the address.');

  const [listed] = await tx.select().from(domainLists).where(eq(domainLists.domain, domain));
  if (listed?.list === 'blocked') {
    const why = `Addresses at ${domain} cannot be added${listed.note ? `: ${listed.note}` : ' (the domain is on our blocked list)'}. Use an address at another domain.`;
    throw new AppError('invalid_input', why, { address: why });
  }
  const [known] = await tx.select({ stage: domains.stage }).from(domains).where(eq(domains.name, domain));
  const stage = 'stage' in ctx.check ? ctx.check.stage : known?.stage;
  if (stage === 'unknown' && 'stage' in ctx.check) {
    const why = `We could not check the domain ${domain} just now, so we cannot add this address yet. Try again in a few minutes.`;
    throw new AppError('provider_unavailable', why, { address: why });
  }
  // One sentence whatever the stage: a stored stage may be another account's history (lib/addresses/domain-gate.ts).
  if ([stage, known?.stage].some((s) => s && UNSAFE.includes(s))) {
    const why = unsafeDomainMessage(domain);
    throw new AppError('invalid_input', why, { address: why });
  }

  const [taken] = await tx.select({ userId: emails.userId }).from(emails).where(eq(emails.address, address));
  if (taken)
    throw new AppError(
      'conflict',
      taken.userId === actor.id
        ? `${address} is already on your account.`
        : `${address} is already used by another account.`,
    );
  const [owned] = await tx.select({ n: count() }).from(emails).where(eq(emails.userId, actor.id));
  const existing = owned?.n ?? 0;
  if (existing >= MAX_ADDRESSES_PER_USER)
    throw new AppError(
      'conflict',
      `An account can have at most ${MAX_ADDRESSES_PER_USER} addresses. Remove one first.`,
    );

  const [row] = await tx
    .insert(emails)
    .values({
      userId: actor.id,
      address,
      domain,
      isPrimary: existing === 0,
      verified: false,
      useForRecovery: true,
      recoveryHoldUntil: new Date(now.getTime() + RECOVERY_COOL_DOWN_MS),
      createdAt: now,
    })
    .returning();
  if (!row) throw new AppError('internal', 'The address was not added.');
  await queueVerificationLink({ ctx, input: { email: row } });
  await queueAccountChangeNotice({
    ctx,
    input: { userId: actor.id, event: 'address_added', emailId: row.id, address },
  });
  await recordAudit(tx, actor, {
    action: 'email.add',
    targetType: 'email',
    targetId: row.id,
    details: { address, domain },
  });
  return { id: row.id, address };
}
