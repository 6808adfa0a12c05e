import { eq } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domains } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { DomainChecker } from '@/lib/domains/check';
import { inUrgentLane } from '@/lib/domains/host-limiter';
import { ensureDomainTracked } from '@/lib/domains/track';
import type { Stage } from '@/core/domains';
import { AppError } from '@/lib/errors';
import { processChecker } from './checker';
import { requestScan } from './request';
import { runScanChunk } from './run';

/**
 * Checks one domain against the live sources now, in this process, as a one-domain scan (recorded,
 * applied, audited like any other), and returns the fresh stage. Used where a decision must not
 * rest on a stored stage: re-verifying an address, "Rescan now" with --wait, a reset link to a
 * custom domain last checked long ago.
 */
export async function checkDomainNow(
  db: Db,
  domain: string,
  opts: {
    trigger: 'verification' | 'dashboard' | 'cli' | 'reset';
    actor: Actor;
    checker?: DomainChecker;
    now?: () => Date;
  },
): Promise<{ scanId: number; stage: Stage }> {
  await ensureDomainTracked(db, domain);
  const now = opts.now?.() ?? new Date();
  const { scanId } = await db.transaction((tx) =>
    requestScan({
      ctx: { tx, actor: opts.actor, now },
      input: { kind: 'domain', target: domain, trigger: opts.trigger },
    }),
  );
  const checker = opts.checker ?? processChecker(db);
  for (let slice = 0; slice < 20; slice += 1) {
    // Someone is waiting for this answer: it goes ahead of scheduled and full-scan requests.
    const outcome = await inUrgentLane(() => runScanChunk(scanId, { db, checker, budgetMs: 30_000, now: opts.now }));
    if (outcome === 'done') break;
    // Another worker is checking this very domain: wait for its lease, then take our turn.
    if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 500));
    else if (outcome !== 'more') throw new AppError('internal', `The check of ${domain} ended as ${outcome}.`);
  }
  const [row] = await db
    .select({ stage: domains.stage, failures: domains.consecutiveFailures })
    .from(domains)
    .where(eq(domains.name, domain));
  if (!row) throw new AppError('not_found', `${domain} is not watched.`);
  // A check whose sources all failed leaves the stored stage in place: report it as unknown.
  return { scanId, stage: row.failures > 0 ? 'unknown' : row.stage };
}
