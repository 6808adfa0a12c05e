import type { ActionDefinition } from '@/lib/auth/action';
import type { NotifyResult } from '@/lib/flags/notify';
import { notifyUser, notifyUserSchema } from '@/lib/flags/notify-user';

export const notifyUserDef: ActionDefinition<typeof notifyUserSchema, NotifyResult> = {
  permission: 'users.notify',
  input: notifyUserSchema,
  run: ({ tx, actor }, input) => notifyUser(tx, actor, input),
  revalidate: ['/admin/flags'],
  rateLimit: { name: 'notify', limit: 60, windowSeconds: 600 },
};
