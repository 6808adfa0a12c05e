import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { getOverviewCounts } from '@/lib/overview/queries';

export const GET = defineRoute({
  name: 'overview.read',
  permission: 'dashboard.view',
  query: z.object({}),
  run: ({ ctx: { db } }) => getOverviewCounts(db),
});
