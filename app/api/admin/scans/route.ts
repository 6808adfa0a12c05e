import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { listScansPage } from '@/lib/scans/queries';

export const GET = defineRoute({
  name: 'scan.list',
  permission: 'scans.read',
  query: z.object({ cursor: z.string().max(200).optional() }),
  run: ({ ctx: { db }, input: { cursor } }) => listScansPage(db, { cursor }),
});
