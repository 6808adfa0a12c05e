import { z } from 'zod';

/**
 * An optional day filter (`2025-03-04`, UTC) from a URL. A malformed day is dropped, as an old or
 * hand-edited link should still list something; year 0 passes the ISO pattern but PostgreSQL refuses
 * it as a date, so it is dropped too instead of failing the query.
 */
export const searchDate = () =>
  z.iso
    .date()
    .refine((v) => !v.startsWith('0000'))
    .optional()
    .catch(undefined);
