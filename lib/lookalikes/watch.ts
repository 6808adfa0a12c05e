import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { lookalikeNames, scans } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import { DEFAULT_LOOKALIKE_TLDS, generateLookalikes } from './generate';
import type { watchedNameIdSchema, watchNameSchema } from './schemas';

// Watching a name: its look-alikes become `domains` rows (the same sources, limits, budget and
// timeline as any watched domain) linked from lookalike_candidates, and one scan, with progress,
// makes their first check. The caller enqueues the scan after the commit.

const DAY_MS = 86_400_000;

export interface WatchResult {
  id: number;
  name: string;
  candidates: number;
  scanId: number;
}

export async function watchName({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext<Actor>;
  input: z.output<typeof watchNameSchema>;
}): Promise<WatchResult> {
  const generated = generateLookalikes({ name: input.name, tlds: DEFAULT_LOOKALIKE_TLDS });
  if (!generated.ok) throw new AppError('invalid_input', generated.error.message, { name: generated.error.message });
  const { name, candidates } = generated;
  const kind = name.includes('.') ? 'domain' : 'word';
  const [existing] = await tx.select().from(lookalikeNames).where(eq(lookalikeNames.name, name)).for('update');
  if (existing && !existing.removedAt) throw new AppError('conflict', `${name} is already watched.`, { name: '' });
  const addedBy = actor.type === 'user' ? actor.id : null;
  const [row] = existing
    ? await tx
        .update(lookalikeNames)
        .set({ removedAt: null, tlds: [...DEFAULT_LOOKALIKE_TLDS], addedBy, addedAt: now })
        .where(eq(lookalikeNames.id, existing.id))
        .returning({ id: lookalikeNames.id })
    : await tx
        .insert(lookalikeNames)
        .values({ name, kind, tlds: [...DEFAULT_LOOKALIKE_TLDS], addedBy, addedAt: now })
        .returning({ id: lookalikeNames.id });
  const nameId = row!.id;
  const payload = JSON.stringify(
    candidates.map((c) => ({ domain: c.domain, unicode: c.unicode, families: c.families })),
  );
  // One statement per table. A trusted provider is never a candidate (it is nobody's phishing
  // domain, and the scans skip it anyway). A new domain row is due in a day, as a safety net: the
  // first check is this scan's, and a scheduled scan must not check it a second time meanwhile.
  const added = await tx.execute<{ n: number }>(sql`
    with c as (
      select * from json_to_recordset(${payload}::json) as c(domain text, unicode text, families text[])
      where not exists (select 1 from domain_lists l where l.domain = c.domain and l.list = 'trusted')
    ), d as (
      insert into domains (name, next_check_at)
      select c.domain, ${new Date(now.getTime() + DAY_MS).toISOString()}::timestamptz from c
      on conflict (name) do update set name = domains.name
      returning id, name
    ), cand as (
      insert into lookalike_candidates (domain_id, unicode, first_seen_at)
      select d.id, c.unicode, ${now.toISOString()}::timestamptz from d join c on c.domain = d.name
      on conflict (domain_id) do nothing
    )
    insert into lookalike_sources (name_id, domain_id, families)
    select ${nameId}, d.id, c.families from d join c on c.domain = d.name
    on conflict (name_id, domain_id) do update set families = excluded.families
    returning 1 as n`);
  const [scan] = await tx
    .insert(scans)
    .values({
      kind: 'lookalikes',
      trigger: actor.type === 'cli' ? 'cli' : 'dashboard',
      target: name,
      requestedBy: addedBy,
      createdAt: now,
    })
    .returning({ id: scans.id });
  await recordAudit(tx, actor, [
    {
      action: 'lookalike.watch',
      targetType: 'lookalike_name',
      targetId: nameId,
      details: { name, kind, candidates: added.length, scanId: scan!.id },
    },
    { action: 'scan.request', targetType: 'scan', targetId: scan!.id, details: { kind: 'lookalikes', target: name } },
  ]);
  return { id: nameId, name, candidates: added.length, scanId: scan!.id };
}

/** Stops watching a name: its candidates leave the schedule; their history and marks stay. */
export async function unwatchName({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext<Actor>;
  input: z.output<typeof watchedNameIdSchema>;
}): Promise<{ id: number; name: string }> {
  const [row] = await tx
    .update(lookalikeNames)
    .set({ removedAt: now })
    .where(and(eq(lookalikeNames.id, input.id), isNull(lookalikeNames.removedAt)))
    .returning();
  if (!row) {
    const [gone] = await tx.select().from(lookalikeNames).where(eq(lookalikeNames.id, input.id));
    if (!gone) throw new AppError('not_found', 'That watched name does not exist.');
    throw new AppError('conflict', `${gone.name} is no longer watched already.`);
  }
  await recordAudit(tx, actor, {
    action: 'lookalike.unwatch',
    targetType: 'lookalike_name',
    targetId: row.id,
    details: { name: row.name },
  });
  return { id: row.id, name: row.name };
}
