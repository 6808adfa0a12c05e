import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { lookalikeCandidates, lookalikeNames, notifications, users } from '@/db/schema';
import {
  DEMO_WATCHED_NAME,
  demoLookalikeRecords,
  registeredAtOf,
  DEMO_LOOKALIKE_REGISTRATIONS,
} from '@/dev/peers/protocol-server/lookalike-dataset';
import { startProtocolServer } from '@/dev/peers/protocol-server/server';
import type { Actor } from '@/lib/auth/actor';
import { createDomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import { scheduleDueDomains } from '@/lib/jobs/tick';
import { markLookalike } from '@/lib/lookalikes/mark';
import { markLookalikeSchema, watchNameSchema } from '@/lib/lookalikes/schemas';
import { watchName } from '@/lib/lookalikes/watch';
import { runScanChunk } from '@/lib/scans/run';
import { watchedDomain } from '@/lib/scans/scope';

// The demo's look-alike watch, replayed the way the product would have lived it: the admin watched
// the registry's own domain ten days ago (watchName), the worker checked its candidates (the real
// scan runner and checker against a local protocol server that serves each registration from its
// date on), the scheduler's later scans found the new registrations and their MX and web records
// (the real alert path: audit rows and staff notices), and staff marked two of them (markLookalike).
// Each step runs on the demo's clock, the moment it happened.

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * The watch began ten days ago, at a time of day a few hours before the seed's, so that no candidate
 * is due right after it. Ten days hold two weekly rounds (each checks all 395 candidates, the
 * replay's longest step) and the daily checks that saw the new registrations' MX and web records.
 */
const WATCH_STARTED_BEFORE = 10 * DAY + 5 * HOUR;
/**
 * Wider than the worker's defaults (GK_SCAN_CONCURRENCY): the local peer needs no politeness, and
 * fewer, larger batches keep the first start short. The results do not depend on either.
 */
const REPLAY_TUNING = { concurrency: 48, batchSize: 100 };
/** The scheduler's tick found due candidates within a minute. */
const TICK_MS = 40_000;
/** The worker sent each alert's mail within seconds; the past's mail itself is not kept (see README). */
const SENT_AFTER_MS = 12_000;

const MARKS = [
  {
    domain: 'demo-registry.com',
    mark: 'benign' as const,
    reason: 'Ours: the registry’s defensive registration of the .com; it redirects to demo-registry.dev.',
    // The day after the watch began.
    before: WATCH_STARTED_BEFORE - DAY - 4 * HOUR,
  },
  {
    domain: 'dem0-registry.dev',
    mark: 'malicious' as const,
    reason:
      'Phishing: mail from noreply@dem0-registry.dev asked maintainers to "verify their email" at a copied login page. Reported to Namecheap’s abuse desk.',
    // A few hours after the daily check that saw its mail servers.
    before: DAY + 2 * HOUR,
  },
];

export interface LookalikeSeedSummary {
  name: string;
  candidates: number;
  registered: number;
}

export async function seedDemoLookalikes(db: Db, options: { now: Date }): Promise<LookalikeSeedSummary | null> {
  const [existing] = await db.select({ n: count() }).from(lookalikeNames);
  if ((existing?.n ?? 0) > 0) return null;
  const anchor = options.now;
  const start = Math.floor((anchor.getTime() - WATCH_STARTED_BEFORE) / 60_000) * 60_000;
  const admin = await demoActor(db, 'admin');
  const staff = await demoActor(db, 'staff');

  let clock = start;
  const server = await startProtocolServer({ host: '127.0.0.1', dns: true, domains: [], now: () => new Date(clock) });
  try {
    // The product's own checker configuration for the local peer (loopback is not paced).
    const checker = createDomainChecker(sourcesConfigFromEnv(envSchema.parse(server.env)));
    const serveAt = (at: number) => {
      clock = at;
      for (const r of DEMO_LOOKALIKE_REGISTRATIONS)
        if (registeredAtOf(r, anchor).getTime() > at) server.removeDomain(r.name);
      for (const record of demoLookalikeRecords(anchor, new Date(at))) server.setDomain(record.name, record);
    };
    const runScan = async (scanId: number, at: number) => {
      const before = await lastNoticeId(db);
      // The scan's own clock moves on from `at` as the real one does, so it starts before it finishes.
      const wall = Date.now();
      let last = at;
      const now = () => {
        last = Math.max(at + (Date.now() - wall), last + 1);
        return new Date(last);
      };
      for (let i = 0; i < 100; i += 1) {
        const outcome = await runScanChunk(scanId, { db, checker, budgetMs: 60_000, now, ...REPLAY_TUNING });
        if (outcome !== 'more' && outcome !== 'waiting') break;
      }
      await backdateNotices(db, before, at);
    };

    serveAt(start);
    const watched = await db.transaction((tx) =>
      watchName({
        ctx: { tx, actor: admin, now: new Date(start) },
        input: watchNameSchema.parse({ name: DEMO_WATCHED_NAME }),
      }),
    );
    await runScan(watched.scanId, start + 2_000);

    // Then the scheduler, from one due check to the next, up to the seed's moment; staff's marks
    // fall between scans at their own times.
    const pending = MARKS.map((m) => ({ ...m, at: anchor.getTime() - m.before }));
    for (;;) {
      const [due] = await db.execute<{ at: string | null }>(
        sql`select min(d.next_check_at) as at from domains d where ${watchedDomain}
          and d.id in (select domain_id from lookalike_candidates)`,
      );
      const next = due?.at ? new Date(due.at).getTime() + TICK_MS : Number.POSITIVE_INFINITY;
      const mark = pending[0];
      if (mark && mark.at <= Math.min(next, anchor.getTime())) {
        pending.shift();
        await db.transaction((tx) =>
          markLookalike({
            ctx: { tx, actor: staff, now: new Date(mark.at) },
            input: markLookalikeSchema.parse({ domain: mark.domain, mark: mark.mark, reason: mark.reason }),
          }),
        );
        continue;
      }
      if (next > anchor.getTime()) break;
      serveAt(next);
      const scanId = await scheduleDueDomains(db, new Date(next));
      if (scanId === null) throw new Error('demo look-alikes: due candidates but no scheduled scan');
      await runScan(scanId, next);
    }
    // Put under watch by the admin's watch, a month ago: the domains rows were inserted just now.
    await db.execute(sql`update domains set created_at = ${new Date(start).toISOString()}::timestamptz
      where id in (select domain_id from lookalike_candidates)`);
    const [registered] = await db
      .select({ n: count() })
      .from(lookalikeCandidates)
      .where(eq(lookalikeCandidates.registered, true));
    return { name: watched.name, candidates: watched.candidates, registered: registered?.n ?? 0 };
  } finally {
    await server.close();
  }
}

async function demoActor(db: Db, username: 'admin' | 'staff'): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo look-alikes: no ${username} account`);
  return { type: 'user', id: u.id, role: u.role, username: u.username };
}

async function lastNoticeId(db: Db): Promise<number> {
  const [n] = await db.select({ id: sql<number>`coalesce(max(${notifications.id}), 0)` }).from(notifications);
  return Number(n?.id ?? 0);
}

/**
 * The alert path stamps its notices with the database's clock; in the replay that is today, so they
 * are dated back to their scan. The audit rows keep today's time: the audit log is append-only, and
 * it says truthfully when the seed wrote them (their details name the scan).
 */
async function backdateNotices(db: Db, after: number, at: number) {
  const iso = new Date(at).toISOString();
  const sent = new Date(at + SENT_AFTER_MS).toISOString();
  await db
    .update(notifications)
    .set({
      createdAt: sql`${iso}::timestamptz`,
      nextAttemptAt: sql`${iso}::timestamptz`,
      sentAt: sql`case when ${notifications.channel} = 'in_app' then ${iso}::timestamptz else ${sent}::timestamptz end`,
      state: 'sent',
      attempts: sql`case when ${notifications.channel} = 'email' then 1 else ${notifications.attempts} end`,
    })
    .where(and(gt(notifications.id, after), eq(notifications.kind, 'lookalike_alert')));
}
