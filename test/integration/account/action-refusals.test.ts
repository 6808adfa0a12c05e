import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type AnyActionDefinition, runAction } from '@/lib/auth/action';
import { can } from '@/lib/auth/permissions';
import type { UserActor } from '@/lib/auth/session';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, signedIn, snapshot, unique } from './fixtures';

// The account page's and 2FA page's actions through runAction (defineAction without the request):
// an anonymous caller is refused, and a signed-in user cannot reach another user's rows; nothing changes.
vi.mock('@/lib/auth/session', () => ({ currentActor: async () => null }));
const defs = await import('@/app/(account)/account/actions');
const twoFactor = await import('@/app/(account)/account/two-factor/actions');

const t = setupTestDatabase();
let owner: UserActor;
let intruder: UserActor;
let ids: { primary: number; second: number; unverified: number };

// Both signed in a moment ago: the sign-in is itself a fresh proof, so the step-up check passes and
// what is tested here is ownership (step-up refusals: step-up.test.ts).
beforeAll(async () => {
  owner = await signedIn(t.db, await makeUser(t.db));
  intruder = await signedIn(t.db, await makeUser(t.db));
  const primary = await makeAddress(t.db, owner.id, `${unique('p')}@gmail.com`, { primary: true });
  const second = await makeAddress(t.db, owner.id, `${unique('s')}@gmail.com`);
  const unverified = await makeAddress(t.db, owner.id, `${unique('u')}@gmail.com`, { verified: false });
  ids = { primary: primary.id, second: second.id, unverified: unverified.id };
});

const writes = (): [string, AnyActionDefinition, unknown][] => [
  ['add an address', defs.addAddressAction.definition, { address: 'new.one@gmail.com' }],
  ['send a verification link', defs.requestVerificationAction.definition, { emailId: ids.unverified }],
  ['confirm a verification link', defs.confirmVerificationAction.definition, { token: 'x'.repeat(43) }],
  ['remove an address', defs.removeAddressAction.definition, { emailId: ids.second }],
  ['make an address primary', defs.setPrimaryAddressAction.definition, { emailId: ids.second }],
  [
    'choose recovery addresses',
    defs.setRecoveryAddressAction.definition,
    { emailId: ids.primary, useForRecovery: 'false' },
  ],
  ['mark notifications read', defs.markNotificationsReadAction.definition, {}],
  ['start 2FA enrolment', twoFactor.startTwoFactorAction.definition, {}],
  ['confirm 2FA', twoFactor.confirmTwoFactorAction.definition, { code: '123456' }],
  ['turn 2FA off', twoFactor.disableTwoFactorAction.definition, { code: '123456' }],
  ['replace recovery codes', twoFactor.regenerateRecoveryCodesAction.definition, { code: '123456' }],
];

describe('account actions', () => {
  it('refuse an anonymous caller and change nothing', async () => {
    const before = await snapshot(t.db);
    for (const [name, def, input] of writes()) {
      const result = await runAction(def, null, input, t.db);
      expect(result, name).toMatchObject({ ok: false, code: 'unauthenticated' });
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('do not let a user touch another user\u2019s addresses', async () => {
    const before = await snapshot(t.db);
    for (const [name, def, input] of writes().slice(1, 6)) {
      const result = await runAction(def, intruder, input, t.db);
      expect(result, name).toMatchObject({ ok: false });
      expect((result as { code: string }).code, name).toMatch(/not_found|forbidden/);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('work for the owner (the same definitions the page uses)', async () => {
    const result = await runAction(
      defs.setPrimaryAddressAction.definition,
      owner,
      { emailId: String(ids.second) },
      t.db,
    );
    expect(result).toMatchObject({ ok: true, data: { changed: true } });
  });

  it('are open to every role for their own account; the outbox only to staff and admin', () => {
    for (const role of ['user', 'staff', 'admin'] as const) expect(can(role, 'account.manage')).toBe(true);
    expect(can('user', 'outbox.read')).toBe(false);
    expect(can('staff', 'outbox.read')).toBe(true);
    expect(can('admin', 'outbox.read')).toBe(true);
  });
});
