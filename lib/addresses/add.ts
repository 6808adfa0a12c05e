import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { domainLists, domains, emails } from '@/db/schema';
import { STAGE_PHRASES } from '@/lib/account/stage-phrases';
import { recordAudit } from '@/lib/audit/record';
import type { UserActor } from '@/lib/auth/session';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { LAPSED_STAGES, type Stage } from '@/lib/domains/types';
import { AppError } from '@/lib/errors';
import { type addAddressSchema, MAX_ADDRESSES_PER_USER } from './schemas';
import { queueVerificationLink } from './send-verification';

const UNSAFE: readonly Stage[] = ['grace', ...LAPSED_STAGES];

/** Adds an unverified address to the caller's account and mails it a verification link. */
export async function addAddress(tx: DbOrTx, actor: UserActor, input: z.output<typeof addAddressSchema>, ctx: { appUrl: string; now?: Date }) {
  const now = ctx.now ?? new Date();
  const normalized = normalizeEmailDomain(input.address);
  if (!normalized.ok) throw new AppError('invalid_input', `That address cannot be used: ${normalized.error.message}.`, { address: normalized.error.message });
  const { address, registrableDomain: domain } = normalized;

  const [listed] = await tx.select().from(domainLists).where(eq(domainLists.domain, domain));
  if (listed?.list === 'blocked') {
    const why = `Addresses at ${domain} cannot be added${listed.note ? `: ${listed.note}` : ' (the domain is on our blocked list)'}. Use an address at another domain.`;
    throw new AppError('invalid_input', why, { address: why });
  }
  const [known] = await tx.select({ stage: domains.stage }).from(domains).where(eq(domains.name, domain));
  if (known && UNSAFE.includes(known.stage)) {
    const why = `The domain ${domain} ${STAGE_PHRASES[known.stage]}: its mail may reach someone else. Use an address at another domain.`;
    throw new AppError('invalid_input', why, { address: why });
  }

  const [taken] = await tx.select({ userId: emails.userId }).from(emails).where(eq(emails.address, address));
  if (taken) throw new AppError('conflict', taken.userId === actor.id ? `${address} is already on your account.` : `${address} is already used by another account.`);
  const [owned] = await tx.select({ n: count() }).from(emails).where(eq(emails.userId, actor.id));
  const existing = owned?.n ?? 0;
  if (existing >= MAX_ADDRESSES_PER_USER) throw new AppError('conflict', `An account can have at most ${MAX_ADDRESSES_PER_USER} addresses. Remove one first.`);

  const [row] = await tx
    .insert(emails)
    .values({ userId: actor.id, address, domain, isPrimary: existing === 0, verified: false, useForRecovery: true, createdAt: now })
    .returning();
  if (!row) throw new AppError('internal', 'The address was not added.');
  await queueVerificationLink(tx, row, ctx.appUrl, now);
  await recordAudit(tx, actor, { action: 'email.add', targetType: 'email', targetId: row.id, details: { address, domain } });
  return { id: row.id, address };
}

