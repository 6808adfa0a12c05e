import { DEMO_PASSWORD } from '@/dev/demo/seed/demo-accounts';

export const ROLES = {
  admin: { username: 'admin', password: DEMO_PASSWORD },
  staff: { username: 'staff', password: DEMO_PASSWORD },
  user: { username: 'maintainer', password: DEMO_PASSWORD },
} as const;
export type RoleName = keyof typeof ROLES;

export const storageState = (role: RoleName) => `e2e/.auth/${role}.json`;
