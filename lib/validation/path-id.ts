import { z } from 'zod';
import { hasControlCharacters } from './search-text';

/**
 * A row id from a URL path (`/admin/users/42`, `/api/admin/scans/7`): decimal digits only, so `1e3`,
 * `0x10` or ` 7` are not read as another row's id. Too large for a bigint column is refused too.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'An id is a whole number from 1 up, written in digits.')
  .transform(Number)
  .refine(Number.isSafeInteger, 'An id is a whole number from 1 up, written in digits.');

/** The id in a page's path, or null (the page then answers 404: no row has such an id). */
export function parsePathId(raw: string): number | null {
  const parsed = pathId.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * A name from a URL path (`/admin/domains/<name>`), decoded; null when no row can have that name: a
 * malformed percent-encoding (`%`), nothing but spaces, or control characters (a NUL byte would fail
 * the query). The page then answers 404.
 */
export function decodePathName(segment: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return name.trim() && !hasControlCharacters(name) ? name : null;
}
