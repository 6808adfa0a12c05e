import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readEnv } from '@/lib/env';

// AES-256-GCM for secrets at rest (TOTP seeds). The key comes from GK_ENCRYPTION_KEY, or is derived
// from AUTH_SECRET, so a copy of the database alone cannot mint second factors.
function key(): Buffer {
  const env = readEnv();
  const material = env.GK_ENCRYPTION_KEY ?? env.AUTH_SECRET;
  if (!material) throw new Error('GK_ENCRYPTION_KEY or AUTH_SECRET must be set to store second factors.');
  return Buffer.from(hkdfSync('sha256', material, 'gravekeeper', 'totp-secret', 32));
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

export function open(sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) throw new Error('Malformed sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
