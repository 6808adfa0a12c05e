import { z } from 'zod';
import { FLAG_STATES } from '@/db/schema/enums';
import { STAGES } from '@/core/domains';

// The flags table's state in the URL: parsed the same way by the page, the JSON route and the client.
// A malformed value is dropped (the page still loads) rather than failing the whole page.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined);

export const FLAG_SORTS = ['newest', 'oldest'] as const;
export const FLAGS_PAGE_SIZE = 50;
/** Trigram search needs three characters to narrow anything down. */
export const MIN_SEARCH = 3;

export const flagsSearchSchema = z.object({
  state: z.enum(FLAG_STATES).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  domain: optionalText(253),
  user: optionalText(64),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => (v && v.length >= MIN_SEARCH ? v : undefined))
    .catch(undefined),
  sort: z.enum(FLAG_SORTS).optional().catch(undefined),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
  dir: z.enum(['next', 'prev']).optional().catch(undefined),
});
// Partial: every key is optional for callers (the parser fills the transformed ones with undefined).
export type FlagsSearch = Partial<z.output<typeof flagsSearchSchema>>;

/** The search as URL parameters, without empty values, in a stable order (it is also the query key). */
export function flagsSearchToParams(search: FlagsSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(flagsSearchSchema.shape) as (keyof FlagsSearch)[]) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function parseFlagsSearch(raw: Record<string, string | string[] | undefined> | URLSearchParams): FlagsSearch {
  const entries = raw instanceof URLSearchParams ? Object.fromEntries(raw.entries()) : raw;
  const flat = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return flagsSearchSchema.parse(flat);
}
