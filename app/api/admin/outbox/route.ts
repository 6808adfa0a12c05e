import { defineRoute } from '@/lib/auth/route';
import { appBaseUrl, readEnv } from '@/lib/env';
import { outboxSearchSchema } from '@/lib/notify/outbox-search';
import { listOutboxPage } from '@/lib/notify/queries';

// The outbox's mail list as JSON: the same search parameters as the page URL.
export const GET = defineRoute({
  name: 'outbox.list',
  permission: 'outbox.read',
  query: outboxSearchSchema,
  run: ({ ctx: { db }, input: search }) => listOutboxPage(db, search, { appUrl: appBaseUrl(readEnv()) }),
});
