import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Deliveries are signed as Stripe and GitHub sign theirs: `Gravekeeper-Signature: t=<unix seconds>,v1=<hex>`
// where v1 = HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp inside the signed text lets a
// receiver refuse a replayed delivery (older than its tolerance) even with a valid signature.

export const SIGNATURE_HEADER = 'gravekeeper-signature';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * What a receiver runs: true when `header` signs `body` with `secret` and its time is within
 * `toleranceSeconds` of `now`. (examples/registry-client shows it in a receiving server.)
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null,
  body: string,
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
