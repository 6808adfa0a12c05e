import type { Role } from '@/db/schema/enums';

// The demo logins `npm start` prints. Only ever seeded on the embedded default or by `gk seed-demo`.
export const DEMO_PASSWORD = 'gravekeeper-demo';

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
