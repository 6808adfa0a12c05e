import { domainToASCII } from 'node:url';
import { eq, TransactionRollbackError } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureDb } from '@/db/client';
import { apiTokens, emails, type FlagState } from '@/db/schema';
import type { Stage } from '@/core/domains';
import { runApiRoute } from '@/lib/api/define-api-route';
import { newApiToken } from '@/lib/api-tokens/secret';
import { recoveryEligibility } from '@/lib/eligibility/recovery-eligibility';
import { requestPasswordReset } from '@/lib/reset/request';
import { GET } from '@/app/api/v1/recovery-eligibility/route';
import { setupTestDatabase } from '../../support/test-db';
import { type AddressOptions, makeAddress, makeUser, unique } from '../account/fixtures';

// GET /api/v1/recovery-eligibility for every state an address can be in. Each answer is held to
// what our own reset gate does with the same account: `eligible` exactly when a reset asked through
// that address would put a link in the outbox for it.

const t = setupTestDatabase();
// The route reaches the database through the web pool (db/client.ts): point it at this file's database.
beforeAll(() => configureDb(t.url));
const NOW = new Date();

/** A user whose only address is `address` (with `o`), plus, when `backup`, a settled gmail address. */
async function account(address: string, o: AddressOptions, backup = false) {
  const user = await makeUser(t.db);
  if (backup) await makeAddress(t.db, user.id, `${unique('b')}@gmail.com`, { primary: true });
  const row = await makeAddress(t.db, user.id, address, { primary: !backup, ...o });
  return { user, row };
}

