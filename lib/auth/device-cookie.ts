import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readEnv } from '@/lib/env';

// OWASP's "device cookie": after a successful sign-in, the browser gets a signed token naming the
// user. A sign-in that presents a valid one for the same username skips the per-account delay that
// strangers' failures build up (it has its own per-device delay instead), so ten wrong passwords
// from an attacker cannot lock the owner out of the browser they always use.

export const DEVICE_COOKIE = 'gk_device';
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function key(): Buffer | null {
  const env = readEnv();
  const material = env.AUTH_SECRET ?? env.GK_ENCRYPTION_KEY;
  return material ? Buffer.from(hkdfSync('sha256', material, 'gravekeeper', 'device-cookie', 32)) : null;
}

function mac(k: Buffer, username: string, nonce: string): string {
  return createHmac('sha256', k).update(`${username}\n${nonce}`).digest('base64url');
}

/** A new cookie value for `username` (normalised as at login): `<username b64url>.<nonce>.<hmac>`. */
export function issueDeviceCookie(username: string): string {
  const k = key();
  if (!k) throw new Error('AUTH_SECRET must be set to sign device cookies.');
  const nonce = randomBytes(16).toString('base64url');
  return `${Buffer.from(username).toString('base64url')}.${nonce}.${mac(k, username, nonce)}`;
}

/**
 * The device's id if `value` is a cookie this server signed for `username`; null for a missing,
 * malformed, forged or other user's cookie (all of which simply get no exemption).
 */
export function readDeviceCookie(value: string | null | undefined, username: string): { deviceId: string } | null {
  const k = key();
  if (!k || !value || value.length > 400) return null;
  const [name, nonce, signature, extra] = value.split('.');
  if (!name || !nonce || !signature || extra !== undefined) return null;
  if (Buffer.from(name, 'base64url').toString() !== username) return null;
  const expected = Buffer.from(mac(k, username, nonce));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { deviceId: nonce };
}

/** The cookie's value from a Cookie request header. */
export function deviceCookieFrom(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === DEVICE_COOKIE) return rest.join('=') || null;
  }
  return null;
}
