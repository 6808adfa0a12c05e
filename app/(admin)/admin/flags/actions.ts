'use server';

import { defineAction } from '@/lib/auth/action';
import { notifyFlagUsers } from '@/lib/flags/notify';
import { overrideFlags } from '@/lib/flags/override';
import { reviewFlags } from '@/lib/flags/review';
import { notifyFlagsSchema, overrideFlagsSchema, reviewFlagsSchema } from '@/lib/flags/schemas';

// The flags page's writes. Each names its permission and calls one lib/ verb; tests run them through
// runAction with `.definition`.

export const reviewFlagsAction = defineAction({
  name: 'flags.review',
  permission: 'flags.review',
  input: reviewFlagsSchema,
  // A reject releases addresses: the release rules (lib/auth/release-rules.ts) are checked inside the
  // verb, per flag, because they depend on each flag's stage.
  run: ({ ctx, input }) => reviewFlags({ ctx, input }),
  revalidate: ['/admin', '/admin/flags'],
});

export const overrideFlagsAction = defineAction({
  name: 'flags.override',
  permission: 'flags.override',
  input: overrideFlagsSchema,
  // A restore releases addresses: the release rules are checked inside the verb, per flag.
  run: ({ ctx, input }) => overrideFlags({ ctx, input }),
  revalidate: ['/admin', '/admin/flags'],
});

export const notifyFlagsAction = defineAction({
  name: 'flags.notify',
  permission: 'users.notify',
  input: notifyFlagsSchema,
  rateLimit: { limit: 60, windowSeconds: 600 },
  run: ({ ctx, input }) => notifyFlagUsers({ ctx, input }),
  revalidate: ['/admin', '/admin/flags'],
});
