import { z } from 'zod';
import { defineApiRoute } from '@/lib/api/define-api-route';
import { syncAccounts } from '@/lib/sync/accounts';
import { readSyncBatch } from '@/lib/sync/schemas';

// POST /api/v1/accounts:sync — the registry's accounts and their addresses, up to 10,000 per call,
// taken whole or not at all (lib/sync/). The batch is read by its own reader rather than a plain
// schema, for an error that names the account's index, the field and the reason.
export const POST = defineApiRoute({
  name: 'api.accounts_sync',
  scope: 'sync',
  from: 'json',
  input: z.unknown(),
  run: ({ ctx, input }) => {
    const accounts = readSyncBatch(input);
    const actor = { type: 'api' as const, tokenId: ctx.caller.tokenId, name: ctx.caller.name };
    return ctx.db.transaction((tx) => syncAccounts({ ctx: { tx, actor, now: ctx.now }, input: accounts }));
  },
});
