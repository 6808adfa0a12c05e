import { describe, expect, it, vi } from 'vitest';
import { ROLES } from '@/db/schema/enums';
import { type AnyActionDefinition, runAction } from '@/lib/auth/action';
import { can } from '@/lib/auth/permissions';
import { issueToken } from '@/lib/tokens/issue';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, signedIn, unique } from '../account/fixtures';
import { snapshotAll } from './world';

// Every role may manage its own account (account.manage), so the refusal matrix cannot show that one
// user is kept away from another's rows: each address verb scopes to the caller's own addresses, and
// an id that belongs to someone else is refused (not found or forbidden) with nothing changed.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));

const account = await import('@/app/(account)/account/actions');
const t = setupTestDatabase();

async function twoUsers() {
  // Both signed in a moment ago: the sign-in is itself a fresh proof, so the step-up check passes and
  // what is tested is ownership (step-up refusals: account/step-up.test.ts).
  const owner = await signedIn(t.db, await makeUser(t.db));
  const intruder = await signedIn(t.db, await makeUser(t.db));
  const primary = await makeAddress(t.db, owner.id, `${unique('p')}@gmail.com`, { primary: true });
  const second = await makeAddress(t.db, owner.id, `${unique('s')}@gmail.com`);
  const unverified = await makeAddress(t.db, owner.id, `${unique('u')}@gmail.com`, { verified: false });
  // A real link for the owner's unverified address: the intruder holding it still cannot use it.
  const link = await issueToken(t.db, { purpose: 'verify_email', userId: owner.id, emailId: unverified.id });
  return {
    owner,
    intruder,
    ids: { primary: primary.id, second: second.id, unverified: unverified.id, token: link.token },
  };
}

// The intruder's attempt counts against the intruder's own rate limit (it is checked before the verb
// looks the row up): that counter may move; nothing of the owner's may.
const OWN_COUNTERS = ['public.rate_limits'];

type Ids = Awaited<ReturnType<typeof twoUsers>>['ids'];
// An address id of someone else's is simply not found (its existence is not confirmed); a link is
// recognised as another account's, so its holder is told to sign in as that account.
const byId: [string, { definition: AnyActionDefinition }, (ids: Ids) => unknown, 'not_found' | 'forbidden'][] = [
  ['send a verification link', account.requestVerificationAction, (ids) => ({ emailId: ids.unverified }), 'not_found'],
  [
    'confirm the owner\u2019s verification link',
    account.confirmVerificationAction,
    (ids) => ({ token: ids.token }),
    'forbidden',
  ],
  ['remove an address', account.removeAddressAction, (ids) => ({ emailId: ids.second }), 'not_found'],
  ['make an address primary', account.setPrimaryAddressAction, (ids) => ({ emailId: ids.second }), 'not_found'],
  [
    'choose recovery addresses',
    account.setRecoveryAddressAction,
    (ids) => ({ emailId: ids.primary, useForRecovery: 'false' }),
    'not_found',
  ],
];

describe('address actions on another user\u2019s address', () => {
  for (const [name, action, input, code] of byId)
    it(`${name}: refused, nothing changed`, async () => {
      expect.assertions(3);
      const { intruder, ids } = await twoUsers();
      const before = await snapshotAll(t.db, OWN_COUNTERS);
      const result = await runAction(action.definition, intruder, input(ids), t.db);
      expect(result).toMatchObject({ ok: false });
      expect((result as { code: string }).code).toBe(code);
      expect(await snapshotAll(t.db, OWN_COUNTERS)).toEqual(before);
    });
});

describe('the owner', () => {
  it('makes their own address primary (the same definition the page uses)', async () => {
    const { owner, ids } = await twoUsers();
    const result = await runAction(
      account.setPrimaryAddressAction.definition,
      owner,
      { emailId: String(ids.second) },
      t.db,
    );
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
  });
});

describe('permissions', () => {
  it('every role manages its own account; the outbox is for staff and admin only', () => {
    for (const role of ROLES) expect(can(role, 'account.manage')).toBe(true);
    expect(can('user', 'outbox.read')).toBe(false);
    expect(can('staff', 'outbox.read')).toBe(true);
    expect(can('admin', 'outbox.read')).toBe(true);
  });
});
