import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/auth/actor';
import { DERIVED_KID, parseKeyList, readKeyFile, ringLocation, writeKeyFile } from '@/lib/auth/sealing-ring';
import type { Env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { KEY_RING_LOCK, sealedValueCounts } from './usage';

/**
 * `gk keys retire <kid>`: removes an old key from the key file, refused while any value is still
 * sealed with it (that value could never be opened again) and for the current key.
 */
export async function retireSealingKey(
  db: Db,
  actor: Actor,
  options: { env: Env; kid: string },
): Promise<{ kid: string }> {
  const { kid } = options;
  if (kid === DERIVED_KID)
    throw new AppError(
      'invalid_input',
      `The "${DERIVED_KID}" key is not stored in the ring: it is derived from GK_ENCRYPTION_KEY or AUTH_SECRET.`,
    );
  const location = ringLocation(options.env);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_RING_LOCK})`);
    const keys =
      location.kind === 'file'
        ? readKeyFile(location.file)
        : parseKeyList(options.env.GK_SEALING_KEYS ?? '', 'GK_SEALING_KEYS');
    const index = keys.findIndex((k) => k.kid === kid);
    if (index < 0)
      throw new AppError(
        'not_found',
        `There is no key ${kid} in ${location.kind === 'file' ? location.file : 'GK_SEALING_KEYS'}.`,
      );
    if (index === 0)
      throw new AppError('conflict', `Key ${kid} is the current key: run \`gk keys rotate\` first, then retire it.`);
    const inUse = (await sealedValueCounts(tx))[kid] ?? 0;
    if (inUse > 0)
      throw new AppError(
        'conflict',
        `${inUse} sealed value(s) still use key ${kid}: run \`gk keys rotate\` first, then retire it.`,
      );
    if (location.kind === 'env')
      throw new AppError(
        'conflict',
        `The ring is GK_SEALING_KEYS: no value uses key ${kid}, so remove it from GK_SEALING_KEYS on every process yourself.`,
      );
    writeKeyFile(
      location.file,
      keys.filter((k) => k.kid !== kid),
    );
    await recordAudit(tx, actor, { action: 'keys.retire', targetType: 'sealing_key', targetId: kid });
    return { kid };
  });
}
