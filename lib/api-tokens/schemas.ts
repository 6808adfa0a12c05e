import { z } from 'zod';
import { API_SCOPES } from '@/db/schema/enums';

export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  sync: 'Upsert the registry’s accounts and addresses (POST /api/v1/accounts:sync).',
  eligibility: 'Ask whether an address may receive a password-reset link (GET /api/v1/recovery-eligibility).',
  read: 'Read domains, flags and scans.',
};

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name the token after the system that will use it')
    .max(80, 'keep the name under 80 characters'),
  scopes: z
    .array(z.enum(API_SCOPES, { error: 'pick sync, eligibility or read' }))
    .min(1, 'pick at least one scope')
    .transform((scopes) => [...new Set(scopes)].sort()),
});

export const revokeApiTokenSchema = z.object({ id: z.coerce.number().int().positive('pick a token') });
