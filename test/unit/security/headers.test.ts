import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from '@/lib/security/headers';

describe('security headers', () => {
  it('production: nonce and strict-dynamic for scripts, no eval, no framing, no referrer, nosniff, no HSTS over http', () => {
    const headers = securityHeaders({ nonce: 'abc123==', dev: false, https: false });
    const csp = headers['Content-Security-Policy']!;
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });

  it('dev adds unsafe-eval; https adds HSTS and upgrade-insecure-requests', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, https: false })).toContain("'unsafe-eval'");
    const https = securityHeaders({ nonce: 'n', dev: false, https: true });
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
  });

  it('nonces are fresh, 16 bytes', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });

  it('HTTPS is decided by APP_URL', () => {
    expect(servedOverHttps('https://registry.example')).toBe(true);
    expect(servedOverHttps('HTTPS://registry.example')).toBe(true);
    expect(servedOverHttps('http://localhost:3000')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
  });
});
