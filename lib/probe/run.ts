import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import type { DnsClient } from '@/lib/domains/dns';
import { requestScan } from '@/lib/scans/request';
import { describeMoves, type ProbeMove, probeMoves, type ProbeSnapshot } from './compare';

// The daily DNS probe of every custom domain its owner still holds (stage active or expiring): NS
// and MX only (two queries to the configured resolvers, no RDAP, no status API), in time-boxed
// batches a worker's tick can run. A domain whose
// DNS moved (lib/probe/compare.ts) gets a one-domain scan at once (the same path as "Rescan now"),
// so a mid-term deletion or a registrar's parking is seen within a day, not at the 30-day recheck.

const ACTOR: Actor = { type: 'job', name: 'dns-probe' };

export interface ProbeOptions {
  dns: DnsClient;
  now?: () => Date;
  /** Stop claiming new batches after this long (the batch in flight finishes). */
  budgetMs?: number;
  batchSize?: number;
  /** A claim older than this is taken over (its worker died mid-batch). */
  leaseSeconds?: number;
  /** Between two probes of one domain. */
  intervalHours?: number;
  /** After a resolver failure (no answer is no evidence: try again soon). */
  retryMinutes?: number;
}

export interface ProbeResult {
  probed: number;
  failed: number;
  moved: { domain: string; moves: ProbeMove[]; scanId: number }[];
}

// Watched like the scheduler watches: addresses use it and it is no trusted provider.
const WATCHED = sql`exists (select 1 from emails e where e.domain = d.name)
  and not exists (select 1 from domain_lists l where l.domain = d.name and l.list = 'trusted')`;

type Claimed = {
  domain_id: number;
  name: string;
  nameservers: string[] | null;
  mx: string[] | null;
  nxdomain: boolean | null;
};

export async function probeActiveDomains(db: Db, options: ProbeOptions): Promise<ProbeResult> {
  const clock = options.now ?? (() => new Date());
  const budgetMs = options.budgetMs ?? 20_000;
  const batchSize = options.batchSize ?? 200;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const intervalMs = (options.intervalHours ?? 24) * 3_600_000;
  const retryMs = (options.retryMinutes ?? 60) * 60_000;
  const started = performance.now();
  const result: ProbeResult = { probed: 0, failed: 0, moved: [] };

  // Held domains never probed get a row due now.
  await db.execute(sql`
    insert into domain_probes (domain_id, next_probe_at)
    select d.id, ${clock().toISOString()}::timestamptz from domains d where d.stage in ('active', 'expiring') and ${WATCHED}
    on conflict do nothing`);

  while (performance.now() - started < budgetMs) {
    const now = clock();
    const claimed = await db.execute<Claimed>(sql`
      update domain_probes p set probing_until = ${now.toISOString()}::timestamptz + make_interval(secs => ${leaseSeconds})
      from domains d
      where d.id = p.domain_id and p.domain_id in (
        select p2.domain_id from domain_probes p2 join domains d on d.id = p2.domain_id
        where d.stage in ('active', 'expiring') and ${WATCHED}
          and p2.next_probe_at <= ${now.toISOString()}::timestamptz
          and (p2.probing_until is null or p2.probing_until < ${now.toISOString()}::timestamptz)
        order by p2.next_probe_at, p2.domain_id
        limit ${batchSize}
        for update of p2 skip locked)
      returning p.domain_id, d.name, p.nameservers, p.mx, p.nxdomain`);
    if (claimed.length === 0) break;
    const answers = await Promise.all(claimed.map((row) => options.dns.lookup(row.name)));
    for (const [i, row] of claimed.entries()) {
      const answer = answers[i]!;
      const at = clock();
      if (!answer.ok) {
        result.failed += 1;
        await db.execute(sql`
          update domain_probes set probing_until = null, consecutive_failures = consecutive_failures + 1,
            next_probe_at = ${new Date(at.getTime() + retryMs).toISOString()}::timestamptz
          where domain_id = ${row.domain_id}`);
        continue;
      }
      result.probed += 1;
      const previous: ProbeSnapshot | null =
        row.nxdomain === null ? null : { nxdomain: row.nxdomain, nameservers: row.nameservers ?? [], mx: row.mx ?? [] };
      const current: ProbeSnapshot = answer.value;
      const moves = probeMoves(previous, current);
      await db.transaction(async (tx) => {
        const scanId = moves.length
          ? (
              await requestScan({
                ctx: { tx, actor: ACTOR, now: at },
                input: { kind: 'domain', target: row.name, trigger: 'schedule' },
              })
            ).scanId
          : null;
        await tx.execute(sql`
          update domain_probes set probing_until = null, consecutive_failures = 0,
            nameservers = ${pgTextArray(current.nameservers)}, mx = ${pgTextArray(current.mx)},
            nxdomain = ${current.nxdomain}, probed_at = ${at.toISOString()}::timestamptz,
            next_probe_at = ${new Date(at.getTime() + intervalMs).toISOString()}::timestamptz,
            last_move = coalesce(${scanId ? describeMoves(moves) : null}, last_move),
            last_move_at = coalesce(${scanId ? at.toISOString() : null}::timestamptz, last_move_at),
            last_scan_id = coalesce(${scanId}::bigint, last_scan_id)
          where domain_id = ${row.domain_id}`);
        if (scanId) result.moved.push({ domain: row.name, moves, scanId });
      });
    }
  }
  return result;
}

// postgres.js binds a JS array as a list of parameters inside sql``; a text[] literal is one value.
function pgTextArray(values: string[]) {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}
