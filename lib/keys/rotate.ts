import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/auth/actor';
import { openWith, sealedKeyId, sealWith } from '@/lib/auth/secret-box';
import {
  currentRing,
  generateKey,
  type KeyRing,
  readKeyFile,
  ringLocation,
  writeKeyFile,
} from '@/lib/auth/sealing-ring';
import type { Env } from '@/lib/env';
import { SEALED_LINK_KEY } from '@/lib/notify/queue-mail';
import { KEY_RING_LOCK, sealedValueCounts } from './usage';

export interface RotateResult {
  /** The key now sealing. */
  current: string;
  /** The key this rotation added (null when the ring is GK_SEALING_KEYS, which the operator edits). */
  added: string | null;
  resealed: { users: number; notifications: number; webhooks: number };
  /** Values per key id before the rotation. */
  before: Record<string, number>;
}

/**
 * `gk keys rotate`: with the key file, adds a fresh current key; then re-seals every sealed value
 * under the current key, in one transaction with its audit row, so enrolled 2FA and queued links
 * keep working and the old key can be retired. Old keys stay in the ring until `gk keys retire`.
 * With GK_SEALING_KEYS the operator puts the new key first (on every process) and this re-seals.
 * If the transaction fails after the file got its new key, the key stays: unused, and harmless.
 */
export async function rotateSealingKeys(
  db: Db,
  actor: Actor,
  options: { env: Env; now?: Date },
): Promise<RotateResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_RING_LOCK})`);
    const before = await sealedValueCounts(tx);
    const location = ringLocation(options.env);
    let added: string | null = null;
    if (location.kind === 'file') {
      const fresh = generateKey(options.now);
      writeKeyFile(location.file, [fresh, ...readKeyFile(location.file)]);
      added = fresh.kid;
    }
    const ring = currentRing(options.env);
    const resealed = await resealAll(tx, ring);
    await recordAudit(tx, actor, {
      action: 'keys.rotate',
      targetType: 'sealing_key',
      targetId: ring.current.kid,
      details: { added, resealed, before },
    });
    return { current: ring.current.kid, added, resealed, before };
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function resealAll(tx: Tx, ring: KeyRing): Promise<RotateResult['resealed']> {
  const stale = (value: string) => sealedKeyId(value) !== ring.current.kid;
  const userRows = (await tx.execute(
    sql`select id, totp_secret_enc as v from users where totp_secret_enc is not null order by id for update`,
  )) as unknown as { id: number; v: string }[];
  let users = 0;
  for (const row of userRows.filter((r) => stale(r.v))) {
    await tx.execute(
      sql`update users set totp_secret_enc = ${sealWith(ring, openWith(ring, row.v))} where id = ${row.id}`,
    );
    users += 1;
  }
  const mailRows = (await tx.execute(
    sql`select id, payload->>${SEALED_LINK_KEY} as v from notifications where payload ? ${SEALED_LINK_KEY} order by id for update`,
  )) as unknown as { id: number; v: string }[];
  let notifications = 0;
  for (const row of mailRows.filter((r) => stale(r.v))) {
    const value = sealWith(ring, openWith(ring, row.v));
    await tx.execute(
      sql`update notifications set payload = jsonb_set(payload, ${`{${SEALED_LINK_KEY}}`}::text[], to_jsonb(${value}::text)) where id = ${row.id}`,
    );
    notifications += 1;
  }
  const hookRows = (await tx.execute(
    sql`select id, secret_enc as v from webhook_endpoints order by id for update`,
  )) as unknown as { id: number; v: string }[];
  let webhooks = 0;
  for (const row of hookRows.filter((r) => stale(r.v))) {
    await tx.execute(
      sql`update webhook_endpoints set secret_enc = ${sealWith(ring, openWith(ring, row.v))} where id = ${row.id}`,
    );
    webhooks += 1;
  }
  return { users, notifications, webhooks };
}
