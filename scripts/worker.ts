import { createDb } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { resolveDatabase } from '@/db/runtime';
import { appBaseUrl, readEnv } from '@/lib/env';
import { startBoss } from '@/lib/jobs/boss';
import { startWorker } from '@/lib/jobs/worker';
import { startOutboxWorker } from '@/lib/notify/outbox-worker';
import { checkDomainNow } from '@/lib/scans/check-now';
import { processChecker } from '@/lib/scans/checker';

// `npm run worker`: one background worker. Run as many as you like, on as many machines, against
// one DATABASE_URL: jobs, leases and the scheduler all live in PostgreSQL.

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
log(`ready (${database.mode === 'external' ? 'DATABASE_URL' : `embedded PostgreSQL, ${database.mode}`})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    worker.stop();
    await outbox?.stop();
    // Graceful: running slices finish (or their jobs expire and another worker retries them).
    await boss.stop({ graceful: true, timeout: 15_000 }).catch(() => {});
    await close();
    await database.stop();
    process.exit(0);
  });
}
