import type { Role } from '@/db/schema/enums';

// The demo logins `npm start` prints. Only ever seeded on the embedded default or by `gk seed-demo`.
export const DEMO_PASSWORD = 'gravekeeper-demo';
/**
 * The demo staff and admin accounts' TOTP key (base32), published like the password: staff and
 * admin need a second factor (lib/auth/permissions.ts), so `npm start` prints it beside the logins.
 */
export const DEMO_TOTP_SECRET = 'DSLYC5V5OBHKIGWGORBFGOIREICP7YPL';
/** Printed under the demo logins (`npm start`, `gk seed-demo`): the second factor of admin and staff. */
export const DEMO_SECOND_FACTOR_HINT = `  admin and staff also need a code: add the TOTP key ${DEMO_TOTP_SECRET} to an authenticator app (or run \`oathtool --totp -b ${DEMO_TOTP_SECRET}\`)`;

export const DEMO_ACCOUNTS: { username: string; name: string; role: Role; addresses: string[]; note: string }[] = [
  { username: 'admin', name: 'Ada Admin', role: 'admin', addresses: ['ada.admin@proton.me'], note: 'admin' },
  {
    username: 'staff',
    name: 'Sam Safety',
    role: 'staff',
    addresses: ['sam.trust.safety@outlook.com'],
    note: 'trust and safety',
  },
  {
    username: 'maintainer',
    name: 'Morgan Maintainer',
    role: 'user',
    // The first address's domain lapsed and was registered again by someone else; the second is the backup.
    addresses: ['dev@lapsed-example.dev', 'morgan.backup@gmail.com'],
    note: 'user whose domain was re-registered by a stranger',
  },
  {
    username: 'alice',
    name: 'Alice Liddell',
    role: 'user',
    addresses: ['alice@alice-dev.io'],
    note: 'user whose domain is in its grace period',
  },
];
