import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { currentRing, DERIVED_KID, type KeyRing, KeyRingError } from './sealing-ring';

// AES-256-GCM for secrets at rest (TOTP seeds, links queued in the outbox), so a copy of the
// database alone cannot mint second factors or use a reset link. A sealed value names its key:
// `v1.<kid>.<iv>.<tag>.<data>` (base64url; the version and kid are authenticated too), so keys can
// be rotated (lib/auth/sealing-ring.ts, `gk keys`). Values from before the ring are `<iv>.<tag>.<data>`
// under the derived key; they still open, and `gk keys rotate` re-seals them.

const VERSION = 'v1';
/** What sealedKeyId reports for a value in the old 3-part format. */
export const LEGACY_KID = 'legacy';

export function sealWith(ring: KeyRing, plain: string): string {
  const { kid, key } = ring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${kid}`));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, kid, ...[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'))].join('.');
}

/** The id of the key a value was sealed with (`legacy` for the old format). */
export function sealedKeyId(sealed: string): string {
  const parts = sealed.split('.');
  if (parts.length === 3) return LEGACY_KID;
  if (parts.length === 5 && parts[0] === VERSION && parts[1]) return parts[1];
  throw new KeyRingError('Malformed sealed value: neither v1.<kid>.<iv>.<tag>.<data> nor the old <iv>.<tag>.<data>.');
}

export function openWith(ring: KeyRing, sealed: string): string {
  const kid = sealedKeyId(sealed);
  const parts = sealed.split('.');
  const [iv, tag, data] = parts.slice(-3).map((p) => Buffer.from(p, 'base64url'));
  let key: Buffer | undefined;
  if (kid === LEGACY_KID) {
    key = ring.legacy ?? undefined;
    if (!key)
      throw new KeyRingError(
        'This value was sealed with the key derived from GK_ENCRYPTION_KEY or AUTH_SECRET, and neither is set.',
      );
  } else {
    key = ring.keys.get(kid);
    if (!key)
      throw new KeyRingError(
        kid === DERIVED_KID
          ? 'This value was sealed with the key derived from GK_ENCRYPTION_KEY or AUTH_SECRET, and neither is set.'
          : `This value was sealed with key "${kid}", which is not in the sealing key ring (${ring.source}). Put that key back in the ring.`,
      );
  }
  if (iv?.length !== 12 || tag?.length !== 16 || !data) throw new KeyRingError('Malformed sealed value.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (kid !== LEGACY_KID) decipher.setAAD(Buffer.from(`${VERSION}.${kid}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyRingError(
      `A sealed value failed its integrity check (key "${kid}"): it was altered, or sealed with a different key under that id.`,
    );
  }
}

/** Seals with the current key of this process's ring. */
export function seal(plain: string): string {
  return sealWith(currentRing(), plain);
}

/** Opens with whichever key of this process's ring the value names. */
export function open(sealed: string): string {
  return openWith(currentRing(), sealed);
}
