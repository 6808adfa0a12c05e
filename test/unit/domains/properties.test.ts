import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '@/lib/domains/classify';
import { parseRdapDate } from '@/lib/domains/dates';
import { normalizeAddress, normalizeEmailDomain, registrableDomainOf } from '@/lib/domains/normalize';
import { parseRdapDomain } from '@/lib/domains/rdap/parse';
import { parseDomainrStatus, parseFastlyStatus } from '@/lib/domains/status/parse';
import { type ClassifyContext, type Evidence, type RdapDomain, STAGES } from '@/core/domains';
import { failed, notFound, registered } from './evidence-builders';
import { fixtureJson } from './helpers';

const RUNS = { numRuns: 300 };

/** Arbitrary JSON, arbitrary JS values, and RDAP-shaped objects with arbitrary members. */
const anyBody = fc.oneof(
  fc.json().map((text) => JSON.parse(text) as unknown),
  fc.anything(),
  fc.record(
    {
      objectClassName: fc.oneof(fc.constant('domain'), fc.jsonValue()),
      ldhName: fc.oneof(fc.domain(), fc.jsonValue()),
      status: fc.oneof(fc.array(fc.oneof(fc.string(), fc.jsonValue())), fc.jsonValue()),
      events: fc.array(
        fc.record({
          eventAction: fc.oneof(fc.constantFrom('registration', 'expiration', 'transfer'), fc.jsonValue()),
          eventDate: fc.oneof(fc.string(), fc.jsonValue()),
        }),
      ),
      entities: fc.array(
        fc.record({
          roles: fc.jsonValue(),
          vcardArray: fc.jsonValue(),
          publicIds: fc.jsonValue(),
          handle: fc.jsonValue(),
        }),
      ),
      nameservers: fc.jsonValue(),
      links: fc.jsonValue(),
      domain: fc.oneof(fc.domain(), fc.jsonValue()),
      errors: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('parsers never throw', () => {
  it('parseRdapDomain', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = parseRdapDomain(body);
        if (!result.ok) expect(result.error.code).toBe('malformed');
      }),
      RUNS,
    );
  });

  it('parseRdapDomain on a recorded response with one member replaced by anything', () => {
    const base = fixtureJson('rdap/markmonitor_google.com_2024-07-29.json') as Record<string, unknown>;
    const keys = Object.keys(base);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
        parseRdapDomain({ ...base, [key]: value });
      }),
      RUNS,
    );
  });

  it('status parsers', () => {
    fc.assert(
      fc.property(anyBody, fc.string(), (body, domain) => {
        for (const result of [parseDomainrStatus(body, domain), parseFastlyStatus(body, domain)]) {
          if (!result.ok) expect(['malformed', 'provider_error']).toContain(result.error.code);
          else expect(result.value.words.every((w) => w === w.toLowerCase() && w.trim() === w && w !== '')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('parseRdapDate', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.anything(),
          fc.date().map((x) => (Number.isNaN(x.getTime()) ? '' : x.toISOString())),
        ),
        (value) => {
          const date = parseRdapDate(value);
          expect(date === null || !Number.isNaN(date.getTime())).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('normalizeEmailDomain never throws', () => {
  const hostish = fc
    .array(
      fc.constantFrom(
        'a',
        'B',
        '0',
        '-',
        '.',
        '@',
        'xn--',
        'ß',
        'ẞ',
        'ü',
        '。',
        '[',
        ']',
        '%',
        '_',
        ' ',
        '\u200d',
        '日本',
        'com',
        'uk',
        'co',
        ':',
      ),
      {
        maxLength: 30,
      },
    )
    .map((parts) => parts.join(''));

  it.each([
    ['fc.string()', fc.string()],
    ['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 80 })],
    ['binary (any code point) strings', fc.string({ unit: 'binary', maxLength: 80 })],
    ['host-like strings', hostish],
    ['email-like strings', fc.tuple(hostish, hostish).map(([a, b]) => `${a}@${b}`)],
  ] as const)('%s', (_label, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (input: string) => {
        const email = normalizeEmailDomain(input);
        registrableDomainOf(input);
        normalizeAddress(input);
        if (email.ok) {
          // Whatever is accepted is canonical: normalising it again changes nothing.
          expect(normalizeEmailDomain(email.address)).toEqual(email);
          expect(email.host.endsWith(email.registrableDomain)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('accepts every generated e-mail address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const result = normalizeEmailDomain(address);
        // Refusals of a valid RFC 5322 address: the Public Suffix List (x@3.pg under *.pg), the
        // 254-octet path limit, and "%" / "!" (source routing) in the local part.
        const routed = /[%!]/.test(address.slice(0, address.indexOf('@')));
        if (!result.ok)
          expect(routed ? 'invalid_local_part' : ['public_suffix', 'address_too_long']).toContain(result.error.code);
      }),
      RUNS,
    );
  });
});

describe('classify', () => {
  const date = fc.date({
    min: new Date('1985-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const rdapDomainArb: fc.Arbitrary<RdapDomain> = fc.record({
    ldhName: fc.domain(),
    unicodeName: fc.constant(null),
    handle: fc.option(fc.string()),
    statuses: fc.subarray([
      'active',
      'inactive',
      'redemption period',
      'pending restore',
      'pending delete',
      'auto renew period',
      'client hold',
      'server hold',
      'add period',
      'renew period',
      'transfer period',
    ]),
    registeredAt: fc.option(date),
    expiresAt: fc.option(fc.oneof(date, fc.constant(new Date(8.64e15)))),
    lastChangedAt: fc.option(date),
    transferredAt: fc.option(date),
    deletionAt: fc.option(date),
    registrarExpiresAt: fc.option(date),
    registrar: fc.option(
      fc.record({ name: fc.option(fc.string()), ianaId: fc.option(fc.string()), handle: fc.option(fc.string()) }),
    ),
    nameservers: fc.array(fc.domain(), { maxLength: 3 }),
    relatedLinks: fc.constant([]),
  });
  const words = fc.subarray([
    'active',
    'inactive',
    'undelegated',
    'unknown',
    'expiring',
    'deleting',
    'marketed',
    'priced',
    'transferable',
    'parked',
    'zone',
    'tld',
    'reserved',
  ]);
  const errorCode = fc.constantFrom(
    'timeout',
    'network',
    'http',
    'rate_limited',
    'malformed',
    'unsupported_tld',
    'provider_error',
    'not_configured' as const,
  );
  const failure = errorCode.map((code) => failed(code));
  const dnsArb = fc.option(
    fc.oneof(
      failure,
      fc.record({
        ok: fc.constant(true as const),
        value: fc.record({ nxdomain: fc.boolean(), nameservers: fc.array(fc.domain()), mx: fc.array(fc.domain()) }),
      }),
    ),
    { nil: undefined },
  );
  const ctxArb: fc.Arbitrary<ClassifyContext> = fc.record(
    {
      now: date,
      verifiedAt: fc.option(date),
      previousRegisteredAt: fc.option(date),
      previousHandle: fc.option(fc.string()),
      previousRegistrar: fc.option(fc.string()),
      warningWindowDays: fc.integer({ min: 0, max: 365 }),
    },
    { requiredKeys: ['now'] },
  );
  const evidenceArb: fc.Arbitrary<Evidence> = fc.record(
    {
      rdap: fc.oneof(failure, fc.constant(notFound), rdapDomainArb.map(registered)),
      status: fc.oneof(
        failure.map((f) => ({ ...f, provider: 'domainr' as const })),
        words.map((w) => ({ ok: true as const, value: { domain: 'example.com', zone: null, words: w } })),
      ),
      dns: dnsArb,
    },
    { requiredKeys: [] },
  );

  it('never throws and always answers one stage with exactly one deciding line', () => {
    fc.assert(
      fc.property(evidenceArb, ctxArb, (evidence, ctx) => {
        const c = classify(evidence, ctx);
        expect(STAGES).toContain(c.stage);
        expect(c.evidence.filter((e) => e.kind === 'decided')).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it('answers unknown whenever RDAP and the status API both failed or were absent, whatever DNS says', () => {
    const noAnswer = fc.record({
      rdap: fc.option(failure, { nil: undefined }),
      status: fc.option(failure, { nil: undefined }),
      dns: dnsArb,
    });
    fc.assert(
      fc.property(noAnswer, ctxArb, (evidence, ctx) => {
        const { dns, ...rest } = evidence;
        const c = classify({ ...rest, ...(dns ? { dns } : {}) } as Evidence, ctx);
        expect(c.stage).toBe('unknown');
      }),
      RUNS,
    );
  });
});
