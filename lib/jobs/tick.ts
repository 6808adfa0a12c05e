import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { createDnsClient, type DnsClient } from '@/lib/domains/dns';
import { readEnv } from '@/lib/env';
import { probeActiveDomains, type ProbeResult } from '@/lib/probe/run';
import { watchedDomain } from '@/lib/scans/scope';

const ACTOR: Actor = { type: 'job', name: 'scheduler' };

/**
 * The scheduler: when watched domains are due and no scheduled scan is active, opens one scheduled
 * scan covering them (the unique index makes two ticks on two workers open only one).
 */
export async function scheduleDueDomains(db: Db, now: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [due] = await tx.execute<{ n: number }>(sql`
      select count(*)::int as n from domains d
      where d.next_check_at <= ${now.toISOString()}::timestamptz and ${watchedDomain}`);
    if (!due || Number(due.n) === 0) return null;
    const [scan] = await tx.execute<{ id: number }>(sql`
      insert into scans (kind, trigger, created_at) values ('scheduled', 'schedule', ${now.toISOString()}::timestamptz)
      on conflict do nothing returning id`);
    if (!scan) return null;
    await recordAudit(tx, ACTOR, {
      action: 'scan.request',
      targetType: 'scan',
      targetId: scan.id,
      details: { kind: 'scheduled', due: Number(due.n) },
    });
    return Number(scan.id);
  });
}

/** Scans nobody is working on: queued ones whose job was lost, running ones whose worker went quiet. */
export async function stalledScans(db: Db, now: Date, quietSeconds = 120): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select id from scans
    where (state = 'queued' and created_at < ${now.toISOString()}::timestamptz - interval '30 seconds')
       or (state = 'running' and coalesce(heartbeat_at, started_at) < ${now.toISOString()}::timestamptz - make_interval(secs => ${quietSeconds}))
    order by id`);
  return rows.map((r) => Number(r.id));
}

/**
 * Overrides that ran out: the flag closes as expired and its domain is checked at once, so the
 * policy decides afresh whether the address still needs a flag (an override restored it as verified).
 */
export async function expireOverrides(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; domain_id: number }>(sql`
      update flags f set state = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, resolution = 'override_expired'
      where f.state = 'overridden' and exists (
        select 1 from overrides o where o.flag_id = f.id and o.expires_at is not null and o.expires_at <= ${now.toISOString()}::timestamptz
          and o.id = (select max(o2.id) from overrides o2 where o2.flag_id = f.id))
      returning f.id, f.domain_id`);
    for (const r of rows)
      await recordAudit(tx, ACTOR, { action: 'flag.override_expired', targetType: 'flag', targetId: r.id });
    if (rows.length) {
      await tx.execute(
        sql`update domains set next_check_at = ${now.toISOString()}::timestamptz where id in (${sql.join(
          rows.map((r) => sql`${r.domain_id}`),
          sql`, `,
        )})`,
      );
    }
    return rows.length;
  });
}

const globalForProbe = globalThis as unknown as { gkProbeDns?: DnsClient };

/**
 * The daily DNS probe's share of a tick: a time-boxed batch of active domains due for NS/MX
 * (lib/probe/run.ts). Resumable: what is not reached this tick is due at the next. Returns the
 * one-domain scans it requested for domains whose DNS moved; the caller enqueues them.
 */
export async function probeDueDomains(
  db: Db,
  now: Date,
  options: { dns?: DnsClient; budgetMs?: number } = {},
): Promise<ProbeResult> {
  if (!options.dns) globalForProbe.gkProbeDns ??= createDnsClient({ servers: readEnv().DNS_SERVERS });
  const dns = options.dns ?? (globalForProbe.gkProbeDns as DnsClient);
  // The tick's clock stamps the whole batch (the time box itself runs on the monotonic clock).
  return probeActiveDomains(db, { dns, budgetMs: options.budgetMs ?? 20_000, now: () => now });
}
