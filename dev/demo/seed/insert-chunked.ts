import type { Db } from '@/db/connect';
import type { domainObservations, domains, emails, flags, scans, users } from '@/db/schema';

type Insertable =
  | typeof users
  | typeof domains
  | typeof emails
  | typeof flags
  | typeof domainObservations
  | typeof scans;
export type SeedTx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Inserts rows in chunks and returns them as stored, in order. postgres.js caps a statement at 65k
 * parameters; 500 rows keep every insert well under it (`size` for narrow rows).
 */
export async function insertChunked<T extends Insertable>(
  tx: SeedTx,
  table: T,
  rows: T['$inferInsert'][],
  size = 500,
): Promise<T['$inferSelect'][]> {
  const out: T['$inferSelect'][] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (chunk.length)
      out.push(
        ...((await tx
          .insert(table)
          .values(chunk as never)
          .returning()) as T['$inferSelect'][]),
      );
  }
  return out;
}
