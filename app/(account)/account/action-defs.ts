import { z } from 'zod';
import { getDb } from '@/db/client';
import { addAddress, type NewAddressCheck } from '@/lib/addresses/add';
import { prepareNewAddress } from '@/lib/addresses/prepare-add';
import type { CheckDomainNow } from '@/lib/addresses/domain-gate';
import { removeAddress } from '@/lib/addresses/remove';
import { requestVerification } from '@/lib/addresses/request-verification';
import { addAddressSchema, emailIdSchema, setRecoverySchema, verifyTokenSchema } from '@/lib/addresses/schemas';
import { setPrimaryAddress } from '@/lib/addresses/set-primary';
import { setRecoveryAddress } from '@/lib/addresses/set-recovery';
import { confirmVerification } from '@/lib/addresses/verify';
import type { ActionDefinition } from '@/lib/auth/action';
import { proveIdentity, proveIdentitySchema } from '@/lib/auth/step-up';
import type { UserActor } from '@/lib/auth/session';
import { appBaseUrl, readEnv } from '@/lib/env';
import { markNotificationsRead } from '@/lib/notify/mark-read';
import { checkDomainNow } from '@/lib/scans/check-now';

// The account page's writes: each names its permission and calls one lib/ verb. Every verb scopes
// to the caller's own rows, so one user cannot touch another's addresses by id. Kept apart from
// actions.ts so tests can run them through runAction. Every change to how the account is recovered
// (add, verify, remove, primary, recovery choice) needs a fresh proof of identity (`stepUp`).

const appUrl = () => appBaseUrl(readEnv());
// A fresh check of the domain against the live sources, recorded as a scan (trigger "verification").
const freshCheck =
  (actor: UserActor): CheckDomainNow =>
  (domain) =>
    checkDomainNow(getDb(), domain, { trigger: 'verification', actor });

type Def<S extends z.ZodType> = ActionDefinition<S, unknown>;

export const addAddressDef: ActionDefinition<typeof addAddressSchema, unknown, NewAddressCheck> = {
  permission: 'account.manage',
  input: addAddressSchema,
  stepUp: true,
  rateLimit: { name: 'address.add', limit: 10, windowSeconds: 3600 },
  // The new address's domain is watched and checked now, before any link is sent (outside the transaction).
  prepare: ({ actor, db }, input) =>
    prepareNewAddress(db, input.address, (domain) => checkDomainNow(db, domain, { trigger: 'verification', actor })),
  run: ({ actor, tx, now, prepared }, input) =>
    addAddress(tx, actor, input, { appUrl: appUrl(), now, check: prepared }),
  revalidate: ['/account'],
};

export const proveIdentityDef: Def<typeof proveIdentitySchema> = {
  permission: 'account.manage',
  input: proveIdentitySchema,
  // Guessing a password through this form is no easier than at sign-in.
  rateLimit: { name: 'auth.step_up', limit: 5, windowSeconds: 15 * 60 },
  run: ({ actor, tx, now }, input) => proveIdentity({ ctx: { tx, actor, now }, input }),
};

export const requestVerificationDef: Def<typeof emailIdSchema> = {
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  rateLimit: { name: 'address.verify_link', limit: 6, windowSeconds: 3600 },
  run: ({ actor, tx }, input) =>
    requestVerification(tx, actor, input, { appUrl: appUrl(), checkDomain: freshCheck(actor) }),
  revalidate: ['/account'],
};

export const confirmVerificationDef = {
  permission: 'account.manage',
  input: verifyTokenSchema,
  stepUp: true,
  rateLimit: { name: 'address.verify', limit: 20, windowSeconds: 3600 },
  run: ({ actor, tx }, input) => confirmVerification(tx, actor, input, { checkDomain: freshCheck(actor) }),
  revalidate: ['/account'],
} satisfies ActionDefinition<typeof verifyTokenSchema, Awaited<ReturnType<typeof confirmVerification>>>;

export const removeAddressDef: Def<typeof emailIdSchema> = {
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  run: ({ actor, tx }, input) => removeAddress(tx, actor, input),
  revalidate: ['/account'],
};

export const setPrimaryAddressDef: Def<typeof emailIdSchema> = {
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  run: ({ actor, tx }, input) => setPrimaryAddress(tx, actor, input),
  revalidate: ['/account'],
};

export const setRecoveryAddressDef: Def<typeof setRecoverySchema> = {
  permission: 'account.manage',
  input: setRecoverySchema,
  stepUp: true,
  run: ({ actor, tx }, input) => setRecoveryAddress(tx, actor, input),
  revalidate: ['/account'],
};

const noInput = z.object({});
export const markNotificationsReadDef: Def<typeof noInput> = {
  permission: 'account.manage',
  input: noInput,
  run: ({ actor, tx }) => markNotificationsRead(tx, actor),
  revalidate: ['/account'],
};
