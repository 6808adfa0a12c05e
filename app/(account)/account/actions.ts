'use server';

import { addAddress } from '@/lib/addresses/add';
import { prepareNewAddress } from '@/lib/addresses/prepare-add';
import { removeAddress } from '@/lib/addresses/remove';
import { prepareRequestVerification, requestVerification } from '@/lib/addresses/request-verification';
import { addAddressSchema, emailIdSchema, setRecoverySchema, verifyTokenSchema } from '@/lib/addresses/schemas';
import { setPrimaryAddress } from '@/lib/addresses/set-primary';
import { setRecoveryAddress } from '@/lib/addresses/set-recovery';
import { confirmVerification, prepareConfirmVerification } from '@/lib/addresses/verify';
import { defineAction } from '@/lib/auth/action';
import type { UserActor } from '@/lib/auth/session';
import { preparePasskeyProof, proveIdentity, proveIdentitySchema } from '@/lib/auth/step-up';
import type { Db } from '@/db/connect';
import { appBaseUrl, readEnv } from '@/lib/env';
import { markNotificationsRead, markNotificationsReadSchema } from '@/lib/notify/mark-read';
import { noInputSchema } from '@/lib/passkeys/schemas';
import { startPasskeyStepUp } from '@/lib/passkeys/step-up-options';
import { checkDomainNow } from '@/lib/scans/check-now';

// The account page's writes: each names its permission and calls one lib/ verb. Every verb scopes
// to the caller's own rows, so one user cannot touch another's addresses by id. Every change to how
// the account is recovered (add, verify, remove, primary, recovery choice) needs a fresh proof of
// identity (`stepUp`). Live domain checks are network work: they run in `prepare`, before the
// transaction, and the verb gets what they found.

const appUrl = () => appBaseUrl(readEnv());
// A fresh check of the domain against the live sources, recorded as a scan (trigger "verification").
const liveCheck = (ctx: { db: Db; actor: UserActor }) => (domain: string) =>
  checkDomainNow(ctx.db, domain, { trigger: 'verification', actor: ctx.actor });

export const addAddressAction = defineAction({
  name: 'address.add',
  permission: 'account.manage',
  input: addAddressSchema,
  stepUp: true,
  rateLimit: { limit: 10, windowSeconds: 3600 },
  // The new address's domain is watched and checked now, before any link is sent.
  prepare: ({ ctx, input }) => prepareNewAddress({ ctx: { db: ctx.db, checkDomain: liveCheck(ctx) }, input }),
  run: ({ ctx, input }) => addAddress({ ctx: { ...ctx, appUrl: appUrl(), check: ctx.prepared }, input }),
  revalidate: ['/account'],
});

export const proveIdentityAction = defineAction({
  name: 'auth.step_up',
  permission: 'account.manage',
  input: proveIdentitySchema,
  // Guessing a password through this form is no easier than at sign-in.
  rateLimit: { limit: 5, windowSeconds: 15 * 60 },
  prepare: ({ ctx, input }) => preparePasskeyProof({ ctx, input }),
  run: ({ ctx, input }) => proveIdentity({ ctx, input }),
});

// The options for confirming with a passkey instead of the password (the step-up dialog).
export const passkeyStepUpOptionsAction = defineAction({
  name: 'passkey.step_up_options',
  permission: 'account.manage',
  input: noInputSchema,
  rateLimit: { limit: 20, windowSeconds: 15 * 60 },
  run: ({ ctx, input }) => startPasskeyStepUp({ ctx, input }),
});

export const requestVerificationAction = defineAction({
  name: 'address.verify_link',
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  rateLimit: { limit: 6, windowSeconds: 3600 },
  prepare: ({ ctx, input }) => prepareRequestVerification({ ctx: { ...ctx, checkDomain: liveCheck(ctx) }, input }),
  run: ({ ctx, input }) => requestVerification({ ctx: { ...ctx, appUrl: appUrl(), freshCheck: ctx.prepared }, input }),
  revalidate: ['/account'],
});

export const confirmVerificationAction = defineAction({
  name: 'address.verify',
  permission: 'account.manage',
  input: verifyTokenSchema,
  stepUp: true,
  rateLimit: { limit: 20, windowSeconds: 3600 },
  prepare: ({ ctx, input }) => prepareConfirmVerification({ ctx: { ...ctx, checkDomain: liveCheck(ctx) }, input }),
  run: ({ ctx, input }) => confirmVerification({ ctx: { ...ctx, freshCheck: ctx.prepared }, input }),
  revalidate: ['/account'],
});

export const removeAddressAction = defineAction({
  name: 'address.remove',
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  run: ({ ctx, input }) => removeAddress({ ctx, input }),
  revalidate: ['/account'],
});

export const setPrimaryAddressAction = defineAction({
  name: 'address.set_primary',
  permission: 'account.manage',
  input: emailIdSchema,
  stepUp: true,
  run: ({ ctx, input }) => setPrimaryAddress({ ctx, input }),
  revalidate: ['/account'],
});

export const setRecoveryAddressAction = defineAction({
  name: 'address.set_recovery',
  permission: 'account.manage',
  input: setRecoverySchema,
  stepUp: true,
  run: ({ ctx, input }) => setRecoveryAddress({ ctx, input }),
  revalidate: ['/account'],
});

export const markNotificationsReadAction = defineAction({
  name: 'notification.mark_read',
  permission: 'account.manage',
  input: markNotificationsReadSchema,
  run: ({ ctx, input }) => markNotificationsRead({ ctx, input }),
  revalidate: ['/account'],
});
