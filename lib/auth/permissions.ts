import type { Role } from '@/db/schema/enums';

// Roles and what they may do, as data: every page, action, route and CLI verb names one permission.
export const PERMISSIONS = [
  'account.manage',
  'dashboard.view',
  'flags.read',
  'flags.review',
  'flags.override',
  'flags.restore_reregistered',
  'domains.read',
  'scans.read',
  'scans.request',
  'scans.request_full',
  'scans.cancel',
  'users.read',
  'users.notify',
  'audit.read',
  'outbox.read',
  'settings.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = [
  'account.manage',
  'dashboard.view',
  'flags.read',
  'flags.review',
  'flags.override',
  'domains.read',
  'scans.read',
  'scans.request',
  'users.read',
  'users.notify',
  'audit.read',
  'outbox.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  user: ['account.manage'],
  staff: STAFF,
  admin: [...STAFF, 'flags.restore_reregistered', 'scans.request_full', 'scans.cancel', 'settings.manage'],
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  user: 'A registry maintainer: manages their own account and addresses.',
  staff: 'Trust and safety: reviews flags, overrides them, notifies users, rescans domains and users.',
  admin: 'Everything staff can do, plus full scans, cancelling scans, restoring re-registered domains and settings.',
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose powers need a second factor: without one, such an account has only a user's. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['staff', 'admin'];

export const SECOND_FACTOR_REQUIRED =
  'Staff and admin accounts need two-factor authentication. Turn it on at /account/two-factor, then try again.';

/** `hasSecondFactor`: an authenticator app or a passkey. */
export function needsSecondFactor(role: Role, hasSecondFactor: boolean): boolean {
  return SECOND_FACTOR_ROLES.includes(role) && !hasSecondFactor;
}

/**
 * What a signed-in actor may do now: its role's permissions, or only a user's while a staff or admin
 * account has no second factor (currentActor sets `needsSecondFactor` from the database).
 */
export function actorCan(actor: { role: Role; needsSecondFactor?: boolean }, permission: Permission): boolean {
  return can(actor.needsSecondFactor ? 'user' : actor.role, permission);
}

/** Why `actor` is refused `permission`, in words: the missing second factor, or the role. */
export function refusalReason(
  actor: { role: Role; needsSecondFactor?: boolean },
  permission: Permission,
  byRole: string,
): string {
  return actor.needsSecondFactor && can(actor.role, permission) ? SECOND_FACTOR_REQUIRED : byRole;
}
