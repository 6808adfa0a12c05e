import type { DbOrTx } from '@/db/connect';
import { domainObservations } from '@/db/schema';
import type { CheckedDomain } from '@/lib/domains/check';
import type { Classification } from '@/core/domains';
import { storableDate } from './storable-date';

/** One row per source of one check: the lifecycle timeline as each source saw it. */
export function observationRows(
  domainId: number,
  scanId: number | null,
  checked: CheckedDomain,
  observedAt: Date,
  c: Classification = checked.classification,
) {
  const rdap =
    checked.evidence.rdap?.ok && checked.evidence.rdap.value.kind === 'registered'
      ? checked.evidence.rdap.value.domain
      : null;
  const rows = checked.sources.map((s) => ({
    domainId,
    scanId,
    observedAt,
    source: s.name,
    statusWords: s.name === 'rdap' ? (rdap?.statuses ?? null) : (s.statusWords ?? null),
    parsedStage: c.stage,
    handle: s.name === 'rdap' ? (rdap?.handle ?? null) : null,
    registrar: s.name === 'rdap' ? (rdap?.registrar?.name ?? null) : null,
    registeredAt: s.name === 'rdap' ? storableDate(rdap?.registeredAt) : null,
    expiresAt: s.name === 'rdap' ? storableDate(rdap?.expiresAt) : null,
    deletionAt: s.name === 'rdap' ? storableDate(rdap?.deletionAt) : null,
    evidence: c.evidence,
    error: s.ok ? null : `${s.error?.code}: ${s.error?.message}`,
    latencyMs: s.latencyMs === null ? null : Math.round(s.latencyMs),
  }));
  // A check with no source configured still leaves a trace, so a scan can tell it was done.
  if (rows.length === 0)
    rows.push({
      domainId,
      scanId,
      observedAt,
      source: 'rdap',
      statusWords: null,
      parsedStage: c.stage,
      handle: null,
      registrar: null,
      registeredAt: null,
      expiresAt: null,
      deletionAt: null,
      evidence: c.evidence,
      error: 'not_configured: no source is configured',
      latencyMs: null,
    });
  return rows;
}

export async function insertObservations(tx: DbOrTx, rows: (typeof domainObservations.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(domainObservations).values(rows);
}
