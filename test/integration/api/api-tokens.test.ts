import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { configureDb } from '@/db/client';
import { apiTokens, auditLog } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/create';
import { listApiTokens } from '@/lib/api-tokens/queries';
import { revokeApiToken } from '@/lib/api-tokens/revoke';
import { createApiTokenSchema } from '@/lib/api-tokens/schemas';
import { hashApiToken } from '@/lib/api-tokens/secret';
import { runAction } from '@/lib/auth/action';
import { GET } from '@/app/api/v1/recovery-eligibility/route';
import { createApiTokenAction, revokeApiTokenAction } from '@/app/(admin)/admin/settings/api/actions';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, signedIn } from '../account/fixtures';

// Integration API tokens: created by an admin (shown once, stored hashed, scoped, audited), used by a
// registry's systems, revoked (refused at the next call, the row kept for the audit trail).

// The actions' module loads next-auth, which cannot load outside Next: the session module is stubbed
// (runAction is handed the actor), as is revalidation (needs a request).
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

const admin = async () => signedIn(t.db, await makeUser(t.db, 'admin'));
const create = async (input: unknown) => runAction(createApiTokenAction.definition, await admin(), input, t.db);
const eligibility = (token: string) =>
  GET(
    new Request('http://localhost/api/v1/recovery-eligibility?address=someone%40gmail.com', {
      headers: { authorization: `Bearer ${token}` },
    }),
  );

describe('creating a token', () => {
  it('returns the token once, stores only its hash, and audits it by prefix', async () => {
    const result = await create({ name: 'PyPI reset flow', scopes: ['eligibility', 'eligibility'] });
    if (!result.ok) throw new Error(result.message);
    const { id, token, prefix, scopes } = result.data;
    expect(token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
    expect(scopes).toEqual(['eligibility']);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(id)));
    expect(audit).toMatchObject({ action: 'api_token.create', targetType: 'api_token' });
    expect(audit!.details).toEqual({ name: 'PyPI reset flow', scopes: ['eligibility'], prefix });
    expect(JSON.stringify(audit)).not.toContain(token.slice(10));
    const listed = (await listApiTokens(t.db)).find((r) => r.id === id);
    expect(listed).toMatchObject({ name: 'PyPI reset flow', prefix, revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token.slice(10));
  });

  it('refuses a token without a name or a scope, or with an unknown scope, in words, creating nothing', async () => {
    const before = await t.db.$count(apiTokens);
    for (const input of [
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x'.repeat(81), scopes: ['read'] },
    ]) {
      const result = await create(input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid_input' });
      if (!result.ok) expect(result.message).not.toMatch(/zod|expected|Invalid/);
    }
    expect(await t.db.$count(apiTokens)).toBe(before);
  });

  it('marks a token used when it is used, at most once a minute', async () => {
    const result = await create({ name: 'busy', scopes: ['eligibility'] });
    if (!result.ok) throw new Error(result.message);
    expect((await eligibility(result.data.token)).status).toBe(200);
    const first = (await listApiTokens(t.db)).find((r) => r.id === result.data.id)!.lastUsedAt;
    expect(first).not.toBeNull();
    expect((await eligibility(result.data.token)).status).toBe(200);
    expect((await listApiTokens(t.db)).find((r) => r.id === result.data.id)!.lastUsedAt).toBe(first);
  });
});

describe('revoking a token', () => {
  it('refuses its next call with 401 and keeps the row, audited', async () => {
    const made = await create({ name: 'to revoke', scopes: ['eligibility'] });
    if (!made.ok) throw new Error(made.message);
    expect((await eligibility(made.data.token)).status).toBe(200);
    const revoked = await runAction(revokeApiTokenAction.definition, await admin(), { id: made.data.id }, t.db);
    expect(revoked).toMatchObject({ ok: true, data: { id: made.data.id, name: 'to revoke' } });
    const response = await eligibility(made.data.token);
    expect(response.status).toBe(401);
    expect((await response.json()).message).toMatch(/valid API token/);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, made.data.id));
    expect(row!.revokedAt).not.toBeNull();
    const actions = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(made.data.id)));
    expect(actions.map((a) => a.action).sort()).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('says so for a token already revoked, and 404 for one that does not exist', async () => {
    const actor = await admin();
    const made = await t.db.transaction((tx) =>
      createApiToken({
        ctx: { tx, actor, now: new Date() },
        input: createApiTokenSchema.parse({ name: 'twice', scopes: ['read'] }),
      }),
    );
    await t.db.transaction((tx) => revokeApiToken({ ctx: { tx, actor, now: new Date() }, input: { id: made.id } }));
    const again = await runAction(revokeApiTokenAction.definition, actor, { id: made.id }, t.db);
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
    const missing = await runAction(revokeApiTokenAction.definition, actor, { id: 999_999_999 }, t.db);
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
  });
});
