import { type TrustedProxies, clientIp } from './client-ip';

// The request side of clientIp(): where the peer's address comes from inside Next.js.
// scripts/start/peer-address.cjs (preloaded by `npm start`) writes it to x-gk-peer for every request
// and marks the process; only then is the header believed, since a client could send it too.

export const PEER_HEADER = 'x-gk-peer';
const PEER_STAMP = Symbol.for('gravekeeper.peer-stamp');
let warned = false;

export function peerStampActive(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_STAMP] === true;
}

/** The client's address for rate limits, from the request's headers. */
export function requestClientIp(headers: Headers, trusted: TrustedProxies): string {
  const forwarded = headers.get('x-forwarded-for');
  if (peerStampActive()) return clientIp(headers.get(PEER_HEADER) || 'unknown', forwarded, trusted);
  // Without the preload (`next dev`, a bare `next start`) the peer is unknown. Next wrote the socket
  // address into X-Forwarded-For only if the client sent none, so its last entry is the peer or a
  // value the client chose: the best there is, and not safe against a client that rotates it.
  if (!warned) {
    warned = true;
    console.warn(
      'gravekeeper: the web server runs without scripts/start/peer-address.cjs; per-client limits trust X-Forwarded-For.',
    );
  }
  const entries = (forwarded ?? '').split(',').map((s) => s.trim());
  const peer = entries.pop() || 'unknown';
  return clientIp(peer, entries.join(','), trusted);
}
