import { describe, expect, it } from 'vitest';
import { classify } from '@/lib/domains/classify';
import type { Evidence } from '@/core/domains';
import { ctx, decidedOf, inDays, noteCodes, stageOf } from './classify-setup';
import { dns, failed, notFound, registered, status } from './evidence-builders';
import { d, rdapDomain } from './helpers';

// Rules 1–3 of the classification contract: when nothing can be concluded, when the domain is free,
// and when someone else holds it now.

describe('rule 1: no usable evidence → unknown', () => {
  it.each<[string, Evidence]>([
    ['no sources at all', {}],
    [
      'every source failed',
      { rdap: failed('timeout'), status: { ...failed('provider_error'), provider: 'domainr' }, dns: failed('network') },
    ],
    ['status said only unknown', { status: status('unknown') }],
    ['status said only undelegated (Domainr’s timeout answer)', { status: status('undelegated') }],
    ['RDAP TLD unsupported and status unknown', { rdap: failed('unsupported_tld'), status: status('unknown') }],
    [
      'RDAP rate limited, status malformed',
      { rdap: failed('rate_limited'), status: { ...failed('malformed'), provider: 'fastly' } },
    ],
  ])('%s', (_label, evidence) => {
    const c = classify(evidence, ctx());
    expect(c.stage).toBe('unknown');
    expect(decidedOf(c)?.code).toBe('no_usable_evidence');
  });

  it('never concludes from DNS alone, even NXDOMAIN: unknown with the DNS facts as notes', () => {
    const c = classify({ rdap: failed('timeout'), dns: dns({ nxdomain: true, mx: [], nameservers: [] }) }, ctx());
    expect(c.stage).toBe('unknown');
    expect(decidedOf(c)).toMatchObject({ code: 'dns_only', source: 'dns' });
    expect(noteCodes(c)).toEqual(['source_error', 'nxdomain']);
  });

  it('records each failed source as a note', () => {
    const c = classify(
      { rdap: failed('timeout'), status: { ...failed('provider_error'), provider: 'domainr' }, dns: failed('network') },
      ctx(),
    );
    expect(c.evidence.filter((e) => e.code === 'source_error').map((e) => e.source)).toEqual([
      'rdap',
      'domainr',
      'dns',
    ]);
  });
});

describe('rule 2: available', () => {
  it('RDAP 404', () => {
    const c = classify({ rdap: notFound }, ctx());
    expect(c.stage).toBe('available');
    expect(decidedOf(c)).toMatchObject({ code: 'rdap_not_found', source: 'rdap' });
    expect(c).toMatchObject({ handle: null, registeredAt: null, expiresAt: null, registrar: null });
  });

  it('RDAP error + status "undelegated inactive"', () => {
    const c = classify({ rdap: failed('timeout'), status: status('undelegated inactive', 'domainr') }, ctx());
    expect(c.stage).toBe('available');
    expect(decidedOf(c)).toMatchObject({ code: 'status_available', source: 'domainr' });
  });

  it('no RDAP + status "inactive"', () => expect(stageOf({ status: status('inactive') })).toBe('available'));

  it('RDAP registered + status "inactive": RDAP wins, the disagreement is noted', () => {
    const c = classify({ rdap: registered(rdapDomain()), status: status('undelegated inactive') }, ctx());
    expect(c.stage).toBe('active');
    expect(noteCodes(c)).toContain('sources_disagree');
  });

  it('RDAP 404 + status "active": available, disagreement noted', () => {
    const c = classify({ rdap: notFound, status: status('active') }, ctx());
    expect(c.stage).toBe('available');
    expect(noteCodes(c)).toContain('sources_disagree');
  });

  it('"undelegated active" is registered, not available', () => {
    const c = classify({ status: status('undelegated active') }, ctx());
    expect(c.stage).toBe('active');
    expect(decidedOf(c)?.code).toBe('status_registered');
    expect(noteCodes(c)).toContain('undelegated');
  });

  it('beats re_registered', () => {
    expect(stageOf({ rdap: notFound }, { previousHandle: 'OLD', verifiedAt: d('2020-01-01T00:00:00Z') })).toBe(
      'available',
    );
  });
});

