import net from 'node:net';

// Where `npm start` listens, and whether it may. The web server binds to HOST (default 127.0.0.1);
// the local peers (protocol server, SMTP sink, embedded PostgreSQL) always bind to loopback,
// whatever HOST says: they have no authentication (the protocol server's /_admin rewrites domain
// records, the sink accepts any mail), and only processes on this machine talk to them.

export const PEER_HOST = '127.0.0.1';

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare) || /^(0+:){7}0*1$/.test(bare);
  return false;
}

/**
 * The host name to print for the browser. Loopback and every-interface binds print `localhost`:
 * sign-in cookies are bound to the host name, so one name must be used throughout, and a
 * browser's `localhost` reaches 127.0.0.1 (Chromium tries ::1 and 127.0.0.1; Node's fetch too).
 */
export function browseHost(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isLoopbackHost(bare) || bare === '0.0.0.0' || bare === '::') return 'localhost';
  return net.isIPv6(bare) ? `[${bare}]` : bare;
}

/**
 * Why `npm start` must not start, or null. Off loopback, any demo login that still has the
 * published password would let anyone who can reach the address sign in (as admin).
 */
export function exposureRefusal(input: {
  host: string;
  demoLogins: readonly string[];
  demoPassword: string;
}): string | null {
  if (isLoopbackHost(input.host) || input.demoLogins.length === 0) return null;
  return [
    `Refusing to listen on HOST=${input.host}: the demo logins ${input.demoLogins.join(', ')} still have the published password "${input.demoPassword}",`,
    'so anyone who can reach this address could sign in with them (admin included).',
    'Either keep HOST unset (127.0.0.1, this machine only) to try the demo, or run on your own database',
    '(DATABASE_URL, where npm start seeds no demo logins) and create your admin with',
    '`printf %s "$PASSWORD" | npm run gk -- user add <username> --role admin`.',
  ].join('\n');
}
