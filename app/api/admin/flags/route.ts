import { defineRoute } from '@/lib/auth/route';
import { listFlaggedEmails } from '@/lib/flags/queries';
import { flagsSearchSchema } from '@/lib/flags/search';

// The flags table's JSON: the same search parameters as the page URL.
export const GET = defineRoute({
  name: 'flag.list',
  permission: 'flags.read',
  query: flagsSearchSchema,
  run: ({ ctx: { db }, input: search }) => listFlaggedEmails(db, search),
});
