import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { lookalikeNames, lookalikeSources } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type AuditInput, recordAudit } from '@/lib/audit/record';
import { queueUserNotices, type UserNotice } from '@/lib/notify/queue';
import type { DomainPlan } from '@/lib/scans/plan';
import type { LookalikeCandidate } from '@/db/schema';

// Alerts for a look-alike candidate. Each event writes an audit row (`lookalike.registered` is also
// the webhook event of that name: migration 0018's trigger turns the audit row into deliveries) and
// a notice to every staff and admin account: in the app, and by mail to their primary address
// through the outbox. All of it in the scan batch's transaction.

export interface LookalikeEvent {
  kind: 'registered' | 'mx' | 'a';
  plan: DomainPlan;
  state: Pick<LookalikeCandidate, 'registeredSeenAt' | 'hasMx' | 'hasA' | 'nameservers' | 'mx' | 'addresses'>;
  unicode: string;
}

/** Staff and admins, each with their primary address if it is verified (else in-app only). */
async function staffRecipients(tx: DbOrTx): Promise<{ userId: number; emailId: number | null }[]> {
  const rows = await tx.execute<{ id: number; email_id: number | null }>(sql`
    select u.id, (select e.id from emails e where e.user_id = u.id and e.is_primary and e.verified limit 1) as email_id
    from users u where u.role in ('staff', 'admin') order by u.id`);
  return rows.map((r) => ({ userId: Number(r.id), emailId: r.email_id === null ? null : Number(r.email_id) }));
}

async function watchedNamesOf(tx: DbOrTx, domainIds: number[]) {
  const rows = await tx
    .select({ domainId: lookalikeSources.domainId, name: lookalikeNames.name, families: lookalikeSources.families })
    .from(lookalikeSources)
    .innerJoin(lookalikeNames, sql`${lookalikeNames.id} = ${lookalikeSources.nameId}`)
    .where(inArray(lookalikeSources.domainId, domainIds));
  const out = new Map<number, { names: string[]; families: string[] }>();
  for (const r of rows) {
    const entry = out.get(r.domainId) ?? { names: [], families: [] };
    entry.names.push(r.name);
    entry.families = [...new Set([...entry.families, ...r.families])];
    out.set(r.domainId, entry);
  }
  return out;
}

export async function raiseLookalikeAlerts(
  tx: DbOrTx,
  events: LookalikeEvent[],
  opts: { actor: Actor; now: Date; scanId: number | null },
): Promise<void> {
  if (events.length === 0) return;
  const watched = await watchedNamesOf(
    tx,
    events.map((e) => e.plan.domain.id),
  );
  const staff = await staffRecipients(tx);
  const audits: AuditInput[] = [];
  const notices: UserNotice[] = [];
  for (const event of events) {
    const { domain } = event.plan;
    const c = event.plan.classification;
    const facts = {
      event: event.kind,
      domain: domain.name,
      unicode: event.unicode,
      registrar: c.registrar ?? domain.registrar,
      registeredAt: (c.registeredAt ?? domain.registeredAt)?.toISOString() ?? null,
      nameservers: event.state.nameservers,
      mx: event.state.mx,
      addresses: event.state.addresses,
      hasMx: event.state.hasMx,
      hasA: event.state.hasA,
      names: watched.get(domain.id)?.names ?? [],
      families: watched.get(domain.id)?.families ?? [],
    };
    audits.push({
      action: event.kind === 'registered' ? 'lookalike.registered' : 'lookalike.dns_appeared',
      targetType: 'domain',
      targetId: domain.name,
      details: { ...facts, scanId: opts.scanId },
    });
    // Stable per registration and event: a retried batch or a second worker queues nothing twice.
    const registration = event.state.registeredSeenAt?.toISOString() ?? opts.now.toISOString();
    for (const s of staff)
      notices.push({
        userId: s.userId,
        emailId: s.emailId,
        kind: 'lookalike_alert',
        dedupeKey: `lookalike:${domain.id}:${registration}:${event.kind}:${s.userId}`,
        payload: facts,
        mailTo: 'subject',
      });
  }
  await recordAudit(tx, opts.actor, audits);
  await queueUserNotices(tx, notices);
}
