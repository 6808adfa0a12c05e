import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { getOverviewCounts } from '@/lib/overview/queries';

export const GET = defineRoute({
  permission: 'dashboard.view',
  query: z.object({}),
  run: ({ db }) => getOverviewCounts(db),
});
