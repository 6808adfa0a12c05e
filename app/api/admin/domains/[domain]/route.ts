import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { defineRoute } from '@/lib/auth/route';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { hasControlCharacters } from '@/lib/validation/search-text';
import { withParams } from '../../with-params';

export const GET = withParams<{ domain: string }>(
  defineRoute({
    name: 'domain.read',
    permission: 'domains.read',
    // A NUL byte would fail the query: refused here as bad input (400), like any malformed name.
    query: z.object({
      domain: z
        .string()
        .trim()
        .min(1)
        .max(300)
        .refine((v) => !hasControlCharacters(v), 'A domain name cannot contain control characters.'),
    }),
    run: async ({ ctx: { db }, input: { domain } }) => {
      const detail = await getDomainDetail(db, domain);
      if (!detail) throw new AppError('not_found', `${domain} is not a watched domain.`);
      return detail;
    },
  }),
);
