import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRdapDomain } from '@/lib/domains/rdap/parse';
import type { RdapDomain } from '@/core/domains';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export function fixtureJson(relative: string): unknown {
  return JSON.parse(fixtureText(relative));
}

/** Parses a fixture that must parse; fails the test otherwise. */
export function rdapFixture(name: string): RdapDomain {
  const parsed = parseRdapDomain(fixtureJson(`rdap/${name}`));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.value;
}

/** Rows of a fixture TSV, keyed by the named columns (which the header must contain). */
export function tsvRows<const K extends string>(relative: string, columns: readonly K[]): Record<K, string>[] {
  const [header, ...lines] = fixtureText(relative)
    .split('\n')
    .filter((l) => l !== '');
  const names = (header ?? '').split('\t');
  const index = columns.map((c) => {
    const i = names.indexOf(c);
    if (i < 0) throw new Error(`${relative} has no column ${c}`);
    return i;
  });
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, n) => [c, cells[index[n] ?? -1] ?? ''])) as Record<K, string>;
  });
}

export const d = (iso: string) => new Date(iso);

/** A registered domain with nothing remarkable; tests override what they need. */
export function rdapDomain(overrides: Partial<RdapDomain> = {}): RdapDomain {
  return {
    ldhName: 'example.com',
    unicodeName: null,
    handle: '123_DOMAIN_COM-VRSN',
    statuses: ['client transfer prohibited'],
    registeredAt: d('2015-03-01T10:00:00Z'),
    expiresAt: d('2027-03-01T10:00:00Z'),
    lastChangedAt: null,
    transferredAt: null,
    deletionAt: null,
    registrarExpiresAt: null,
    registrar: { name: 'Example Registrar, Inc.', ianaId: '9999', handle: '9999' },
    nameservers: ['ns1.example.net'],
    relatedLinks: [],
    ...overrides,
  };
}
