import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it, vi } from 'vitest';
import { stepUps } from '@/db/schema';
import { type AnyActionDefinition, runAction } from '@/lib/auth/action';
import type { UserActor } from '@/lib/auth/session';
import { STEP_UP_WINDOW_MS } from '@/lib/auth/step-up';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, PASSWORD, signedIn, snapshot, unique } from './fixtures';

// Hole 4: recovery settings changed with a session alone. Every recovery change needs a proof of
// identity from the last 10 minutes in the same session; a stolen session (signed in long ago, or
// proved elsewhere) is refused and changes nothing.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
const defs = await import('@/app/(account)/account/actions');

const t = setupTestDatabase();
const MIN = 60_000;
const session = (actor: UserActor, signedInMsAgo: number) => signedIn(t.db, actor, signedInMsAgo);

async function account() {
  const user = await makeUser(t.db);
  const primary = await makeAddress(t.db, user.id, `${unique('p')}@gmail.com`, { primary: true });
  const second = await makeAddress(t.db, user.id, `${unique('s')}@gmail.com`);
  const unverified = await makeAddress(t.db, user.id, `${unique('u')}@gmail.com`, { verified: false });
  return { user, primary, second, unverified };
}

type Case = [string, AnyActionDefinition, (a: Awaited<ReturnType<typeof account>>) => unknown];
const RECOVERY_CHANGES: Case[] = [
  ['add an address', defs.addAddressAction.definition, () => ({ address: `${unique('thief')}@gmail.com` })],
  ['send a verification link', defs.requestVerificationAction.definition, (a) => ({ emailId: a.unverified.id })],
  ['confirm a verification link', defs.confirmVerificationAction.definition, () => ({ token: 'x'.repeat(43) })],
  ['remove an address', defs.removeAddressAction.definition, (a) => ({ emailId: a.second.id })],
  ['make an address primary', defs.setPrimaryAddressAction.definition, (a) => ({ emailId: a.second.id })],
  [
    'choose a recovery address',
    defs.setRecoveryAddressAction.definition,
    (a) => ({ emailId: a.primary.id, useForRecovery: false }),
  ],
];

describe('recovery changes need a fresh proof', () => {
  it('are exactly the definitions marked stepUp (a new recovery action must be added here)', () => {
    const marked = Object.values(defs)
      .map((action) => action.definition)
      .filter((d) => d.stepUp);
    expect(marked).toHaveLength(RECOVERY_CHANGES.length);
    for (const [, def] of RECOVERY_CHANGES) expect(marked).toContain(def);
  });

  it.each(RECOVERY_CHANGES)(
    '%s: refused for a session signed in 11 minutes ago, nothing changed',
    async (_name, def, input) => {
      const a = await account();
      const actor = await session(a.user, 11 * MIN);
      const before = await snapshot(t.db);
      const result = await runAction(def, actor, input(a), t.db);
      expect(result).toMatchObject({
        ok: false,
        code: 'step_up_required',
        message: expect.stringContaining('Confirm it is you'),
      });
      expect(await snapshot(t.db)).toBe(before);
    },
  );

  it('refuses a session token from before sessions had ids (no proof can be tied to it)', async () => {
    const a = await account();
    const result = await runAction(defs.setPrimaryAddressAction.definition, a.user, { emailId: a.second.id }, t.db);
    expect(result).toMatchObject({ ok: false, code: 'step_up_required' });
  });

  it('accepts the change within 10 minutes of signing in', async () => {
    const a = await account();
    const result = await runAction(
      defs.setPrimaryAddressAction.definition,
      await session(a.user, 9 * MIN),
      { emailId: a.second.id },
      t.db,
    );
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
  });

  it('takes the password as proof, for this session only, for 10 minutes', async () => {
    const a = await account();
    const mine = await session(a.user, 60 * MIN);
    const stolen = await session(a.user, 60 * MIN);
    const change = (actor: UserActor) =>
      runAction(defs.setPrimaryAddressAction.definition, actor, { emailId: a.second.id }, t.db);

    const wrong = await runAction(defs.proveIdentityAction.definition, mine, { password: 'not the password' }, t.db);
    expect(wrong).toMatchObject({ ok: false, code: 'invalid_input', message: 'That password is not right.' });
    expect(await change(mine)).toMatchObject({ ok: false, code: 'step_up_required' });

    expect(await runAction(defs.proveIdentityAction.definition, mine, { password: PASSWORD }, t.db)).toMatchObject({
      ok: true,
      data: { method: 'password' },
    });
    // The owner's proof does not lend itself to another session of the same account.
    expect(await change(stolen)).toMatchObject({ ok: false, code: 'step_up_required' });
    expect(await change(mine)).toMatchObject({ ok: true, data: { changed: true } });

    // Ten minutes later the proof has run out.
    await t.db
      .update(stepUps)
      .set({ provedAt: new Date(Date.now() - STEP_UP_WINDOW_MS - MIN) })
      .where(eq(stepUps.sessionId, mine.session!.id));
    expect(
      await runAction(defs.setPrimaryAddressAction.definition, mine, { emailId: a.primary.id }, t.db),
    ).toMatchObject({
      ok: false,
      code: 'step_up_required',
    });
  });

  it('takes a two-factor code as proof, once', async () => {
    const a = await account();
    const { secret } = await t.db.transaction((x) =>
      startTwoFactorEnrolment({ ctx: { tx: x, actor: a.user, now: new Date() }, input: {} }),
    );
    await t.db.transaction(async (x) =>
      confirmTwoFactor({
        ctx: { tx: x, actor: a.user, now: new Date() },
        input: { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }) },
      }),
    );
    const mine = await session(a.user, 60 * MIN);
    const code = await generate({ secret });
    expect(await runAction(defs.proveIdentityAction.definition, mine, { code }, t.db)).toMatchObject({
      ok: true,
      data: { method: 'second_factor' },
    });
    const again = await runAction(defs.proveIdentityAction.definition, await session(a.user, 60 * MIN), { code }, t.db);
    expect(again).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringContaining('Codes can be used once'),
    });
  });

  it('limits guesses at the proof form to 5 in 15 minutes', async () => {
    const a = await account();
    const mine = await session(a.user, 60 * MIN);
    for (let i = 0; i < 5; i += 1)
      await runAction(defs.proveIdentityAction.definition, mine, { password: `guess ${i}` }, t.db);
    const sixth = await runAction(defs.proveIdentityAction.definition, mine, { password: PASSWORD }, t.db);
    expect(sixth).toMatchObject({ ok: false, code: 'rate_limited' });
    const proofs = await t.db.select().from(stepUps).where(eq(stepUps.userId, a.user.id));
    expect(proofs.map((p) => p.method)).toEqual(['sign_in']);
  });
});

describe('the add-address action and the mailbox grammar (hole 1)', () => {
  it.each([
    '<probe@lapsing-probe.dev>x@gmail.com',
    'probe@lapsing-probe.dev,x@gmail.com',
    'x(probe@lapsing-probe.dev)@gmail.com',
    '"probe@lapsing-probe.dev"@gmail.com',
    'x%probe@lapsing-probe.dev',
    'x@gmail.com.',
    'x@gmаil.com',
  ])('refuses %j in plain words and changes nothing', async (address) => {
    const a = await account();
    const actor = await session(a.user, 0);
    const before = await snapshot(t.db);
    const result = await runAction(defs.addAddressAction.definition, actor, { address }, t.db);
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringMatching(/^That address cannot be used: .+\.$/),
    });
    expect(await snapshot(t.db)).toBe(before);
  });
});
