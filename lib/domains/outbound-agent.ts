import dns from 'node:dns';
import net from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { OutboundPolicy } from '@/lib/domains/outbound-policy';

// The connection side of the outbound policy. The check sits in the socket's own lookup: the
// addresses we check are the addresses the socket connects to, so a name that resolves to a public
// address when asked once and to 127.0.0.1 when asked again (DNS rebinding) cannot slip through a
// check made earlier. One refused address refuses the whole name: we fail closed.

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Name → addresses. The default asks the system resolver; tests pass a resolver pointed at a local DNS server. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** A connection we refused to make; transport errors carrying it become `blocked_target` SourceErrors. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void;

function checkedLookup(policy: OutboundPolicy, resolve: Resolve) {
  return (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback) => {
    const family =
      options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname).then(
      (addresses) => {
        // Every address is checked, not only the one we would try first: happy eyeballs may use any.
        for (const { address } of addresses) {
          const why = policy.addressRefusal(address);
          if (why)
            return callback(new OutboundRefused(`${hostname} resolves to ${address}, a ${why} address; refused`), '');
        }
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = usable[0];
        if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, usable);
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

export interface OutboundAgentOptions {
  resolve?: Resolve;
  /** Extra CA certificates (PEM) to trust, e.g. a development server's own. */
  ca?: string;
}

/** An undici Agent that connects only where `policy` allows. */
export function createOutboundAgent(policy: OutboundPolicy, options: OutboundAgentOptions = {}): Agent {
  const tls = options.ca ? { ca: options.ca } : {};
  const open = buildConnector({ ...tls });
  const guarded = buildConnector({
    ...tls,
    lookup: checkedLookup(policy, options.resolve ?? systemResolve),
  } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (opts, callback) => {
    const hostname = opts.hostname.replace(/^\[|\]$/g, '');
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    if (policy.allowsHost(hostname, port)) return open(opts, callback);
    // An address literal is never looked up, so it is checked here.
    if (net.isIP(hostname)) {
      const why = policy.addressRefusal(hostname);
      if (why) return callback(new OutboundRefused(`${hostname} is a ${why} address; refused`), null);
      return open(opts, callback);
    }
    return guarded(opts, callback);
  };
  return new Agent({ connect });
}
