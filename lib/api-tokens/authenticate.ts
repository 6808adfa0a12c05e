import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { apiTokens } from '@/db/schema';
import type { ApiScope } from './schemas';
import { API_TOKEN_PATTERN, hashApiToken } from './secret';

export interface ApiCaller {
  tokenId: number;
  name: string;
  scopes: ApiScope[];
  lastUsedAt: Date | null;
}

const LAST_USED_EVERY_MS = 60_000;

/**
 * The token an `Authorization: Bearer gk_…` header names, if it exists and is not revoked; null
 * otherwise (one indexed lookup by hash: a wrong token and a revoked one take the same path).
 */
export async function apiCallerFrom(db: DbOrTx, authorization: string | null): Promise<ApiCaller | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token || !API_TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  return { tokenId: row.id, name: row.name, scopes: row.scopes as ApiScope[], lastUsedAt: row.lastUsedAt };
}

/**
 * Marks an admitted call's token used, at most once a minute (a conditional update), so a busy token
 * does not write on every call; a refused call writes nothing.
 */
export async function markApiTokenUsed(db: DbOrTx, caller: ApiCaller, now: Date): Promise<void> {
  if (caller.lastUsedAt && now.getTime() - caller.lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
  const cutoff = new Date(now.getTime() - LAST_USED_EVERY_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, caller.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, cutoff))));
}
