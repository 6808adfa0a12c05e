import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

// Which address a request came from, for the per-client rate limits. X-Forwarded-For is written by
// whoever sent the request, so only the entries appended by proxies we trust mean anything: walk
// from the socket's peer leftwards past trusted proxies and stop at the first address that is not
// one (Express's `trust proxy`, through the same library, proxy-addr).

/** TRUSTED_PROXIES parsed: none (the peer is the client), a hop count, or CIDRs / proxy-addr names. */
export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: string[] };

export const trustedProxiesSchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustedProxies => {
    const value = (raw ?? '').trim();
    if (!value) return { kind: 'none' };
    if (/^\d+$/.test(value)) return { kind: 'hops', hops: Number(value) };
    const cidrs = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      proxyaddr.compile(cidrs); // 'loopback', 'uniquelocal', '10.0.0.0/8', '::1' …
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `a hop count (e.g. 1) or comma-separated addresses/CIDRs: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
    return { kind: 'cidrs', cidrs };
  });

function trustFunction(trusted: TrustedProxies): (addr: string, i: number) => boolean {
  if (trusted.kind === 'none') return () => false;
  // i = 0 is the peer, i = 1 the rightmost X-Forwarded-For entry, and so on: `2` trusts the peer and
  // the proxy before it, as Express reads a number.
  if (trusted.kind === 'hops') return (_addr, i) => i < trusted.hops;
  return proxyaddr.compile(trusted.cidrs);
}

/** ::ffff:192.0.2.1 (an IPv4 client on a dual-stack socket) and 192.0.2.1 are one client. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/**
 * The client's address: the rightmost address, starting at `peer` and moving left through
 * `forwardedFor`, that is not a trusted proxy. Pure. Whatever a client puts in X-Forwarded-For
 * stays to the left of the addresses trusted proxies append, so it is never reached unless every
 * address to its right is trusted.
 */
export function clientIp(peer: string, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  const req = { socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': forwardedFor ?? '' } };
  return normalise(proxyaddr(req as unknown as IncomingMessage, trustFunction(trusted)) || peer);
}
