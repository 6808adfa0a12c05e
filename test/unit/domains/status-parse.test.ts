import { describe, expect, it } from 'vitest';
import { parseDomainrStatus, parseFastlyStatus, parseStatusAnswer, splitStatusWords } from '@/lib/domains/status/parse';
import { readStatusWords } from '@/lib/domains/status/words';
import { fixtureJson } from './helpers';

const domainr = (file: string, domain: string) => parseDomainrStatus(fixtureJson(`status/domainr/${file}`), domain);
const fastly = (file: string, domain: string) => parseFastlyStatus(fixtureJson(`status/fastly/${file}`), domain);

describe('parseDomainrStatus', () => {
  it('reads the documented example', () => {
    expect(domainr('docs-v2-status-acmecoffee.shop.json', 'acmecoffee.shop')).toEqual({
      ok: true,
      value: { domain: 'acmecoffee.shop', zone: 'shop', words: ['undelegated', 'inactive'] },
    });
  });

  it('picks the requested domain out of a multi-domain answer, by name not position', () => {
    const file = 'domainr-api-npm-test-status-multi.json';
    expect(domainr(file, 'ace.coffee')).toEqual({
      ok: true,
      value: { domain: 'ace.coffee', zone: 'coffee', words: ['undelegated', 'active'] },
    });
    expect(domainr(file, 'ACECAFE.io.')).toEqual({
      ok: true,
      value: { domain: 'acecafe.io', zone: 'io', words: ['undelegated', 'inactive'] },
    });
    expect(domainr(file, 'acecafe.com')).toMatchObject({ ok: true, value: { words: ['active'] } });
    expect(domainr(file, 'acecafe.org')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('reads warehouse’s test body without a zone', () => {
    expect(domainr('warehouse-test-200-undelegated-inactive.json', 'example.com')).toEqual({
      ok: true,
      value: { domain: 'example.com', zone: null, words: ['undelegated', 'inactive'] },
    });
  });

  it.each([
    ['warehouse-test-200-errors-unknown-zone.json', 'example.ocm', 'unknown zone: ocm'],
    ['docs-auth-401-invalid-client-id.json', 'example.com', 'invalid client ID'],
    ['wiki-v2-preview-error-message.json', 'example.com', 'Too legit to quit.'],
  ])('%s is a provider error', (file, domain, text) => {
    const parsed = domainr(file, domain);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('provider_error');
    expect(parsed.error.message).toContain(text);
  });

  it.each([
    ['not an object', 'status'],
    ['status not a list', { status: 'active' }],
    ['empty list, no error', { status: [] }],
    ['entry without status', { status: [{ domain: 'example.com' }] }],
    ['status of the wrong type', { status: [{ domain: 'example.com', status: ['active'] }] }],
  ])('%s is malformed', (_label, body) => {
    expect(parseDomainrStatus(body, 'example.com')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });
});

describe('parseFastlyStatus', () => {
  it.each([
    ['go-fastly-200-undelegated-inactive.json', 'fastly-sdk-gofastly-testing.com', 'com', ['undelegated', 'inactive']],
    ['go-fastly-200-estimate-undelegated.json', 'fastly-sdk-gofastly-testing.com', 'com', ['undelegated']],
    [
      'go-fastly-200-estimate-marketed-offers.json',
      'domainr-testing.org',
      'org',
      ['marketed', 'priced', 'transferable', 'active'],
    ],
    ['rubygems-test-200-active.json', 'active-domain.com', 'com', ['active']],
    ['rubygems-test-200-active-minimal.json', 'active-domain.com', null, ['active']],
    ['rubygems-test-200-undelegated-inactive.json', 'expired-domain.com', 'com', ['undelegated', 'inactive']],
    ['warehouse-test-200-undelegated-inactive.json', 'example.com', 'com', ['undelegated', 'inactive']],
  ])('%s', (file, domain, zone, words) => {
    expect(fastly(file, domain)).toEqual({ ok: true, value: { domain, zone, words } });
  });

  it.each([
    ['go-fastly-400-domain-not-found.json', 'Domain not found'],
    ['rubygems-test-200-errors-title.json', 'bad request'],
    ['warehouse-test-200-errors-domain-not-found.json', 'Domain not found'],
  ])('%s is a provider error', (file, text) => {
    const parsed = fastly(file, 'example.com');
    expect(parsed).toMatchObject({ ok: false, error: { code: 'provider_error' } });
    if (!parsed.ok) expect(parsed.error.message).toContain(text);
  });

  it('reads {"msg": …} and {"detail": …} error bodies', () => {
    expect(parseFastlyStatus({ msg: 'Provided credentials are missing or invalid' }, 'a.com')).toMatchObject({
      ok: false,
      error: { code: 'provider_error' },
    });
    expect(parseFastlyStatus({ detail: 'rate limited' }, 'a.com')).toMatchObject({
      ok: false,
      error: { code: 'provider_error' },
    });
  });

  it('refuses an answer for another domain', () => {
    expect(fastly('rubygems-test-200-active.json', 'other.com')).toMatchObject({
      ok: false,
      error: { code: 'malformed' },
    });
  });

  it.each([[null], [[]], [{}], [{ domain: 'a.com' }], [{ domain: 'a.com', status: 1 }], [{ status: 'active' }]])(
    '%j is malformed',
    (body) => {
      expect(parseFastlyStatus(body, 'a.com')).toMatchObject({ ok: false, error: { code: 'malformed' } });
    },
  );

  it('dispatches by provider', () => {
    expect(parseStatusAnswer('fastly', { domain: 'a.com', status: 'active' }, 'a.com').ok).toBe(true);
    expect(parseStatusAnswer('domainr', { status: [{ domain: 'a.com', status: 'active' }] }, 'a.com').ok).toBe(true);
  });
});

describe('status words', () => {
  it('splits, lower-cases, drops repeats and keeps order', () => {
    expect(splitStatusWords('  Undelegated   ACTIVE undelegated ')).toEqual(['undelegated', 'active']);
  });

  it('reads the words as a set, not by position', () => {
    // The documented order would make "active" least important; here it is last, elsewhere first.
    expect(readStatusWords(['marketed', 'priced', 'transferable', 'active'])).toMatchObject({
      registered: true,
      available: false,
      forSale: true,
    });
    expect(readStatusWords(['active', 'marketed'])).toMatchObject({ registered: true, forSale: true });
    expect(readStatusWords(['inactive', 'undelegated'])).toMatchObject({
      available: true,
      undelegated: true,
      usable: true,
    });
    expect(readStatusWords(['undelegated', 'active'])).toMatchObject({
      registered: true,
      available: false,
      undelegated: true,
    });
    expect(readStatusWords(['parked'])).toMatchObject({ registered: true });
  });

  it('treats "unknown" and a lone "undelegated" as no answer (Domainr’s best effort on a timeout)', () => {
    expect(readStatusWords(['unknown']).usable).toBe(false);
    expect(readStatusWords(['undelegated']).usable).toBe(false);
    expect(readStatusWords(['zone', 'tld']).usable).toBe(false);
    expect(readStatusWords(['expiring']).usable).toBe(true);
    expect(readStatusWords(['deleting']).usable).toBe(true);
  });
});
