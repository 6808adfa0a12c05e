import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { listScansPage } from '@/lib/scans/queries';

export const GET = defineRoute({
  name: 'scan.list',
  permission: 'scans.read',
  // Only a cursor this route wrote (base64url) is read; anything else is bad input (400).
  query: z.object({
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'The page link is not valid: open the list again from its first page.')
      .optional(),
  }),
  run: ({ ctx: { db }, input: { cursor } }) => listScansPage(db, { cursor }),
});
