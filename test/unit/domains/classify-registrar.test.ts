import { describe, expect, it } from 'vitest';
import { classify } from '@/lib/domains/classify';
import type { Evidence, RdapDomain } from '@/core/domains';
import { decidedOf, noteCodes } from './classify-setup';
import { failed } from './evidence-builders';
import { d, rdapFixture } from './helpers';

// The registrar's record beside the registry's, from the pair recorded in the same minute:
// Verisign's thin .com answer for google.com and MarkMonitor's (its registrar) answer for it.
// Where a lapse is needed, the registry side is moved a year ahead, as an auto-renewal does.

const registry = rdapFixture('verisign_google.com_2024-07-29.json');
const registrar = rdapFixture('markmonitor_google.com_2024-07-29.json');
const REGISTRY_EXPIRY = '2028-09-14T04:00:00.000Z';
const PAID_UP_TO = '2028-09-13T07:00:00.000Z';

const evidence = (reg: RdapDomain, rar: RdapDomain | null): Evidence => ({
  rdap: { ok: true, value: { kind: 'registered', domain: reg } },
  ...(rar ? { rdapRegistrar: { ok: true, value: { kind: 'registered', domain: rar } } } : {}),
});
/** What Verisign shows after auto-renewing at expiry: the same record, one year later. */
const autoRenewed: RdapDomain = { ...registry, expiresAt: d('2029-09-14T04:00:00Z') };

describe('registry and registrar, recorded the same minute', () => {
  it('agree to within hours on the expiry: the registry’s date is the one stated', () => {
    expect(registry.expiresAt?.toISOString()).toBe(REGISTRY_EXPIRY);
    expect(registrar.expiresAt?.toISOString()).toBe(PAID_UP_TO);
    const c = classify(evidence(registry, registrar), { now: d('2024-07-29T17:23:53Z') });
    expect(c.stage).toBe('active');
    expect(c.expiresAt?.toISOString()).toBe(REGISTRY_EXPIRY);
    expect(c.evidence.filter((e) => e.source === 'rdap_registrar')).toEqual([]);
  });

  it('near the expiry the registry decides, so the stated date does not flip between the two', () => {
    const c = classify(evidence(registry, registrar), { now: d('2028-08-20T00:00:00Z') });
    expect(decidedOf(c)).toMatchObject({ code: 'expires_within_window', source: 'rdap' });
    expect(c.expiresAt?.toISOString()).toBe(REGISTRY_EXPIRY);
  });

  it('ignores the registrar entity’s own “registrar expiration” of 2020 (its accreditation, not the domain)', () => {
    expect(registrar.registrarExpiresAt).toBeNull();
    expect(classify(evidence(registry, registrar), { now: d('2024-07-29T17:23:53Z') }).stage).toBe('active');
  });
});

describe('a lapse only the registrar shows (the registry auto-renewed)', () => {
  it('the registrar’s expiry within the window: expiring, said by the registrar', () => {
    const c = classify(evidence(autoRenewed, registrar), { now: d('2028-09-01T00:00:00Z') });
    expect(c.stage).toBe('expiring');
    expect(decidedOf(c)).toMatchObject({ code: 'expires_within_window', source: 'rdap_registrar' });
    expect(c.expiresAt?.toISOString()).toBe(PAID_UP_TO);
    expect(c.timeline.expiresAt?.at).toBe(PAID_UP_TO);
  });

  it('the registrar’s expiry passed: grace, while the registry alone would say active', () => {
    const now = d('2028-09-20T00:00:00Z');
    expect(classify(evidence(autoRenewed, null), { now }).stage).toBe('active');
    const c = classify(evidence(autoRenewed, registrar), { now });
    expect(c.stage).toBe('grace');
    expect(decidedOf(c)).toMatchObject({ code: 'registrar_expiration_passed', source: 'rdap_registrar' });
    expect(c.expiresAt?.toISOString()).toBe(PAID_UP_TO);
  });

  it.each(['auto renew period', 'redemption period', 'pending delete'])(
    'a registrar status "%s": grace, never more (only the registry says who holds it)',
    (status) => {
      const c = classify(evidence(registry, { ...registrar, statuses: [status] }), { now: d('2024-07-29T17:23:53Z') });
      expect(c.stage).toBe('grace');
      expect(decidedOf(c)).toMatchObject({ code: 'registrar_status_lapse', source: 'rdap_registrar' });
    },
  );

  it('a registrar hold is a note for the reviewer', () => {
    const held = { ...registrar, statuses: [...registrar.statuses, 'client hold'] };
    const c = classify(evidence(registry, held), { now: d('2024-07-29T17:23:53Z') });
    expect(c.evidence).toContainEqual(expect.objectContaining({ code: 'on_hold', source: 'rdap_registrar' }));
  });
});

describe('a registrar record that is not the registry’s registration is not used', () => {
  it.each<[string, Partial<RdapDomain>]>([
    ['another handle', { handle: '999_DOMAIN_COM-VRSN' }],
    ['a creation date two days off', { registeredAt: d('1997-09-17T07:00:00Z') }],
  ])('%s', (_label, change) => {
    const stale = { ...registrar, ...change, expiresAt: d('2020-01-01T00:00:00Z') };
    const c = classify(evidence(registry, stale), { now: d('2024-07-29T17:23:53Z') });
    expect(c.stage).toBe('active');
    expect(noteCodes(c)).toContain('registrar_mismatch');
  });
});

describe('a registrar that failed says nothing', () => {
  it.each(['timeout', 'http', 'skipped', 'blocked_target'] as const)('%s: registry stage, with a note', (code) => {
    const c = classify(
      { rdap: { ok: true, value: { kind: 'registered', domain: registry } }, rdapRegistrar: failed(code) },
      { now: d('2024-07-29T17:23:53Z') },
    );
    expect(c.stage).toBe('active');
    expect(c.evidence).toContainEqual(expect.objectContaining({ code: 'source_error', source: 'rdap_registrar' }));
  });

  it('even when the registry failed too: unknown, never a lapse', () => {
    const c = classify(
      { rdap: failed('timeout'), rdapRegistrar: failed('timeout') },
      { now: d('2028-09-20T00:00:00Z') },
    );
    expect(c.stage).toBe('unknown');
  });
});
