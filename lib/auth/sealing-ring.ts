import { hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Env, readEnv } from '@/lib/env';

// The keys that seal secrets at rest (TOTP seeds, links queued in the outbox). A ring, so keys can
// be rotated: the first key seals, every key opens. Where the ring lives:
// - GK_SEALING_KEYS=`kid:base64key,kid2:base64key` when set (the operator manages it);
// - otherwise the file <GK_DATA_DIR>/sealing-keys, one `kid:base64key` a line, which `npm start`
//   creates and `gk keys rotate|retire` edits. Processes re-read it when it changes, so a running
//   web server and worker follow a rotation without a restart.
// The key derived from GK_ENCRYPTION_KEY or AUTH_SECRET (how values were sealed before the ring, in
// the 3-part format) is kept as kid `derived` to open old values, and seals only when the ring is empty.

export const DERIVED_KID = 'derived';
const KID = /^[A-Za-z0-9_-]{1,40}$/;

export interface SealingKey {
  kid: string;
  key: Buffer;
}

export interface KeyRing {
  current: SealingKey;
  keys: ReadonlyMap<string, Buffer>;
  /** The derived key, for values in the old 3-part format; null without GK_ENCRYPTION_KEY/AUTH_SECRET. */
  legacy: Buffer | null;
  /** Where the ring came from, for error messages. */
  source: string;
}

export class KeyRingError extends Error {}

/** `kid:base64key` entries separated by commas or newlines; keys are 32 bytes (base64 or base64url). */
export function parseKeyList(text: string, source: string): SealingKey[] {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    if (!KID.test(kid) || kid === DERIVED_KID)
      throw new KeyRingError(
        `${source}: each key is kid:base64key, the kid 1-40 letters, digits, - or _ (not "${DERIVED_KID}")`,
      );
    if (seen.has(kid)) throw new KeyRingError(`${source}: the key id ${kid} appears twice`);
    seen.add(kid);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32)
      throw new KeyRingError(`${source}: key ${kid} must be 32 bytes, base64-encoded (it is ${key.length})`);
    return { kid, key };
  });
}

export function formatKeyList(keys: readonly SealingKey[]): string {
  return keys.map((k) => `${k.kid}:${k.key.toString('base64url')}\n`).join('');
}

/** A fresh key; the id says when it was made, so `gk keys list` reads in order. */
export function generateKey(now = new Date()): SealingKey {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return { kid: `k${day}-${randomBytes(3).toString('hex')}`, key: randomBytes(32) };
}

export function derivedKey(material: string | undefined): Buffer | null {
  // Same derivation as before the ring, so values sealed then still open.
  return material ? Buffer.from(hkdfSync('sha256', material, 'gravekeeper', 'totp-secret', 32)) : null;
}

export function buildRing(keys: readonly SealingKey[], legacy: Buffer | null, source: string): KeyRing {
  const map = new Map(keys.map((k) => [k.kid, k.key]));
  if (legacy) map.set(DERIVED_KID, legacy);
  const current = keys[0] ?? (legacy ? { kid: DERIVED_KID, key: legacy } : null);
  if (!current)
    throw new KeyRingError(
      'No sealing key: set GK_SEALING_KEYS, or GK_ENCRYPTION_KEY or AUTH_SECRET (npm start sets these up itself).',
    );
  return { current, keys: map, legacy, source };
}

export const keyFilePath = (dataDir: string) => path.resolve(dataDir, 'sealing-keys');

export function readKeyFile(file: string): SealingKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseKeyList(text, file);
}

/** Replaces the file in one rename, so a reader never sees half a ring. */
export function writeKeyFile(file: string, keys: readonly SealingKey[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, formatKeyList(keys), { mode: 0o600 });
  renameSync(temporary, file);
}

/** The ring source in use: 'env' (GK_SEALING_KEYS) or the key file's path. */
export function ringLocation(env: Env): { kind: 'env' } | { kind: 'file'; file: string } {
  return env.GK_SEALING_KEYS ? { kind: 'env' } : { kind: 'file', file: keyFilePath(env.GK_DATA_DIR) };
}

let cache: { stamp: string; ring: KeyRing } | undefined;

/** This process's ring, re-read when GK_SEALING_KEYS or the key file changes. */
export function currentRing(env: Env = readEnv()): KeyRing {
  const location = ringLocation(env);
  const material = env.GK_ENCRYPTION_KEY ?? env.AUTH_SECRET;
  let stamp: string;
  if (location.kind === 'env') stamp = `env:${env.GK_SEALING_KEYS}:${material ?? ''}`;
  else {
    const stat = statSync(location.file, { throwIfNoEntry: false });
    stamp = `file:${location.file}:${stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : 'none'}:${material ?? ''}`;
  }
  if (cache?.stamp === stamp) return cache.ring;
  const ring =
    location.kind === 'env'
      ? buildRing(parseKeyList(env.GK_SEALING_KEYS ?? '', 'GK_SEALING_KEYS'), derivedKey(material), 'GK_SEALING_KEYS')
      : buildRing(readKeyFile(location.file), derivedKey(material), location.file);
  cache = { stamp, ring };
  return ring;
}
