import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasControlCharacters, SEARCH_TEXT_ERRORS, searchText } from '@/lib/validation/search-text';

const schema = z.object({ q: searchText(10) });

function messageFor(q: unknown): string | undefined {
  const result = schema.safeParse({ q });
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('searchText', () => {
  it('trims the text and keeps it', () => {
    expect(schema.parse({ q: '  alice  ' })).toEqual({ q: 'alice' });
  });

  it('treats missing, empty and blank text as no search', () => {
    expect(schema.parse({}).q).toBeUndefined();
    expect(schema.parse({ q: '' }).q).toBeUndefined();
    expect(schema.parse({ q: '   ' }).q).toBeUndefined();
  });

  it('refuses a NUL byte with a plain message', () => {
    expect(messageFor('ali\u0000ce')).toBe(SEARCH_TEXT_ERRORS.control);
    expect(messageFor('\u0000')).toBe(SEARCH_TEXT_ERRORS.control);
    expect(SEARCH_TEXT_ERRORS.control).toBe('Search text cannot contain control characters.');
  });

  it('refuses other control characters inside the text (tab, newline, escape, DEL, C1)', () => {
    for (const c of ['\t', '\n', '\u001b', '\u007f', '\u0085']) {
      expect(messageFor(`a${c}b`), JSON.stringify(c)).toBe(SEARCH_TEXT_ERRORS.control);
    }
  });

  it('keeps ordinary punctuation and non-Latin letters', () => {
    expect(schema.parse({ q: "o'brien%_" }).q).toBe("o'brien%_");
    expect(schema.parse({ q: 'ümlaut.de' }).q).toBe('ümlaut.de');
  });

  it('refuses text longer than the limit, after trimming', () => {
    expect(messageFor('a'.repeat(11))).toBe(SEARCH_TEXT_ERRORS.tooLong(10));
    expect(schema.parse({ q: ` ${'a'.repeat(10)} ` }).q).toBe('a'.repeat(10));
  });

  it('refuses a non-string value', () => {
    expect(schema.safeParse({ q: ['a', 'b'] }).success).toBe(false);
  });

  it('hasControlCharacters tells control characters from text', () => {
    expect(hasControlCharacters('plain text')).toBe(false);
    expect(hasControlCharacters('nul\u0000')).toBe(true);
  });
});
