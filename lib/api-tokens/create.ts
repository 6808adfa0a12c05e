import type { z } from 'zod';
import { apiTokens } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import type { createApiTokenSchema } from './schemas';
import { newApiToken } from './secret';

/**
 * Creates an integration API token. The token itself is returned once, here, and never stored or
 * shown again; the audit row names the token by id, name, scopes and prefix.
 */
export async function createApiToken({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof createApiTokenSchema>;
}): Promise<{ id: number; name: string; scopes: string[]; prefix: string; token: string }> {
  const { token, hash, prefix } = newApiToken();
  const [row] = await tx
    .insert(apiTokens)
    .values({ name: input.name, scopes: input.scopes, tokenHash: hash, prefix, createdBy: actor.id, createdAt: now })
    .returning({ id: apiTokens.id });
  const id = row!.id;
  await recordAudit(tx, actor, {
    action: 'api_token.create',
    targetType: 'api_token',
    targetId: id,
    details: { name: input.name, scopes: input.scopes, prefix },
  });
  return { id, name: input.name, scopes: input.scopes, prefix, token };
}
