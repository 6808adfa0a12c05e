import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tokens } from '@/db/schema';
import { consumeToken, peekToken } from '@/lib/tokens/consume';
import { hashToken } from '@/lib/tokens/hash';
import { issueToken, revokeTokens, TOKEN_TTL_MS } from '@/lib/tokens/issue';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser } from './fixtures';

const t = setupTestDatabase();

describe('link tokens', () => {
  it('store only the hash, and work exactly once', async () => {
    const user = await makeUser(t.db);
    const issued = await issueToken(t.db, { purpose: 'reset_password', userId: user.id, emailId: null });
    const [row] = await t.db.select().from(tokens).where(eq(tokens.id, issued.id));
    expect(row!.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(row)).not.toContain(issued.token);

    expect(await peekToken(t.db, 'reset_password', issued.token)).toMatchObject({ id: issued.id, userId: user.id });
    expect(await consumeToken(t.db, 'reset_password', issued.token)).toMatchObject({ id: issued.id });
    expect(await consumeToken(t.db, 'reset_password', issued.token)).toBeNull();
    expect(await peekToken(t.db, 'reset_password', issued.token)).toBeNull();
  });

  it('expire: a reset link after 30 minutes, a verification link after 24 hours', async () => {
    const user = await makeUser(t.db);
    const now = new Date('2026-01-01T12:00:00Z');
    const reset = await issueToken(t.db, { purpose: 'reset_password', userId: user.id, emailId: null }, now);
    const verify = await issueToken(t.db, { purpose: 'verify_email', userId: user.id, emailId: null }, now);
    expect(TOKEN_TTL_MS).toEqual({ reset_password: 30 * 60_000, verify_email: 24 * 3_600_000 });
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(await peekToken(t.db, 'reset_password', reset.token, later(29 * 60_000))).not.toBeNull();
    expect(await consumeToken(t.db, 'reset_password', reset.token, later(30 * 60_000))).toBeNull();
    expect(await consumeToken(t.db, 'verify_email', verify.token, later(24 * 3_600_000 + 1))).toBeNull();
    expect(await consumeToken(t.db, 'verify_email', verify.token, later(23 * 3_600_000))).not.toBeNull();
  });

  it('only work for their purpose, and refuse malformed input without a query', async () => {
    const user = await makeUser(t.db);
    const issued = await issueToken(t.db, { purpose: 'verify_email', userId: user.id, emailId: null });
    expect(await consumeToken(t.db, 'reset_password', issued.token)).toBeNull();
    for (const bad of ['', 'short', `${issued.token}x`, issued.token.replace(/./, '/'), "' or 1=1 --"]) {
      expect(await consumeToken(t.db, 'verify_email', bad)).toBeNull();
    }
    expect(await consumeToken(t.db, 'verify_email', issued.token)).not.toBeNull();
  });

  it('cannot be used twice by two concurrent clicks', async () => {
    const user = await makeUser(t.db);
    const issued = await issueToken(t.db, { purpose: 'reset_password', userId: user.id, emailId: null });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.db.transaction((tx) => consumeToken(tx, 'reset_password', issued.token))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('are all revoked at once (a finished reset ends every other reset link)', async () => {
    const user = await makeUser(t.db);
    const a = await issueToken(t.db, { purpose: 'reset_password', userId: user.id, emailId: null });
    const b = await issueToken(t.db, { purpose: 'reset_password', userId: user.id, emailId: null });
    const v = await issueToken(t.db, { purpose: 'verify_email', userId: user.id, emailId: null });
    expect(await revokeTokens(t.db, { purpose: 'reset_password', userId: user.id })).toBe(2);
    expect(await consumeToken(t.db, 'reset_password', a.token)).toBeNull();
    expect(await consumeToken(t.db, 'reset_password', b.token)).toBeNull();
    expect(await consumeToken(t.db, 'verify_email', v.token)).not.toBeNull();
  });
});
