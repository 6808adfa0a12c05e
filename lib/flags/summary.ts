import { sql } from 'drizzle-orm';
import type { Stage } from '@/core/domains';
import { flags } from '@/db/schema';
import type { FlagState } from '@/db/schema/enums';

// What every list of flags shows of one (the flags page, a user's page, a domain's page): its state,
// the stage that opened it, and when. Dates are ISO strings, as they cross to the client.

export interface FlagSummary {
  id: number;
  state: FlagState;
  /** The stage when the flag was opened (or last escalated). */
  stage: Stage;
  createdAt: string;
  resolvedAt: string | null;
}

/** The columns behind a FlagSummary, to spread into a select. */
export const flagSummaryColumns = {
  id: flags.id,
  state: flags.state,
  stage: flags.stage,
  createdAt: flags.createdAt,
  resolvedAt: flags.resolvedAt,
};

/** Newest first; the id breaks ties, so the order is stable. */
export const newestFlagsFirst = [sql`${flags.createdAt} desc nulls last`, sql`${flags.id} desc nulls last`];

/** A selected row with its dates as ISO strings. */
export function withIsoDates<T extends { createdAt: Date; resolvedAt: Date | null }>(row: T) {
  return { ...row, createdAt: row.createdAt.toISOString(), resolvedAt: row.resolvedAt?.toISOString() ?? null };
}
