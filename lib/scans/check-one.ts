import type { Domain } from '@/db/schema';
import type { CheckedDomain, CheckOptions, DomainChecker } from '@/lib/domains/check';
import { classify } from '@/lib/domains/classify';
import type { CheckResult } from './plan';

/** One domain of a scan batch through the checker; a check that cannot start is an error result. */
export async function checkOne(
  checker: DomainChecker,
  domain: Domain,
  verifiedAt: Date | null,
  now: () => Date,
  opts: CheckOptions = {},
): Promise<CheckResult> {
  const checkStartedAt = now();
  const ctx = {
    now: checkStartedAt,
    verifiedAt,
    previousRegisteredAt: domain.registeredAt,
    previousHandle: domain.handle,
    previousRegistrar: domain.registrar,
  };
  try {
    return { domain, checked: await checker.checkAndClassify(domain.name, ctx, opts), checkStartedAt };
  } catch (error) {
    // A check that cannot even start (e.g. a stored name the engine rejects) is an error result:
    // counted, retried with back-off, and never a reason to unverify anyone.
    const message = error instanceof Error ? error.message : String(error);
    const checked: CheckedDomain = {
      domain: domain.name,
      evidence: {},
      classification: classify({}, ctx),
      sources: [{ name: 'rdap', ok: false, error: { code: 'malformed', message }, latencyMs: null }],
    };
    return { domain, checked, checkStartedAt };
  }
}
