import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAuditSearch } from '@/app/(admin)/admin/audit/search-params';
import { flagsSearchSchema, parseFlagsFilters, parseFlagsSearch } from '@/lib/flags/search';
import { parseFilters, refusalSentences } from '@/lib/validation/refused-filters';
import { parsePathId } from '@/lib/validation/path-id';
import { SEARCH_TEXT_ERRORS, searchText } from '@/lib/validation/search-text';

const schema = z.object({ q: searchText(10), page: z.coerce.number().int().min(1).optional().catch(undefined) });

describe('parseFilters (a page leaves a refused filter out and says why)', () => {
  it('keeps good filters and names the refused one', () => {
    const { search, refused } = parseFilters(schema, { q: 'a\u0000b', page: '2' });
    expect(search).toEqual({ q: undefined, page: 2 });
    expect(refused).toEqual({ q: SEARCH_TEXT_ERRORS.control });
    expect(refusalSentences(refused)).toEqual([`${SEARCH_TEXT_ERRORS.control} That filter was left out.`]);
  });

  it('refuses nothing in a clean URL, and ignores keys the schema does not know', () => {
    expect(parseFilters(schema, new URLSearchParams('q=alice&other=%00'))).toEqual({
      search: { q: 'alice', page: undefined },
      refused: {},
    });
  });

  it('reads the first of repeated keys', () => {
    expect(parseFilters(schema, { q: ['first', 'x\u0000'] }).search.q).toBe('first');
    expect(parseFilters(schema, { q: ['x\u0000', 'second'] }).refused).toHaveProperty('q');
  });
});

describe('the flags filters', () => {
  it.each(['q', 'domain', 'user'])(
    'a NUL byte in %s is refused by the route schema and left out by the page',
    (key) => {
      const raw = { [key]: 'abc\u0000def', state: 'open' };
      expect(flagsSearchSchema.safeParse(raw).success).toBe(false);
      const { search, refused } = parseFlagsFilters(raw);
      expect(refused).toEqual({ [key]: SEARCH_TEXT_ERRORS.control });
      expect(search).toMatchObject({ state: 'open', [key]: undefined });
    },
  );

  it('still lower-cases the domain and username and drops a search shorter than 3 characters', () => {
    expect(parseFlagsSearch({ domain: ' Example.DEV ', user: 'Alice', q: 'ab' })).toMatchObject({
      domain: 'example.dev',
      user: 'alice',
      q: undefined,
    });
  });

  it('drops a year-0 or impossible day instead of passing it to PostgreSQL', () => {
    expect(parseFlagsSearch({ from: '0000-01-01', to: '2025-02-30' })).toMatchObject({
      from: undefined,
      to: undefined,
    });
    expect(parseFlagsSearch({ from: '2025-02-28' }).from).toBe('2025-02-28');
  });
});

describe('the audit filters', () => {
  it('leave out an actor or target with a NUL byte and keep the rest', () => {
    const { search, refused } = parseAuditSearch({ actor: 'Staff\u0000', target: 'user:3', action: 'nope' });
    expect(refused).toEqual({ actor: SEARCH_TEXT_ERRORS.control });
    expect(search).toMatchObject({ actor: undefined, target: 'user:3', action: undefined });
    expect(parseAuditSearch({ actor: ' Staff ' }).search.actor).toBe('staff');
  });
});

describe('parsePathId', () => {
  it('reads decimal ids only', () => {
    expect(parsePathId('42')).toBe(42);
    for (const raw of ['0', '-4', '1e3', '0x10', ' 7', '7 ', 'abc', '', '99999999999999999'])
      expect(parsePathId(raw)).toBeNull();
  });
});
