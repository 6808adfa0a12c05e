'use server';

import { defineAction } from '@/lib/auth/action';
import { markLookalike } from '@/lib/lookalikes/mark';
import { markLookalikeSchema } from '@/lib/lookalikes/schemas';

// A reviewer's judgement of a look-alike candidate: the same permission as reviewing a flag.
export const markLookalikeAction = defineAction({
  name: 'lookalike.mark',
  permission: 'flags.review',
  input: markLookalikeSchema,
  run: ({ ctx, input }) => markLookalike({ ctx, input }),
  revalidate: ['/admin/lookalikes'],
});
