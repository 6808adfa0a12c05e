import type PgBoss from 'pg-boss';
import { readEnv } from '@/lib/env';
import { sendScanSlice, startBoss } from './boss';

const globalForBoss = globalThis as unknown as { gkSender?: Promise<PgBoss> };

/** The process's sending pg-boss (web process, CLI), started on first use. */
function sender(): Promise<PgBoss> {
  const url = readEnv().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  globalForBoss.gkSender ??= startBoss(url, 'sender');
  return globalForBoss.gkSender;
}

/**
 * Hands a committed scan row to the workers. If this fails the scan stays queued and the workers'
 * minute tick picks it up, so a request is never lost. `lane: 'now'` for on-demand rescans: their
 * own queue, polled by every worker beside the scan queue.
 */
export async function enqueueScan(scanId: number, lane?: 'now'): Promise<void> {
  try {
    await sendScanSlice(await sender(), { scanId, slice: 0, ...(lane ? { lane } : {}) });
  } catch (error) {
    console.error(`[gravekeeper] could not enqueue scan #${scanId} now; the worker tick will pick it up`, error);
  }
}
