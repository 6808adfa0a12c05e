import { classify } from '@/lib/domains/classify';
import { parseRdapDomain } from '@/lib/domains/rdap/parse';
import type { Classification, Evidence } from '@/core/domains';
import type { DomainRecord } from '@/dev/peers/protocol-server/dataset';
import { rdapDomainBody } from '@/dev/peers/protocol-server/rdap-template';

/**
 * The stage the engine gives a demo record, read through the real RDAP parser and classifier (the
 * same response the local protocol server would send), so seeded stages agree with the first scan.
 */
export function classifyDemoRecord(record: DomainRecord, now: Date): Classification {
  const evidence: Evidence = {
    status: {
      ok: true,
      value: { domain: record.name, zone: record.name.split('.').slice(1).join('.'), words: record.statusWords },
    },
  };
  if (record.rdap) {
    const parsed = parseRdapDomain(JSON.parse(rdapDomainBody(record, 'http://seed.invalid/rdap/', now).body));
    if (parsed.ok) evidence.rdap = { ok: true, value: { kind: 'registered', domain: parsed.value } };
  } else {
    evidence.rdap = { ok: true, value: { kind: 'not_found' } };
  }
  return classify(evidence, {
    now,
    verifiedAt: record.verifiedAt ? new Date(record.verifiedAt) : null,
    previousRegisteredAt: record.previous ? new Date(record.previous.registeredAt) : null,
    previousHandle: record.previous?.handle ?? null,
  });
}