describe('rule 3: re_registered', () => {
  const rdap = (over: Parameters<typeof rdapDomain>[0] = {}) => ({ rdap: registered(rdapDomain(over)) });
  const regAt = d('2025-06-01T00:00:00Z');

  it('registration after verification', () => {
    const c = classify(rdap({ registeredAt: regAt }), ctx({ verifiedAt: d('2025-05-01T00:00:00Z') }));
    expect(c.stage).toBe('re_registered');
    expect(decidedOf(c)?.code).toBe('registration_after_verification');
  });

  it('registration later than the one seen before', () => {
    const c = classify(rdap({ registeredAt: regAt }), ctx({ previousRegisteredAt: d('2015-03-01T10:00:00Z') }));
    expect(decidedOf(c)?.code).toBe('registration_changed');
  });

  it('equal registration dates are the same registration', () => {
    expect(stageOf(rdap({ registeredAt: regAt }), { previousRegisteredAt: regAt, verifiedAt: regAt })).toBe('active');
  });

  it('an earlier registration date is not a re-registration', () => {
    expect(stageOf(rdap({ registeredAt: regAt }), { previousRegisteredAt: d('2025-07-01T00:00:00Z') })).toBe('active');
  });

  it('tolerates hours of clock disagreement (registry vs registrar, zone-less dates), by default 24 h', () => {
    expect(
      stageOf(rdap({ registeredAt: regAt }), { previousRegisteredAt: new Date(regAt.getTime() - 3 * 3_600_000) }),
    ).toBe('active');
    expect(stageOf(rdap({ registeredAt: regAt }), { verifiedAt: new Date(regAt.getTime() - 23 * 3_600_000) })).toBe(
      'active',
    );
    expect(stageOf(rdap({ registeredAt: regAt }), { verifiedAt: new Date(regAt.getTime() - 25 * 3_600_000) })).toBe(
      're_registered',
    );
  });

  it('compares strictly later when the tolerance is 0', () => {
    expect(stageOf(rdap({ registeredAt: regAt }), { previousRegisteredAt: regAt, registrationToleranceMs: 0 })).toBe(
      'active',
    );
    expect(
      stageOf(rdap({ registeredAt: regAt }), {
        previousRegisteredAt: new Date(regAt.getTime() - 1),
        registrationToleranceMs: 0,
      }),
    ).toBe('re_registered');
  });

  it('a different registry handle, compared case-insensitively', () => {
    const c = classify(rdap({ handle: 'NEW-ROID' }), ctx({ previousHandle: 'OLD-ROID' }));
    expect(c.stage).toBe('re_registered');
    expect(decidedOf(c)?.code).toBe('handle_changed');
    expect(stageOf(rdap({ handle: 'abc-vrsn' }), { previousHandle: 'ABC-VRSN' })).toBe('active');
  });

  it('an unknown handle on either side is no comparison', () => {
    expect(stageOf(rdap({ handle: 'NEW' }), { previousHandle: null })).toBe('active');
    expect(stageOf(rdap({ handle: null }), { previousHandle: 'OLD' })).toBe('active');
  });

  it('a reregistration event counts as the current registration', () => {
    const c = classify(rdap({ reregisteredAt: regAt }), ctx({ verifiedAt: d('2024-01-01T00:00:00Z') }));
    expect(c.stage).toBe('re_registered');
    expect(c.registeredAt).toEqual(regAt);
  });

  it('ignores a registration date in the future (a registry error, not a new holder)', () => {
    expect(stageOf(rdap({ registeredAt: inDays(400) }), { verifiedAt: d('2024-01-01T00:00:00Z') })).toBe('active');
  });

  it('beats redemption', () => {
    expect(
      stageOf(rdap({ handle: 'NEW', statuses: ['redemption period', 'pending delete'] }), { previousHandle: 'OLD' }),
    ).toBe('re_registered');
  });
});
