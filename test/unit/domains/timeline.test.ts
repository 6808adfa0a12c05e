import { describe, expect, it } from 'vitest';
import { buildTimeline, GTLD_LIFECYCLE, lifecycleFor } from '@/lib/domains/timeline';
import { FAR_FUTURE } from '@/core/domains';
import { d, rdapDomain, rdapFixture } from './helpers';

const NOW = { now: d('2026-01-15T12:00:00Z') };
const stated = (at: string) => ({ at, kind: 'stated' });
const estimated = (at: string) => ({ at, kind: 'estimated' });

describe('buildTimeline', () => {
  it('gTLD: 45 days grace, 30 redemption, 5 pending delete after the stated expiry', () => {
    const rdap = rdapDomain({ registeredAt: d('2015-03-01T10:00:00Z'), expiresAt: d('2026-03-01T10:00:00Z') });
    expect(buildTimeline(rdap, 'active', NOW)).toEqual({
      registeredAt: stated('2015-03-01T10:00:00.000Z'),
      expiresAt: stated('2026-03-01T10:00:00.000Z'),
      graceEndsAt: estimated('2026-04-15T10:00:00.000Z'),
      redemptionEndsAt: estimated('2026-05-15T10:00:00.000Z'),
      deletionAt: estimated('2026-05-20T10:00:00.000Z'),
    });
  });

  it('a deletion event is a stated deletion date', () => {
    const rdap = rdapDomain({ expiresAt: d('2026-03-01T10:00:00Z'), deletionAt: d('2026-05-02T00:00:00Z') });
    expect(buildTimeline(rdap, 'redemption', { now: d('2026-04-20T00:00:00Z') }).deletionAt).toEqual(
      stated('2026-05-02T00:00:00.000Z'),
    );
  });

  it('.uk: no redemption; cancelled about 90 days after expiry', () => {
    const timeline = buildTimeline(rdapFixture('nominet_bbc.co.uk_2026-10-05.json'), 'active', NOW);
    expect(timeline).toEqual({
      registeredAt: stated('1994-12-13T03:49:48.000Z'),
      expiresAt: stated('2034-12-13T03:49:48.000Z'),
      graceEndsAt: estimated('2035-03-13T03:49:48.000Z'),
      redemptionEndsAt: null,
      deletionAt: estimated('2035-03-13T03:49:48.000Z'),
    });
  });

  it('.eu / .be / .nl: 40 days of quarantine', () => {
    const timeline = buildTimeline(
      rdapDomain({ ldhName: 'example.eu', expiresAt: d('2026-03-01T00:00:00Z') }),
      'active',
      NOW,
    );
    expect(timeline.redemptionEndsAt).toEqual(estimated('2026-04-10T00:00:00.000Z'));
    expect(timeline.deletionAt).toEqual(estimated('2026-04-10T00:00:00.000Z'));
    expect(lifecycleFor('example.nl')).toEqual(lifecycleFor('example.be'));
  });

  it('uses gTLD periods for other TLDs, and does not read prototype keys as TLDs', () => {
    expect(lifecycleFor('example.com')).toBe(GTLD_LIFECYCLE);
    expect(lifecycleFor('example.constructor')).toBe(GTLD_LIFECYCLE);
    expect(lifecycleFor('nouk')).toBe(GTLD_LIFECYCLE);
  });

  it('invents nothing without a stated expiry', () => {
    const rdap = rdapDomain({ expiresAt: null });
    expect(buildTimeline(rdap, 'active', NOW)).toEqual({
      registeredAt: stated('2015-03-01T10:00:00.000Z'),
      expiresAt: null,
      graceEndsAt: null,
      redemptionEndsAt: null,
      deletionAt: null,
    });
    const ripe = buildTimeline(rdapFixture('ripe_6.0.193.in-addr.arpa_2020.json'), 'active', NOW);
    expect(Object.values(ripe).every((v) => v === null)).toBe(true);
    expect(Object.values(buildTimeline(null, 'unknown', NOW)).every((v) => v === null)).toBe(true);
  });

  it('derives nothing from a FAR_FUTURE expiry', () => {
    const timeline = buildTimeline(rdapDomain({ expiresAt: new Date(FAR_FUTURE.getTime()) }), 'active', NOW);
    expect(timeline.expiresAt).toEqual(stated(FAR_FUTURE.toISOString()));
    expect([timeline.graceEndsAt, timeline.redemptionEndsAt, timeline.deletionAt]).toEqual([null, null, null]);
  });

  it('projects nothing for a new holder’s registration', () => {
    const timeline = buildTimeline(rdapDomain(), 're_registered', NOW);
    expect(timeline.expiresAt).not.toBeNull();
    expect([timeline.graceEndsAt, timeline.redemptionEndsAt, timeline.deletionAt]).toEqual([null, null, null]);
  });

  it('drops estimates the stage has outlived (registry not following the standard periods)', () => {
    const expired100 = rdapDomain({ expiresAt: d('2025-10-07T12:00:00Z') }); // 100 days before NOW
    const inRedemption = buildTimeline(expired100, 'redemption', NOW);
    expect(inRedemption.graceEndsAt).toEqual(estimated('2025-11-21T12:00:00.000Z'));
    expect(inRedemption.redemptionEndsAt).toBeNull();
    expect(inRedemption.deletionAt).toBeNull();

    const expired50 = rdapDomain({ expiresAt: d('2025-11-26T12:00:00Z') }); // 50 days before NOW
    const inGrace = buildTimeline(expired50, 'grace', NOW);
    expect([inGrace.graceEndsAt, inGrace.redemptionEndsAt, inGrace.deletionAt]).toEqual([null, null, null]);
    // The same dates stay as estimates while the stage is consistent with them.
    expect(buildTimeline(expired50, 'redemption', NOW).redemptionEndsAt).toEqual(estimated('2026-02-09T12:00:00.000Z'));
  });
});
