import type { ActionDefinition } from '@/lib/auth/action';
import { type NotifyResult, notifyFlagUsers } from '@/lib/flags/notify';
import { type OverrideResult, overrideFlags } from '@/lib/flags/override';
import { type ReviewResult, reviewFlags } from '@/lib/flags/review';
import { notifyFlagsSchema, overrideFlagsSchema, reviewFlagsSchema } from '@/lib/flags/schemas';

// The flags page's writes, declared once: the server actions bind them to the session, the tests run
// them through runAction as any actor. Each names its permission and calls one lib/ verb.

const FLAG_PAGES = ['/admin', '/admin/flags'];

export const reviewFlagsDef: ActionDefinition<typeof reviewFlagsSchema, ReviewResult> = {
  permission: 'flags.review',
  input: reviewFlagsSchema,
  // A reject releases addresses: the release rules (lib/auth/release-rules.ts) are checked inside the
  // verb, per flag, because they depend on each flag's stage.
  run: ({ tx, actor }, input) => reviewFlags(tx, actor, input),
  revalidate: FLAG_PAGES,
};

export const overrideFlagsDef: ActionDefinition<typeof overrideFlagsSchema, OverrideResult> = {
  permission: 'flags.override',
  input: overrideFlagsSchema,
  // A restore releases addresses: the release rules are checked inside the verb, per flag.
  run: ({ tx, actor }, input) => overrideFlags(tx, actor, input),
  revalidate: FLAG_PAGES,
};

export const notifyFlagsDef: ActionDefinition<typeof notifyFlagsSchema, NotifyResult> = {
  permission: 'users.notify',
  input: notifyFlagsSchema,
  run: ({ tx, actor }, input) => notifyFlagUsers(tx, actor, input),
  revalidate: FLAG_PAGES,
  rateLimit: { name: 'notify', limit: 60, windowSeconds: 600 },
};
