import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { scans } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { parseInput } from '@/lib/auth/parse-input';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/errors';

export const cancelScanSchema = z.object({ scanId: z.coerce.number().int().positive() });

/** Stops a queued or running scan; the worker notices between batches and keeps what it applied. */
export async function cancelScan({
  ctx,
  input,
}: {
  ctx: VerbContext<Actor>;
  input: z.input<typeof cancelScanSchema>;
}): Promise<void> {
  const { tx, actor, now } = ctx;
  const { scanId } = parseInput(cancelScanSchema, input);
  const [row] = await tx
    .update(scans)
    .set({ state: 'cancelled', finishedAt: now })
    .where(and(eq(scans.id, scanId), inArray(scans.state, ['queued', 'running'])))
    .returning({ id: scans.id });
  if (!row) {
    const [exists] = await tx.select({ state: scans.state }).from(scans).where(eq(scans.id, scanId));
    if (!exists) throw new AppError('not_found', `No scan #${scanId}.`);
    throw new AppError('conflict', `Scan #${scanId} is already ${exists.state}.`);
  }
  await recordAudit(tx, actor, { action: 'scan.cancel', targetType: 'scan', targetId: scanId });
}
