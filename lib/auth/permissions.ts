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
