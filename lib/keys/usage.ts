import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { LEGACY_KID } from '@/lib/auth/secret-box';
import { SEALED_LINK_KEY } from '@/lib/notify/queue-mail';

// Every sealed value in the database, by the key that sealed it: users' TOTP secrets, the links
// queued in the outbox (dropped once their mail is sent or failed) and webhook signing secrets. A
// new sealed column must be added here and in resealAll, or rotation would leave it on a key that
// `retire` then removes.

/** Sealing-key lock for rotate and retire: one key-ring change at a time. */
export const KEY_RING_LOCK = 0x67_6b_6b_72; // "gkkr"

const SEALED_VALUES = sql`
  select totp_secret_enc as v from users where totp_secret_enc is not null
  union all
  select payload->>${SEALED_LINK_KEY} from notifications where payload ? ${SEALED_LINK_KEY}
  union all
  select secret_enc from webhook_endpoints`;

/** How many values each key id seals (`legacy` = the old 3-part format). */
export async function sealedValueCounts(db: DbOrTx): Promise<Record<string, number>> {
  const rows = (await db.execute(sql`
    select case when split_part(v, '.', 1) = 'v1' then split_part(v, '.', 2) else ${LEGACY_KID} end as kid, count(*)::int as n
    from (${SEALED_VALUES}) sealed group by 1`)) as unknown as { kid: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kid, r.n]));
}
