import { defineRoute } from '@/lib/auth/route';
import { listResetAttemptsPage } from '@/lib/reset/queries';
import { resetSearchSchema } from '@/lib/reset/search';

// The password-reset requests as JSON (shown on the outbox page): the page URL's `reset_` parameters,
// without the prefix.
export const GET = defineRoute({
  name: 'reset_attempt.list',
  permission: 'outbox.read',
  query: resetSearchSchema,
  run: ({ ctx: { db }, input: search }) => listResetAttemptsPage(db, search),
});
