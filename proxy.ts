import NextAuth from 'next-auth';
import { type NextFetchEvent, type NextRequest, NextResponse } from 'next/server';
import { authConfig } from '@/lib/auth/config';
import { readEnv } from '@/lib/env';
import { newNonce, securityHeaders, servedOverHttps } from '@/lib/security/headers';

// Two jobs. (1) Security headers on every page, with a fresh CSP nonce per request: Next.js reads
// the nonce from the request's Content-Security-Policy header and puts it on its own scripts (so
// every page renders dynamically, see app/layout.tsx). (2) An early redirect for anonymous
// visitors of /admin and /account pages only; server action calls go on to the action, which refuses
// them itself. Authorisation happens in every page, action and route through lib/auth (a matcher
// can miss a path; server actions post to the page's URL).
const { auth } = NextAuth(authConfig);
const SIGNED_IN_AREAS = /^\/(admin|account)(\/|$)/;

function headersFor(): Record<string, string> {
  return securityHeaders({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === 'development',
    https: servedOverHttps(readEnv().APP_URL),
  });
}

function withHeaders<T extends Response>(response: T, headers: Record<string, string>): T {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Lets the request through, handing the CSP (and so the nonce) to the renderer. */
function pass(request: NextRequest): NextResponse {
  const headers = headersFor();
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

/**
 * A server action posts to its page's URL with a `next-action` header. It is not redirected: the
 * action checks the session and permission itself and answers an anonymous caller with a typed
 * `unauthenticated` refusal, which the client shows and which tests can exercise over HTTP (a
 * redirect here would hide whether the action's own check holds). Should Next render the page after
 * the action, the page checks the session and permission itself, as on any request.
 */
function isServerActionCall(request: NextRequest): boolean {
  return request.method === 'POST' && request.headers.has('next-action');
}

// The session is read only where it is needed: on other paths (/api/auth among them) the wrapper
// would also re-issue the session cookie, which must not ride along on a sign-out.
const guarded = auth((request) => {
  if (!request.auth && !isServerActionCall(request)) {
    const url = new URL('/login', request.nextUrl.origin);
    url.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return withHeaders(NextResponse.redirect(url, 302), headersFor());
  }
  return pass(request);
});

/**
 * A path with a malformed percent-encoding (`/admin/domains/%`) fails inside Next's router, which then
 * answers a bare-text 500. Such a path names nothing: API callers get a JSON 400, pages the 404 page
 * (the dashboard's own, with its navigation, for /admin paths: its catch-all answers the rewrite).
 */
function malformedPath(request: NextRequest): NextResponse | null {
  const { pathname, origin } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    if (pathname.startsWith('/api/'))
      return withHeaders(
        NextResponse.json(
          { ok: false, code: 'invalid_input', message: 'This address is not written in a form we can read.' },
          { status: 400, headers: { 'cache-control': 'no-store' } },
        ),
        headersFor(),
      );
    const target = new URL(/^\/admin(\/|$)/.test(pathname) ? '/admin/not-a-page' : '/not-a-page', origin);
    const headers = headersFor();
    const forwarded = new Headers(request.headers);
    forwarded.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
    return withHeaders(NextResponse.rewrite(target, { request: { headers: forwarded } }), headers);
  }
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  const malformed = malformedPath(request);
  if (malformed) return malformed;
  // next-auth types its wrapper for route handlers; as a proxy it is handed the fetch event as is.
  if (SIGNED_IN_AREAS.test(request.nextUrl.pathname))
    return guarded(request, event as unknown as Parameters<typeof guarded>[1]);
  return pass(request);
}

// Everything but Next's static files (hashed assets need no CSP; next.config.ts gives them nosniff).
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
