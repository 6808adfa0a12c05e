// A registry's side of Gravekeeper, in plain Node (18+, no dependencies): the three calls a registry
// makes. Copy what you need. `node examples/registry-client/demo.mjs` runs them against a server.
//
//   1. syncAccounts: push your accounts and their addresses (POST /api/v1/accounts:sync).
//   2. mayReceiveReset: inside your password-reset flow, before mailing a link
//      (GET /api/v1/recovery-eligibility); mail nothing unless it says eligible.
//   3. startWebhookReceiver: hear of unverified addresses, flags and domain changes as they happen,
//      each delivery's signature checked before it is trusted.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/** Pushes accounts in batches of at most 10,000; throws with Gravekeeper's sentence on a refused batch. */
export async function syncAccounts(baseUrl, token, accounts) {
  const totals = {};
  for (let i = 0; i < accounts.length; i += 10_000) {
    const response = await fetch(`${baseUrl}/api/v1/accounts:sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: accounts.slice(i, i + 10_000) }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`sync refused (${response.status}): ${body.message}`);
    for (const [k, v] of Object.entries(body)) totals[k] = (totals[k] ?? 0) + v;
  }
  return totals;
}

/**
 * True only when Gravekeeper says a reset link may go to `address` now. Any failure (network,
 * timeout, an unexpected answer) is a "no": a reset link must never go out on a guess.
 */
export async function mayReceiveReset(baseUrl, token, address) {
  try {
    const response = await fetch(`${baseUrl}/api/v1/recovery-eligibility?address=${encodeURIComponent(address)}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return { eligible: false, reason: `gravekeeper answered ${response.status}` };
    const answer = await response.json();
    return { eligible: answer.eligible === true, reason: answer.reason, answer };
  } catch (error) {
    return { eligible: false, reason: `gravekeeper unreachable: ${error.message}` };
  }
}

/** `Gravekeeper-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, at most 5 minutes old. */
export function verifySignature(secret, header, body, toleranceSeconds = 300) {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((p) => p.split('=', 2)),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * An HTTP server that accepts signed deliveries at any path: 204 for a good one (after `onEvent`),
 * 401 for a bad signature. A delivery can arrive more than once (retries, replays): `id` is the
 * event's own id, the same each time, so drop what you have seen.
 */
export function startWebhookReceiver({ port, host = '127.0.0.1', secret, onEvent }) {
  const seen = new Set();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      if (req.method !== 'POST' || !verifySignature(secret, req.headers['gravekeeper-signature'], body)) {
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body);
      if (!seen.has(event.id)) {
        seen.add(event.id);
        await onEvent(event);
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
