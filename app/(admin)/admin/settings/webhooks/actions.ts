'use server';

import { defineAction } from '@/lib/auth/action';
import { OutboundPolicy } from '@/lib/domains/outbound-policy';
import { readEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createWebhookEndpoint, removeWebhookEndpoint, replayWebhookDelivery } from '@/lib/webhooks/manage';
import { createWebhookSchema, deliveryIdSchema, webhookIdSchema } from '@/lib/webhooks/schemas';
import { webhookTargetRefusal } from '@/lib/webhooks/target';

export const createWebhookAction = defineAction({
  name: 'webhook.create',
  permission: 'settings.manage',
  input: createWebhookSchema,
  // The URL's name is resolved here, before the transaction: no connection is held during DNS.
  prepare: async ({ input }) => {
    const why = await webhookTargetRefusal(input.url, new OutboundPolicy(readEnv().GK_OUTBOUND_ALLOW));
    if (why) throw new AppError('invalid_input', why, { url: why });
  },
  run: ({ ctx, input }) => createWebhookEndpoint({ ctx, input }),
  revalidate: ['/admin/settings/webhooks'],
});

export const removeWebhookAction = defineAction({
  name: 'webhook.remove',
  permission: 'settings.manage',
  input: webhookIdSchema,
  run: ({ ctx, input }) => removeWebhookEndpoint({ ctx, input }),
  revalidate: ['/admin/settings/webhooks'],
});

export const replayWebhookAction = defineAction({
  name: 'webhook.replay',
  permission: 'settings.manage',
  input: deliveryIdSchema,
  run: ({ ctx, input }) => replayWebhookDelivery({ ctx, input }),
  revalidate: ['/admin/settings/webhooks'],
});
