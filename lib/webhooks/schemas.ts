import { z } from 'zod';
import { WEBHOOK_EVENTS } from '@/db/schema/enums';

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  'address.unverified': 'an address was unverified (its domain lapsed, or staff or its owner did it)',
  'address.flagged': 'a flag was opened on an address (or held for staff review)',
  'flag.resolved': 'a flag was resolved (the domain was renewed or back in its owner’s hands)',
  'domain.stage_changed': 'a watched domain moved to another lifecycle stage',
  'lookalike.registered': 'a look-alike of one of your watched names (such as pypj.org for pypi.org) was registered',
  'lookalike.dns_appeared':
    'a registered look-alike gained mail servers (it can send mail) or a web address (it can host a page)',
};

export const createWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'enter the URL that receives the events')
    .max(2000, 'a URL has at most 2,000 characters')
    .refine((raw) => URL.canParse(raw), 'enter a full URL, such as https://registry.example/hooks/gravekeeper'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `pick among ${WEBHOOK_EVENTS.join(', ')}` }))
    .min(1, 'pick at least one event')
    .transform((events) => [...new Set(events)].sort()),
});

export const webhookIdSchema = z.object({ id: z.coerce.number().int().positive('pick an endpoint') });
export const deliveryIdSchema = z.object({ id: z.coerce.number().int().positive('pick a delivery') });
