import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { defineRoute } from '@/lib/auth/route';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { withParams } from '../../with-params';

export const GET = withParams<{ domain: string }>(
  defineRoute({
    name: 'domain.read',
    permission: 'domains.read',
    query: z.object({ domain: z.string().trim().min(1).max(300) }),
    run: async ({ ctx: { db }, input: { domain } }) => {
      const detail = await getDomainDetail(db, domain);
      if (!detail) throw new AppError('not_found', `${domain} is not a watched domain.`);
      return detail;
    },
  }),
);