/** Who a reset asked through `address` would mail (the reset gate itself, in a rolled-back transaction). */
async function gateSendsTo(address: string): Promise<string[]> {
  let sent: string[] = [];
  await t.db
    .transaction(async (tx) => {
      const result = await requestPasswordReset({
        ctx: { tx, now: NOW, clientIp: `10.9.${Math.floor(Math.random() * 250)}.1`, appUrl: 'https://r.example' },
        input: { input: address },
      });
      sent = result.sentTo;
      tx.rollback();
    })
    .catch((error) => {
      // Only the rollback asked for above; anything else would make "sent nowhere" a pass by accident.
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return sent;
}

const custom = (stage: Stage | null, o: AddressOptions = {}) => ({ domainStage: stage, ...o });
const flagged = (state: FlagState, stage: Stage) => ({ flag: { state, stage } });

const CASES: { name: string; o: AddressOptions; at?: 'gmail'; backup?: boolean; reason: string; eligible: boolean }[] =
  [
    { name: 'a big provider (never watched)', o: {}, at: 'gmail', reason: 'eligible', eligible: true },
    { name: 'a custom domain seen active', o: custom('active'), reason: 'eligible', eligible: true },
    { name: 'a custom domain inside its expiry window', o: custom('expiring'), reason: 'eligible', eligible: true },
    { name: 'a custom domain in grace', o: custom('grace'), reason: 'domain_lapsing', eligible: false },
    { name: 'a re-registered domain', o: custom('re_registered'), reason: 'domain_lapsing', eligible: false },
    { name: 'a domain whose stage is unknown', o: custom('unknown'), reason: 'domain_not_watched', eligible: false },
    { name: 'a custom domain never checked', o: custom(null), reason: 'domain_not_watched', eligible: false },
    { name: 'an unverified address', o: custom('active', { verified: false }), reason: 'unverified', eligible: false },
    {
      name: 'an address its owner keeps out of recovery',
      o: custom('active', { useForRecovery: false }),
      backup: true,
      reason: 'not_for_recovery',
      eligible: false,
    },
    { name: 'an open flag', o: flagged('open', 'redemption'), reason: 'flagged', eligible: false },
    { name: 'a flag held for review', o: flagged('pending_review', 'grace'), reason: 'flagged', eligible: false },
    { name: 'a flag staff overrode', o: flagged('overridden', 'grace'), reason: 'eligible', eligible: true },
  ];

describe('recovery eligibility, held to the reset gate', () => {
  for (const c of CASES)
    it(`${c.name}: ${c.eligible ? 'eligible' : c.reason}`, async () => {
      const address = `${unique('dev')}@${c.at === 'gmail' ? 'gmail.com' : `${unique('d')}.dev`}`;
      await account(address, c.o, c.backup);
      const answer = await recoveryEligibility(t.db, address, NOW);
      expect(answer).toMatchObject({ address, eligible: c.eligible, reason: c.reason, holdUntil: null });
      expect((await gateSendsTo(address)).includes(address)).toBe(c.eligible);
    });

  it('an address in its recovery cool-down, beside a settled one: held, with the hold’s end', async () => {
    const address = `${unique('new')}@${unique('d')}.dev`;
    const { row } = await account(address, custom('active'), true);
    const holdUntil = new Date(NOW.getTime() + 48 * 3600_000);
    await t.db.update(emails).set({ recoveryHoldUntil: holdUntil }).where(eq(emails.id, row.id));
    expect(await recoveryEligibility(t.db, address, NOW)).toMatchObject({
      eligible: false,
      reason: 'recovery_hold',
      holdUntil: holdUntil.toISOString(),
    });
    expect(await gateSendsTo(address)).not.toContain(address);
  });

  it('an address in its cool-down that is the account’s only good one still gets its link', async () => {
    const address = `${unique('only')}@${unique('d')}.dev`;
    const { row } = await account(address, custom('active'));
    await t.db
      .update(emails)
      .set({ recoveryHoldUntil: new Date(NOW.getTime() + 3600_000) })
      .where(eq(emails.id, row.id));
    expect(await recoveryEligibility(t.db, address, NOW)).toMatchObject({ eligible: true, reason: 'eligible' });
    expect(await gateSendsTo(address)).toContain(address);
  });

  it('an address nobody synced: not eligible, nothing known', async () => {
    const address = `${unique('nobody')}@example.org`;
    expect(await recoveryEligibility(t.db, address, NOW)).toEqual({
      address,
      eligible: false,
      reason: 'unknown_address',
      stage: null,
      checkedAt: null,
      holdUntil: null,
    });
  });

  it('gives the stage and the time of the last check', async () => {
    const address = `${unique('dev')}@${unique('d')}.dev`;
    await account(address, custom('expiring'));
    const answer = await recoveryEligibility(t.db, address, NOW);
    expect(answer.stage).toBe('expiring');
    expect(Date.parse(answer.checkedAt ?? '')).toBeGreaterThan(NOW.getTime() - 60_000);
  });
});

describe('over HTTP, with a token', () => {
  async function token(scopes: string[]) {
    const secret = newApiToken();
    await t.db.insert(apiTokens).values({ name: unique('t'), scopes, tokenHash: secret.hash, prefix: secret.prefix });
    return secret.token;
  }
  const call = (bearer: string | null, query: string) =>
    GET(
      new Request(`http://localhost/api/v1/recovery-eligibility?${query}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      }),
    );

  it('spells the address as the reset gate does (case, IDN) and answers JSON', async () => {
    const unicode = `${unique('bücher')}.dev`;
    const stored = `dev@${domainToASCII(unicode)}`;
    await account(stored, custom('active'));
    const bearer = await token(['eligibility']);
    const response = await call(bearer, `address=${encodeURIComponent(`DEV@${unicode.toUpperCase()}`)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      address: stored,
      eligible: true,
      reason: 'eligible',
      stage: 'active',
      checkedAt: expect.any(String),
      holdUntil: null,
    });
  });

  it('refuses an address the strict grammar does not read, in words, with 400', async () => {
    const bearer = await token(['eligibility']);
    for (const bad of ['address=not-an-address', 'address=', 'other=1', 'address=a%40b%40c.org']) {
      const response = await call(bearer, bad);
      expect(response.status, bad).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(body.message).toMatch(/address/);
    }
  });

  it('answers 401 without a token and 403 for a token without the eligibility scope', async () => {
    const response = await call(null, 'address=a%40gmail.com');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const syncOnly = await token(['sync']);
    expect((await call(syncOnly, 'address=a%40gmail.com')).status).toBe(403);
  });

  it('runs through runApiRoute with the definition the route carries', async () => {
    const bearer = await token(['eligibility']);
    const response = await runApiRoute(GET.definition, `Bearer ${bearer}`, { address: 'x@gmail.com' }, t.db);
    expect(await response.json()).toMatchObject({ reason: 'unknown_address' });
  });
});
