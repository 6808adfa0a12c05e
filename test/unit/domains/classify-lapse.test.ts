import { describe, expect, it } from 'vitest';
import { classify } from '@/lib/domains/classify';
import { ctx, decidedOf, inDays, noteCodes, stageOf } from './classify-setup';
import { dns, failed, registered, status } from './evidence-builders';
import { d, rdapDomain, rdapFixture } from './helpers';

// Rules 4–8 of the classification contract (the lapse, in order of precedence), the reviewer notes,
// and the classification fields on recorded responses.

describe('rules 4–8: the lapse', () => {
  const withStatuses = (statuses: string[], over: Parameters<typeof rdapDomain>[0] = {}) => ({
    rdap: registered(rdapDomain({ statuses, ...over })),
  });

  it('4: redemption period beside pending delete → redemption', () => {
    const c = classify(withStatuses(['redemption period', 'pending delete']), ctx());
    expect(c.stage).toBe('redemption');
    expect(decidedOf(c)?.code).toBe('status_redemption_period');
  });
  it('4: pending restore → redemption', () =>
    expect(stageOf(withStatuses(['pending restore', 'pending delete']))).toBe('redemption'));
  it('4: camelCase from the parser is already normalised', () =>
    expect(stageOf(withStatuses(['redemption period']))).toBe('redemption'));

  it('5: pending delete alone → pending_delete', () =>
    expect(stageOf(withStatuses(['pending delete']))).toBe('pending_delete'));
  it('5: status word deleting → pending_delete', () => {
    const c = classify({ rdap: registered(rdapDomain()), status: status('active deleting') }, ctx());
    expect(c.stage).toBe('pending_delete');
    expect(decidedOf(c)).toMatchObject({ code: 'status_deleting', source: 'fastly' });
    expect(stageOf({ rdap: failed(), status: status('deleting') })).toBe('pending_delete');
  });

  it('6: auto renew period → grace', () =>
    expect(stageOf(withStatuses(['auto renew period'], { expiresAt: inDays(300) }))).toBe('grace'));
  it('6: status word expiring → grace', () =>
    expect(stageOf({ rdap: registered(rdapDomain()), status: status('active expiring') })).toBe('grace'));
  it('6: expiration passed → grace, noted once', () => {
    const c = classify(withStatuses([], { expiresAt: inDays(-1) }), ctx());
    expect(c.stage).toBe('grace');
    expect(decidedOf(c)?.code).toBe('expiration_passed');
    expect(noteCodes(c)).not.toContain('expiration_passed');
  });

  it('7: expiration within the warning window → expiring', () => {
    expect(stageOf(withStatuses([], { expiresAt: inDays(10) }))).toBe('expiring');
    expect(stageOf(withStatuses([], { expiresAt: inDays(30) }))).toBe('expiring');
    expect(stageOf(withStatuses([], { expiresAt: inDays(31) }))).toBe('active');
    expect(stageOf(withStatuses([], { expiresAt: inDays(45) }), { warningWindowDays: 60 })).toBe('expiring');
  });

  it('8: registered → active', () => {
    const c = classify(withStatuses(['client transfer prohibited']), ctx());
    expect(c.stage).toBe('active');
    expect(decidedOf(c)?.code).toBe('rdap_registered');
  });

  it.each([['add period'], ['renew period'], ['transfer period']])('%s is not a lapse', (grace) => {
    expect(stageOf(withStatuses(['active', grace]))).toBe('active');
  });

  it('RDAP "inactive" means no name servers, not available', () => {
    const c = classify(withStatuses(['inactive']), ctx());
    expect(c.stage).toBe('active');
    expect(noteCodes(c)).toContain('undelegated');
  });

  it('a FAR_FUTURE expiry never warns', () => {
    const far = rdapFixture('nomulus-test_cat.lol.json');
    expect(stageOf({ rdap: registered({ ...far, expiresAt: new Date(8.64e15) }) })).toBe('active');
  });

  it('precedence: pending delete + redemption + auto renew + expired → redemption', () => {
    expect(
      stageOf(withStatuses(['auto renew period', 'pending delete', 'redemption period'], { expiresAt: inDays(-40) })),
    ).toBe('redemption');
  });
  it('precedence: pending delete + expiring word → pending_delete', () => {
    expect(
      stageOf({ rdap: registered(rdapDomain({ statuses: ['pending delete'] })), status: status('expiring') }),
    ).toBe('pending_delete');
  });
});

