import NextAuth from 'next-auth';
import { authConfig } from '@/lib/auth/config';

// An early redirect for anonymous visitors only. Authorisation happens in every page, action and
// route through lib/auth (a matcher can miss a path; server actions post to the page's URL).
const { auth } = NextAuth(authConfig);

export default auth((request) => {
  if (!request.auth) {
    const url = new URL('/login', request.nextUrl.origin);
    url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return Response.redirect(url);
  }
});

export const config = { matcher: ['/admin/:path*', '/account/:path*'] };
