import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { domains, lookalikeCandidates } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { AppError } from '@/lib/errors';
import type { markLookalikeSchema } from './schemas';

/**
 * Staff's judgement of a candidate: `benign` (with a reason: it stops the MX and web alerts) or
 * `malicious` (listed in the export for takedown requests and mail filters). Audited with before and
 * after; the candidate and its history are kept either way.
 */
export async function markLookalike({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext<Actor>;
  input: z.output<typeof markLookalikeSchema>;
}): Promise<{ domain: string; mark: string }> {
  const normalised = registrableDomainOf(input.domain);
  if (!normalised.ok) throw new AppError('invalid_input', `${input.domain} is not a domain name.`);
  const name = normalised.registrableDomain;
  const [row] = await tx
    .select({ c: lookalikeCandidates })
    .from(lookalikeCandidates)
    .innerJoin(domains, eq(domains.id, lookalikeCandidates.domainId))
    .where(eq(domains.name, name))
    .for('update', { of: lookalikeCandidates });
  if (!row) throw new AppError('not_found', `${name} is not a look-alike candidate of a watched name.`);
  const before = row.c;
  if (before.mark === input.mark) throw new AppError('conflict', `${name} is already marked ${input.mark}.`);
  const reason = input.reason || null;
  await tx
    .update(lookalikeCandidates)
    .set({ mark: input.mark, markReason: reason, markedBy: actor.type === 'user' ? actor.id : null, markedAt: now })
    .where(eq(lookalikeCandidates.domainId, before.domainId));
  await recordAudit(tx, actor, {
    action: 'lookalike.mark',
    targetType: 'domain',
    targetId: name,
    details: { before: before.mark, after: input.mark, reason, previousReason: before.markReason },
  });
  return { domain: name, mark: input.mark };
}
