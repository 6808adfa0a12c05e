import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { domainLists } from '@/db/schema';
import { DOMAIN_LISTS } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { parseInput } from '@/lib/auth/parse-input';
import { recordAudit } from '@/lib/audit/record';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { AppError } from '@/lib/errors';

export const addDomainListSchema = z.object({
  list: z.enum(DOMAIN_LISTS),
  domain: z.string().trim().min(1, 'enter a domain').max(253),
  note: z
    .string()
    .trim()
    .max(200, 'keep the note under 200 characters')
    .nullish()
    .transform((v) => v || null),
});
export type ListEntry = { domain: string; list: (typeof DOMAIN_LISTS)[number] };

export const removeDomainListSchema = z.object({ domain: z.string().trim().min(1).max(253) });

/** The registrable domain the lists hold (punycode), from whatever was typed, or invalid_input. */
function listDomain(input: string): string {
  const parsed = registrableDomainOf(input);
  if (!parsed.ok)
    throw new AppError('invalid_input', `${input}: ${parsed.error.message}.`, { domain: parsed.error.message });
  return parsed.registrableDomain;
}

/**
 * Puts a domain on the trusted list (never checked: a big provider whose domain cannot lapse) or the
 * blocked list (cannot be added as a new address). A domain is on one list at most.
 */
export async function addDomainListEntry({
  ctx: { tx, actor, now },
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: z.input<typeof addDomainListSchema>;
}): Promise<ListEntry> {
  const input = parseInput(addDomainListSchema, raw);
  const domain = listDomain(input.domain);
  const [existing] = await tx.select().from(domainLists).where(eq(domainLists.domain, domain)).for('update');
  if (existing)
    throw new AppError(
      'conflict',
      existing.list === input.list
        ? `${domain} is already on the ${input.list} list.`
        : `${domain} is on the ${existing.list} list; remove it there first.`,
    );
  await tx.insert(domainLists).values({ domain, list: input.list, note: input.note, createdAt: now });
  await recordAudit(tx, actor, {
    action: 'domain_list.add',
    targetType: 'domain_list',
    targetId: domain,
    details: { list: input.list, note: input.note, typed: input.domain },
  });
  return { domain, list: input.list };
}

export async function removeDomainListEntry({
  ctx: { tx, actor },
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: z.input<typeof removeDomainListSchema>;
}): Promise<ListEntry> {
  const input = parseInput(removeDomainListSchema, raw);
  const domain = listDomain(input.domain);
  const [removed] = await tx.delete(domainLists).where(eq(domainLists.domain, domain)).returning();
  if (!removed) throw new AppError('not_found', `${domain} is on neither list.`);
  await recordAudit(tx, actor, {
    action: 'domain_list.remove',
    targetType: 'domain_list',
    targetId: domain,
    details: { list: removed.list, note: removed.note },
  });
  return { domain, list: removed.list };
}
