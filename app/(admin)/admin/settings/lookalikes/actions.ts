'use server';

import { defineAction } from '@/lib/auth/action';
import { enqueueScan } from '@/lib/jobs/enqueue';
import { watchedNameIdSchema, watchNameSchema } from '@/lib/lookalikes/schemas';
import { unwatchName, watchName } from '@/lib/lookalikes/watch';

// Watched names are settings (admin): each one puts its look-alikes under watch and starts their
// first check. The scan goes to the ordinary queue after the commit: a hundred candidates are bulk
// work, not a rescan someone is waiting on.

export const watchNameAction = defineAction({
  name: 'lookalike.watch',
  permission: 'settings.manage',
  input: watchNameSchema,
  run: ({ ctx, input }) => watchName({ ctx, input }),
  after: async ({ data }) => enqueueScan(data.scanId),
  revalidate: ['/admin/settings/lookalikes', '/admin/lookalikes'],
});

export const unwatchNameAction = defineAction({
  name: 'lookalike.unwatch',
  permission: 'settings.manage',
  input: watchedNameIdSchema,
  run: ({ ctx, input }) => unwatchName({ ctx, input }),
  revalidate: ['/admin/settings/lookalikes', '/admin/lookalikes'],
});
