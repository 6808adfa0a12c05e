// The security headers of every page (set by proxy.ts per request). The CSP allows scripts only
// with this request's nonce: Next.js reads the nonce from the request's Content-Security-Policy
// header and puts it on its own scripts, so an injected <script> (or an inline handler) never runs.

export interface SecurityHeaderOptions {
  /** Fresh for every request (base64, 16+ random bytes). */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval, so dev needs 'unsafe-eval'; production must not. */
  dev: boolean;
  /** The app is served over HTTPS (APP_URL is https://…): HSTS and upgrade-insecure-requests. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, dev, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced Next.js runtime loads (route chunks) are trusted through it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Server-rendered style="" attributes (progress bars, timeline legend) cannot carry a nonce, and
    // a nonce in style-src would disable 'unsafe-inline'. Styles cannot run code; scripts are the guard.
    "style-src 'self' 'unsafe-inline'",
    // data: for the 2FA QR code (a data URL rendered on the server).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Response headers for a page (the CSP included). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    // Reset and verification links carry their token in the URL: no page may leak it onwards.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers without CSP frame-ancestors.
    'X-Frame-Options': 'DENY',
    // Only over HTTPS: an HSTS header on plain http://localhost would be ignored, and on a real host
    // served over http it would promise something that is not there. No includeSubDomains: other
    // hosts under the operator's domain are not ours to pin.
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** 16 random bytes, base64: unguessable and unique per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** Whether the app's public URL is https (decides HSTS and Secure cookies). */
export function servedOverHttps(appUrl: string | undefined): boolean {
  return typeof appUrl === 'string' && appUrl.toLowerCase().startsWith('https://');
}
