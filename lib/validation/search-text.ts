import { z } from 'zod';

// Free text typed into a search box or filter, whether it arrives from a page URL, a form or an API query
// string. PostgreSQL refuses a NUL byte in text outright (the query fails), and other control characters
// never belong in a search, so they are refused here, at the boundary, with words a person can act on,
// instead of surfacing later as a database failure.

/** Unicode Cc: the C0 controls (NUL, tab, newline …), DEL and the C1 range. Ends are trimmed first. */
const CONTROL_CHARACTERS = /\p{Cc}/u;

export const SEARCH_TEXT_ERRORS = {
  control: 'Search text cannot contain control characters.',
  tooLong: (max: number) => `Search text can be at most ${max} characters.`,
} as const;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/**
 * Optional search text: trimmed, at most `max` characters, no control characters; blank becomes `undefined`.
 * A refusal is a zod issue with one of the SEARCH_TEXT_ERRORS messages (safeParse it and show the message).
 */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, SEARCH_TEXT_ERRORS.tooLong(max))
    .refine((value) => !hasControlCharacters(value), SEARCH_TEXT_ERRORS.control)
    .optional()
    .transform((value) => (value ? value : undefined));
}
