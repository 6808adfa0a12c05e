import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';

// next-auth's own endpoints (sign-in, callback, session, sign-out) are public by nature. Each carries a
// definition like every other route, so the registry lists them as public rather than as unknown.
export const GET = Object.assign((request: NextRequest) => handlers.GET(request), {
  definition: { name: 'auth.nextauth_get', public: true },
});
export const POST = Object.assign((request: NextRequest) => handlers.POST(request), {
  definition: { name: 'auth.nextauth_post', public: true },
});
