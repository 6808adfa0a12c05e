import { createDb } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { resolveDatabase } from '@/db/runtime';
import { appBaseUrl, readEnv } from '@/lib/env';
import { startBoss } from '@/lib/jobs/boss';
import { startWorker } from '@/lib/jobs/worker';
import { startWebhookWorker } from '@/lib/webhooks/worker';
import { startOutboxWorker } from '@/lib/notify/outbox-worker';
import { checkDomainNow } from '@/lib/scans/check-now';
import { processChecker } from '@/lib/scans/checker';
import { releaseEmbeddedPostgresExitHooks } from './start/embedded-postgres-hooks';

// `npm run worker`: one background worker. Run as many as you like, on as many machines, against
// one DATABASE_URL: jobs, leases and the scheduler all live in PostgreSQL.

// This process stops in its own order (below), not through embedded-postgres's exit hooks, which
// would exit it at the first signal, midway (scripts/start/embedded-postgres-hooks.ts).
releaseEmbeddedPostgresExitHooks();
// A signal during startup is kept, and acted on once everything below has started.
let stopAsked = false;
let stopNow: (() => void) | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopAsked) return;
    stopAsked = true;
    stopNow?.();
  });
}
const env = readEnv();
const log = (line: string) => process.stdout.write(`[worker ${process.pid}] ${line}\n`);
const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.GK_DATA_DIR, log });
await migrateDatabase(database.url);
const { db, close } = createDb(database.url, { max: 8, appName: 'gravekeeper-worker' });
const boss = await startBoss(database.url, 'worker');
const worker = await startWorker({
  db,
  boss,
  checker: processChecker(db),
  log,
  resetAttemptRetentionDays: env.GK_RESET_ATTEMPT_RETENTION_DAYS,
  tuning: {
    concurrency: env.GK_SCAN_CONCURRENCY,
    sliceSeconds: env.GK_SCAN_SLICE_SECONDS,
    leaseSeconds: env.GK_SCAN_LEASE_SECONDS,
    stallSeconds: env.GK_SCAN_STALL_SECONDS,
    tickSeconds: env.GK_TICK_SECONDS,
  },
});
// The outbox sender (issue #7): queued mail goes out over SMTP_URL; without it mail stays queued.
// Before a reset link goes to a custom domain last checked long ago, the domain is checked live first.
const recheck = {
  maxAgeMs: env.GK_RESET_RECHECK_HOURS * 3_600_000,
  timeoutMs: 30_000,
  check: (domain: string) => checkDomainNow(db, domain, { trigger: 'reset', actor: { type: 'job', name: 'outbox' } }),
  log,
};
const outbox = env.SMTP_URL
  ? startOutboxWorker(db, { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, appUrl: appBaseUrl(env), log, recheck })
  : null;
if (!outbox) log('SMTP_URL is not set: mail stays queued in the outbox');
// Webhook deliveries (issue 13), under the same outbound rules as provider requests.
const webhooks = startWebhookWorker(db, { allow: env.GK_OUTBOUND_ALLOW, log });
log(`ready (${database.mode === 'external' ? 'DATABASE_URL' : `embedded PostgreSQL, ${database.mode}`})`);

// Stopped in the order that lets each part finish with the database still open: no new tick (the
// one in flight completes), the outbox loop after its current run, scan slices in progress (pg-boss's
// graceful stop), and only then this process's pool. A repeated signal does not start a second stop.
async function stop() {
  await worker.stop();
  await outbox?.stop();
  await webhooks.stop();
  await boss.stop({ graceful: true, timeout: 15_000 }).catch(() => {});
  await close();
  await database.stop();
}
stopNow = () => {
  void stop().then(
    () => process.exit(0),
    (error) => {
      log(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
};
if (stopAsked) stopNow();
