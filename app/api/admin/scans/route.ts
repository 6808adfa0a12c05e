import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { listScansPage } from '@/lib/scans/queries';

export const GET = defineRoute({
  permission: 'scans.read',
  query: z.object({ cursor: z.string().max(200).optional() }),
  run: ({ db }, { cursor }) => listScansPage(db, { cursor }),
});