describe('notes', () => {
  it('on hold, for sale, no MX, transfer after verification, registrar change, expiration passed', () => {
    const rdap = rdapDomain({
      statuses: ['client hold', 'redemption period', 'pending delete'],
      expiresAt: inDays(-50),
      transferredAt: d('2025-12-01T00:00:00Z'),
      registrar: { name: 'DropCatch.com 1 LLC', ianaId: '1000', handle: '1000' },
    });
    const c = classify(
      { rdap: registered(rdap), status: status('marketed priced active'), dns: dns({ mx: [] }) },
      ctx({ verifiedAt: d('2025-01-01T00:00:00Z'), previousRegistrar: 'Example Registrar, Inc.' }),
    );
    expect(c.stage).toBe('redemption');
    expect(noteCodes(c)).toEqual([
      'on_hold',
      'for_sale',
      'no_mx',
      'transferred_after_verification',
      'registrar_changed',
      'expiration_passed',
    ]);
  });

  it('server hold and NXDOMAIN on a registered domain are notes, not a stage', () => {
    const c = classify(
      { rdap: registered(rdapDomain({ statuses: ['server hold'] })), dns: dns({ nxdomain: true }) },
      ctx(),
    );
    expect(c.stage).toBe('active');
    expect(noteCodes(c)).toEqual(['on_hold', 'nxdomain']);
  });

  it('same registrar (any case) and a transfer before verification are not noted', () => {
    const c = classify(
      { rdap: registered(rdapDomain({ transferredAt: d('2020-01-01T00:00:00Z') })) },
      ctx({ verifiedAt: d('2024-01-01T00:00:00Z'), previousRegistrar: 'EXAMPLE REGISTRAR, INC.' }),
    );
    expect(noteCodes(c)).toEqual([]);
  });

  it('an inconclusive status answer beside RDAP is noted', () => {
    const c = classify({ rdap: registered(rdapDomain()), status: status('unknown') }, ctx());
    expect(c.stage).toBe('active');
    expect(noteCodes(c)).toEqual(['status_inconclusive']);
  });
});

describe('classification fields, on recorded responses', () => {
  it('google.com from Verisign, checked the day it was captured', () => {
    const c = classify(
      { rdap: registered(rdapFixture('verisign_google.com_2024-07-29.json')) },
      { now: d('2024-07-29T17:23:53Z') },
    );
    expect(c).toMatchObject({
      stage: 'active',
      handle: '2138514_DOMAIN_COM-VRSN',
      registeredAt: d('1997-09-15T04:00:00Z'),
      expiresAt: d('2028-09-14T04:00:00Z'),
      registrar: 'MarkMonitor Inc.',
    });
    expect(c.timeline.expiresAt).toEqual({ at: '2028-09-14T04:00:00.000Z', kind: 'stated' });
  });

  it('themarquetry.com, one-year registration, checked two weeks before expiry', () => {
    const c = classify(
      { rdap: registered(rdapFixture('verisign_themarquetry.com_2022-01-20.json')) },
      { now: d('2022-03-02T00:00:00Z') },
    );
    expect(c.stage).toBe('expiring');
  });

  it('nomulus renew.lol (renew period) checked in 2000 is active, in 2002 it has expired', () => {
    const rdap = registered(rdapFixture('nomulus-test_renew.lol.json'));
    expect(classify({ rdap }, { now: d('2000-01-01T00:00:00Z') }).stage).toBe('active');
    expect(classify({ rdap }, { now: d('2002-01-01T00:00:00Z') }).stage).toBe('grace');
  });
});
