import { sql } from 'drizzle-orm';
import type { Classification, EvidenceItem, Stage } from '@/core/domains';
import { scans } from '@/db/schema';
import type { DemoDomain } from '@/dev/peers/protocol-server/dataset';
import { between, hashString, seededRng } from '@/dev/peers/protocol-server/random';
import { type DomainHistory, type HistoryScan, scanCounters } from './history';
import { insertChunked, type SeedTx } from './insert-chunked';

/**
 * Writes the demo's past: its scans (done, with the counters of what they did) and one RDAP
 * observation per check. The last check of each domain is today's classification, evidence
 * included, so the domain row, its newest observation and a rescan all agree. Returns the scans'
 * ids by index, for the flags they opened.
 */
export async function writeHistory(
  tx: SeedTx,
  past: { scans: HistoryScan[]; byDomain: Map<string, DomainHistory> },
  domainId: Map<string, number>,
  classified: { d: DemoDomain; c: Classification }[],
  addresses: { domain: string }[],
): Promise<number[]> {
  const holders = new Map<string, number>();
  for (const a of addresses) holders.set(a.domain, (holders.get(a.domain) ?? 0) + 1);
  const counters = scanCounters(past.scans, past.byDomain, holders);
  const scanRows = await insertChunked(
    tx,
    scans,
    past.scans.map((s, i) => ({
      kind: s.kind,
      trigger: s.trigger,
      state: 'done' as const,
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      heartbeatAt: s.finishedAt,
      total: s.domains.length,
      checked: s.domains.length,
      counters: counters[i]!,
    })),
  );
  const scanIds = scanRows.map((s) => s.id);
  const rng = seededRng(hashString('demo-history-latency'));
  const rows: ObservationJson[] = [];
  for (const { d, c } of classified) {
    const history = past.byDomain.get(d.name)!;
    const id = domainId.get(d.name)!;
    history.checks.forEach((check, i) => {
      const today = i === history.checks.length - 1;
      const r = check.era.registration;
      const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
      rows.push({
        domain_id: id,
        scan_id: scanIds[check.scan]!,
        observed_at: check.at.toISOString(),
        status_words: today ? (d.record.rdap?.statuses ?? null) : (r?.statuses ?? null),
        parsed_stage: check.era.stage,
        handle: today ? c.handle : (r?.handle ?? null),
        registrar: today ? c.registrar : (r?.registrar ?? null),
        registered_at: iso(today ? c.registeredAt : r?.registeredAt),
        expires_at: iso(today ? c.expiresAt : r?.expiresAt),
        deletion_at: iso(r?.deletionAt),
        evidence: today ? c.evidence : null,
        latency_ms: between(rng, 60, 450),
      });
    });
  }
  // Tens of thousands of rows: one JSON parameter per statement is much cheaper than a parameter per value.
  for (let i = 0; i < rows.length; i += 5_000)
    await tx.execute(sql`
      insert into domain_observations (domain_id, scan_id, observed_at, source, status_words, parsed_stage, handle,
        registrar, registered_at, expires_at, deletion_at, evidence, latency_ms)
      select domain_id, scan_id, observed_at, 'rdap', status_words, parsed_stage::domain_stage, handle, registrar,
        registered_at, expires_at, deletion_at, evidence, latency_ms
      from json_to_recordset(${JSON.stringify(rows.slice(i, i + 5_000))}::json) as v(domain_id bigint, scan_id bigint,
        observed_at timestamptz, status_words text[], parsed_stage text, handle text, registrar text,
        registered_at timestamptz, expires_at timestamptz, deletion_at timestamptz, evidence jsonb, latency_ms int)`);
  return scanIds;
}

/** One observation as the insert's JSON record (snake_case, ISO dates). */
interface ObservationJson {
  domain_id: number;
  scan_id: number;
  observed_at: string;
  status_words: string[] | null;
  parsed_stage: Stage;
  handle: string | null;
  registrar: string | null;
  registered_at: string | null;
  expires_at: string | null;
  deletion_at: string | null;
  evidence: EvidenceItem[] | null;
  latency_ms: number;
}
