import { defineRoute } from '@/lib/auth/route';
import { listCandidatesPage } from '@/lib/lookalikes/queries';
import { lookalikeSearchSchema } from '@/lib/lookalikes/search';

// The look-alike candidates list as JSON: the same search parameters as the page URL.
export const GET = defineRoute({
  name: 'lookalike.list',
  permission: 'domains.read',
  query: lookalikeSearchSchema,
  run: ({ ctx: { db }, input: search }) => listCandidatesPage(db, search),
});
