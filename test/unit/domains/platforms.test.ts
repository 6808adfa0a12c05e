import { describe, expect, it } from 'vitest';
import { classify } from '@/lib/domains/classify';
import { PLATFORM_IDS, PLATFORMS, platformOf } from '@/lib/domains/rdap/platforms';
import type { ClassifyContext, Evidence, RdapDomain } from '@/core/domains';
import { fixtureJson, rdapFixture } from './helpers';

// The registry-platform table (lib/domains/rdap/platforms.ts), row by row, against the recorded
// answers each row cites: every claim in the table must hold for them, and an owner's renewal on
// each platform must never read as someone else's registration.

const DAY = 86_400_000;
const answer = (domain: RdapDomain, url?: string): Evidence => ({
  rdap: { ok: true, value: { kind: 'registered', domain, ...(url ? { url } : {}) } },
});
const eventActions = (file: string) =>
  ((fixtureJson(`rdap/${file}`) as { events?: { eventAction: string }[] }).events ?? []).map((e) =>
    e.eventAction.toLowerCase(),
  );

describe.each(PLATFORM_IDS)('platform %s', (id) => {
  const row = PLATFORMS[id];

  it.each(row.fixtures)('%s: recognised from its own self link, and every claim of the row holds', (file) => {
    const rdap = rdapFixture(file);
    expect(platformOf(null, rdap.selfLink)).toBe(id);
    // The URL that answered wins over the self link (the local protocol server serves recorded answers).
    expect(platformOf(`https://${row.hosts[0]}/domain/${rdap.ldhName}`, 'https://elsewhere.example/x')).toBe(id);
    if (row.registrationEvent) expect(rdap.registeredAt).not.toBeNull();
    if (row.expirationEvent) expect(rdap.expiresAt).not.toBeNull();
    if (!row.handleIsRoid) expect(rdap.handle).toBe(rdap.ldhName);
    if (row.thin) expect(rdap.relatedLinks).toHaveLength(1);
    if (row.reregistration === 'not_written') expect(eventActions(file)).not.toContain('reregistration');
  });

  it.each(row.fixtures)('%s: a check after the owner verified, same registration: never re_registered', (file) => {
    const rdap = rdapFixture(file);
    const registeredAt = rdap.registeredAt ?? new Date('2000-01-01T00:00:00Z');
    const ctx: ClassifyContext = {
      // Right after the answer was given (its registration + 2 years, or its expiry − 60 days).
      now: new Date(Math.min(registeredAt.getTime() + 730 * DAY, (rdap.expiresAt?.getTime() ?? Infinity) - 60 * DAY)),
      verifiedAt: new Date(registeredAt.getTime() + 30 * DAY),
      previousRegisteredAt: registeredAt,
      previousHandle: rdap.handle,
    };
    const c = classify(answer(rdap), ctx);
    expect(c.stage).not.toBe('re_registered');
    expect(c.registeredAt).toEqual(rdap.registeredAt);
  });
});

describe('Nomulus writes "reregistration" for renewals (google-registry_bugatti.app_2022-01-21.json)', () => {
  const bugatti = rdapFixture('google-registry_bugatti.app_2022-01-21.json');
  const now = new Date('2022-01-21T14:16:59Z');
  // The owner verified between the creation (2019-07-29) and the renewal event (2021-07-21).
  const verifiedAt = new Date('2020-05-01T00:00:00Z');

  it('the recorded answer has a reregistration event under the creation ROID', () => {
    expect(bugatti.reregisteredAt?.toISOString()).toBe('2021-07-21T17:17:18.925Z');
    expect(bugatti.registeredAt?.toISOString()).toBe('2019-07-29T00:48:50.113Z');
  });

  it('is read as a renewal: active, the registration date is the creation, and a note says why', () => {
    const c = classify(answer(bugatti), { now, verifiedAt });
    expect(c.stage).toBe('active');
    expect(c.registeredAt?.toISOString()).toBe('2019-07-29T00:48:50.113Z');
    expect(c.evidence).toContainEqual(
      expect.objectContaining({ kind: 'note', code: 'renewal_event', message: expect.stringContaining('Nomulus') }),
    );
  });

  it('from a server not in the table: an unchanged handle and an older creation still make it a renewal', () => {
    const anonymous = { ...bugatti, selfLink: null };
    const c = classify(answer(anonymous), { now, verifiedAt, previousHandle: '3B81EADC3-APP' });
    expect(c.stage).toBe('active');
    expect(c.evidence.some((e) => e.code === 'renewal_event')).toBe(true);
  });

  it('from a server not in the table, with nothing to compare: RFC 9083 says a new registration', () => {
    const anonymous = { ...bugatti, selfLink: null };
    expect(classify(answer(anonymous), { now, verifiedAt }).stage).toBe('re_registered');
    // A new handle is a new registration wherever the answer comes from.
    expect(classify(answer(bugatti), { now, verifiedAt, previousHandle: 'OTHER-APP' }).stage).toBe('re_registered');
  });

  it('a creation after the verification is a new registration, renewal events or not', () => {
    const fresh = { ...bugatti, registeredAt: new Date('2021-07-21T17:17:18.925Z') };
    expect(classify(answer(fresh), { now, verifiedAt }).stage).toBe('re_registered');
  });
});

describe('FRED (.cz): the handle is the domain name, so it proves nothing', () => {
  it('a reregistration event with the same "handle" is a new registration', () => {
    const cz = { ...rdapFixture('cznic_nic.cz_2020.json'), reregisteredAt: new Date('2020-03-01T00:00:00Z') };
    const ctx = { now: new Date('2020-06-01T00:00:00Z'), verifiedAt: new Date('2019-01-01T00:00:00Z') };
    expect(classify(answer(cz), { ...ctx, previousHandle: 'nic.cz' }).stage).toBe('re_registered');
    // The same answer from a ROID platform with an unchanged ROID would be a renewal.
    const roid = { ...cz, selfLink: 'https://rdap.nic.fr/domain/nic.cz', handle: 'DOM1-FRNIC' };
    expect(classify(answer(roid), { ...ctx, previousHandle: 'DOM1-FRNIC' }).stage).toBe('active');
  });
});
