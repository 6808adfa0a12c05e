import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { apiTokens } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import type { revokeApiTokenSchema } from './schemas';

/** Revokes a token: its next call is refused (401). The row stays for the audit trail. */
export async function revokeApiToken({
  ctx: { tx, actor, now },
  input,
}: {
  ctx: VerbContext;
  input: z.output<typeof revokeApiTokenSchema>;
}): Promise<{ id: number; name: string }> {
  const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, input.id)).for('update');
  if (!token) throw new AppError('not_found', 'That API token does not exist.');
  if (token.revokedAt) throw new AppError('conflict', `The token “${token.name}” was already revoked.`);
  await tx.update(apiTokens).set({ revokedAt: now, revokedBy: actor.id }).where(eq(apiTokens.id, token.id));
  await recordAudit(tx, actor, {
    action: 'api_token.revoke',
    targetType: 'api_token',
    targetId: token.id,
    details: { name: token.name, prefix: token.prefix },
  });
  return { id: token.id, name: token.name };
}
