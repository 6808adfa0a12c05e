import net from 'node:net';
import { type Resolve, systemResolve } from '@/lib/domains/outbound-agent';
import { effectivePort, type OutboundPolicy } from '@/lib/domains/outbound-policy';

/**
 * Why a webhook URL may not be registered, in words, or null: the outbound rules of provider
 * requests. HTTPS only, and never a private, loopback or link-local target, unless the operator
 * allowed the host (GK_OUTBOUND_ALLOW: a development receiver). Checked again at every delivery
 * by the outbound agent, so a name that later resolves to a private address is refused then too.
 */
export async function webhookTargetRefusal(
  raw: string,
  policy: OutboundPolicy,
  resolve: Resolve = systemResolve,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, such as https://registry.example/hooks/gravekeeper.';
  }
  if (url.username || url.password) return 'Leave credentials out of the URL; deliveries are signed instead.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowsHost(host, effectivePort(url))) return null;
  if (url.protocol !== 'https:') return 'Use an https:// URL: events are sent only over HTTPS.';
  if (net.isIP(host)) {
    const why = policy.addressRefusal(host);
    return why ? `${host} is a ${why} address; events are never sent there.` : null;
  }
  let addresses: { address: string }[];
  try {
    addresses = await resolve(host);
  } catch {
    return `${host} does not resolve; check the URL.`;
  }
  for (const { address } of addresses) {
    const why = policy.addressRefusal(address);
    if (why) return `${host} resolves to ${address}, a ${why} address; events are never sent there.`;
  }
  return null;
}
