import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domains, emails } from '@/db/schema';

// A reset link is the one mail that hands over an account. The gate at request time trusts the
// domain's stored stage, but a custom domain can lapse or change hands between two scheduled checks;
// so before such a link leaves, a domain whose last successful check is older than `maxAgeMs` is
// checked again, live. The check applies its result like any scan (flag, unverify, notices), and the
// send-time gate (recipientProblem) then reads the stored state as usual: a domain now lapsing or
// re-registered gets no link. A check that cannot answer changes no stage (the scan rules keep the
// stored one on error), so the last stored result decides: an error never unverifies and never verifies.

export interface ResetRecheckOptions {
  /** A custom domain whose last successful check is older than this is checked again first. */
  maxAgeMs: number;
  /** How long the sender waits for the checks of one batch; past it, the stored result decides. */
  timeoutMs: number;
  /** Checks the domain live and applies the result (checkDomainNow); the answer is read back from the db. */
  check: (domain: string) => Promise<unknown>;
  log?: (line: string) => void;
}

export interface ResetRow {
  userId: number;
  address: string | null;
}

/**
 * The custom domains of these reset recipients whose last successful check is stale: never checked
 * (or not watched yet), checked before `now - maxAgeMs`, or the last check failed. Only verified
 * addresses of the row's own user count; the send-time gate refuses the others without a check.
 */
export async function staleResetDomains(db: Db, rows: ResetRow[], now: Date, maxAgeMs: number): Promise<string[]> {
  const addresses = [...new Set(rows.flatMap((r) => (r.address ? [r.address.toLowerCase()] : [])))];
  if (addresses.length === 0) return [];
  const found = await db
    .select({
      userId: emails.userId,
      address: emails.address,
      domain: emails.domain,
      checkedAt: domains.lastCheckedAt,
      failures: domains.consecutiveFailures,
      trusted: sql<boolean>`exists (select 1 from domain_lists l where l.domain = "emails"."domain" and l.list = 'trusted')`,
    })
    .from(emails)
    .leftJoin(domains, eq(domains.name, emails.domain))
    .where(and(inArray(emails.address, addresses), eq(emails.verified, true)));
  const cutoff = now.getTime() - maxAgeMs;
  const stale = found.filter(
    (e) =>
      !e.trusted &&
      rows.some((r) => r.userId === e.userId && r.address?.toLowerCase() === e.address) &&
      (e.checkedAt === null || e.checkedAt.getTime() < cutoff || (e.failures ?? 0) > 0),
  );
  return [...new Set(stale.map((e) => e.domain))];
}

/**
 * Checks the stale domains of a batch's reset recipients at once, waiting at most `timeoutMs` in all
 * (so a batch stays well inside its outbox lease). A check still running past that goes on in the
 * background; it records a scan, and its late result is applied by the usual scan rules.
 */
export async function recheckResetDomains(
  db: Db,
  rows: ResetRow[],
  now: Date,
  options: ResetRecheckOptions,
): Promise<void> {
  const log = options.log ?? ((line: string) => console.error(line));
  const stale = await staleResetDomains(db, rows, now, options.maxAgeMs);
  if (stale.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const checks = stale.map(async (domain) => {
    const outcome = await Promise.race([
      options.check(domain).then(
        () => 'done' as const,
        (error: unknown) => {
          // Swallowed on purpose: the stored result decides, and the row is still gated below.
          log(
            `[outbox] fresh check of ${domain} before a reset link failed (${error instanceof Error ? error.message : String(error)}); the stored result decides`,
          );
          return 'error' as const;
        },
      ),
      deadline,
    ]);
    if (outcome === 'timeout')
      log(
        `[outbox] fresh check of ${domain} before a reset link did not answer within ${options.timeoutMs} ms; the stored result decides`,
      );
  });
  try {
    await Promise.all(checks);
  } finally {
    clearTimeout(timer);
  }
}
