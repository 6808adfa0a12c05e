import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '@/dev/demo/seed/demo-accounts';

// The demo logins the setup signs in once each; staff and admin are enrolled in two-factor
// authentication with the published demo key (they need a second factor to use their role).
export const ROLES: Record<'admin' | 'staff' | 'user', { username: string; password: string; totpSecret?: string }> = {
  admin: { username: 'admin', password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET },
  staff: { username: 'staff', password: DEMO_PASSWORD, totpSecret: DEMO_TOTP_SECRET },
  user: { username: 'maintainer', password: DEMO_PASSWORD },
};
export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => `e2e/.auth/${role}.json`;
