'use server';

import { defineAction } from '@/lib/auth/action';
import { notifyUser, notifyUserSchema } from '@/lib/flags/notify-user';

export const notifyUserAction = defineAction({
  name: 'user.notify',
  permission: 'users.notify',
  input: notifyUserSchema,
  rateLimit: { limit: 60, windowSeconds: 600 },
  run: ({ ctx, input }) => notifyUser({ ctx, input }),
  revalidate: ['/admin/flags'],
});
