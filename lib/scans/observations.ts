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
  const recordOf = (outcome: typeof checked.evidence.rdap) =>
    outcome?.ok && outcome.value.kind === 'registered' ? outcome.value.domain : null;
  // The registry's and the registrar's RDAP records each get their own row, with their own dates:
  // the registrar's expiration is the date the owner paid up to.
  const records = { rdap: recordOf(checked.evidence.rdap), rdap_registrar: recordOf(checked.evidence.rdapRegistrar) };
  const rows = checked.sources.map((s) => {
    const rdap = s.name === 'rdap' || s.name === 'rdap_registrar' ? records[s.name] : null;
    return {
      domainId,
      scanId,
      observedAt,
      source: s.name,
      statusWords: rdap ? rdap.statuses : (s.statusWords ?? null),
      parsedStage: c.stage,
      handle: rdap?.handle ?? null,
      registrar: rdap?.registrar?.name ?? null,
      registeredAt: storableDate(rdap?.registeredAt),
      expiresAt: storableDate(
        s.name === 'rdap_registrar' ? (rdap?.registrarExpiresAt ?? rdap?.expiresAt) : rdap?.expiresAt,
      ),
      deletionAt: storableDate(rdap?.deletionAt),
      evidence: c.evidence,
      error: s.ok ? null : `${s.error?.code}: ${s.error?.message}`,
      latencyMs: s.latencyMs === null ? null : Math.round(s.latencyMs),
    };
  });
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
