import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@/db/connect';
import { domains, emails, scans, users } from '@/db/schema';
import { createDomainChecker, type DomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import { type DomainRecord, recordFor, type Scenario } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { type RequestScanInput, requestScan } from '@/lib/scans/request';
import { runScanChunk } from '@/lib/scans/run';

export const CLI = { type: 'cli' as const, operator: 'test' };

export interface Harness {
  server: ProtocolServer;
  checker: DomainChecker;
}

/** A local protocol server serving `records`, and a checker pointed at it, for one test file. */
export function setupProtocolServer(
  records: () => DomainRecord[],
  faults?: NonNullable<Parameters<typeof startProtocolServer>[0]>['faults'],
): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.server = await startProtocolServer({ domains: records(), faults, dns: true });
    h.checker = createDomainChecker(
      sourcesConfigFromEnv(envSchema.parse(h.server.env), {
        http: { timeoutMs: 5_000, retries: 2, backoffBaseMs: 20, backoffMaxMs: 100 },
      }),
    );
  });
  afterAll(async () => h.server?.close());
  return h;
}

export const record = (scenario: Scenario, name: string, now = new Date()) => recordFor(scenario, name, now);

/**
 * Adds `count` maintainers with an address on `domain` (verified when the record says the owner
 * verified it) and each a verified backup at gmail.com; puts the domain under watch.
 */
export async function addMaintainers(
  db: Db,
  domain: string,
  count: number,
  rec: DomainRecord,
  prefix = domain.split('.')[0],
) {
  await db.insert(domains).values({ name: domain, nextCheckAt: new Date() }).onConflictDoNothing();
  const verifiedAt = rec.verifiedAt ? new Date(rec.verifiedAt) : new Date(Date.now() - 400 * 86_400_000);
  const created = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({ username: `${prefix}-m${i}`, name: `M ${i}`, passwordHash: 'x' })),
    )
    .returning({ id: users.id, username: users.username });
  await db.insert(emails).values(
    created.flatMap((u) => [
      { userId: u.id, address: `${u.username}@${domain}`, domain, isPrimary: true, verified: true, verifiedAt },
      { userId: u.id, address: `${u.username}@gmail.com`, domain: 'gmail.com', verified: true, verifiedAt },
    ]),
  );
  return created;
}

/** Requests a scan and works it to the end; `now` is the scan's clock (default: the wall clock). */
export async function scanToEnd(
  db: Db,
  checker: DomainChecker,
  input: RequestScanInput,
  now: () => Date = () => new Date(),
): Promise<typeof scans.$inferSelect> {
  const { scanId } = await db.transaction((tx) => requestScan({ ctx: { tx, actor: CLI, now: now() }, input }));
  for (let i = 0; i < 200; i += 1) {
    const outcome = await runScanChunk(scanId, { db, checker, budgetMs: 10_000, leaseSeconds: 5, now });
    if (outcome === 'done' || outcome === 'cancelled' || outcome === 'failed') break;
    if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 200));
  }
  const [scan] = await db.select().from(scans).where(eq(scans.id, scanId));
  return scan!;
}

export async function addressState(db: Db, domain: string) {
  const rows = await db.execute<{ verified: boolean; reason: string | null; flags: number; open: number }>(sql`
    select e.verified, e.unverify_reason as reason,
      (select count(*)::int from flags f where f.email_id = e.id) as flags,
      (select count(*)::int from flags f where f.email_id = e.id and f.state in ('open','pending_review')) as open
    from emails e where e.domain = ${domain} order by e.id`);
  return rows;
}
