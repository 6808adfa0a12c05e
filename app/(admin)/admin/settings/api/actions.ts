'use server';

import { createApiToken } from '@/lib/api-tokens/create';
import { revokeApiToken } from '@/lib/api-tokens/revoke';
import { createApiTokenSchema, revokeApiTokenSchema } from '@/lib/api-tokens/schemas';
import { defineAction } from '@/lib/auth/action';

export const createApiTokenAction = defineAction({
  name: 'api_token.create',
  permission: 'settings.manage',
  input: createApiTokenSchema,
  run: ({ ctx, input }) => createApiToken({ ctx, input }),
  revalidate: ['/admin/settings/api'],
});

export const revokeApiTokenAction = defineAction({
  name: 'api_token.revoke',
  permission: 'settings.manage',
  input: revokeApiTokenSchema,
  run: ({ ctx, input }) => revokeApiToken({ ctx, input }),
  revalidate: ['/admin/settings/api'],
});
