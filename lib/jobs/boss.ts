import PgBoss from 'pg-boss';

// Background work runs on PostgreSQL (pg-boss), so more workers on more machines only need the
// same DATABASE_URL. Queue names are declared once here.
export const QUEUES = {
  /** One slice of one scan: { scanId, slice }. */
  scan: 'gk-scan',
  /**
   * On-demand scans (a staff member's "Rescan now" of a domain or user): a lane of their own that
   * every worker polls beside the scan queue, so they never wait for a full scan's slice to end.
   */
  scanNow: 'gk-scan-now',
} as const;

export interface ScanJob {
  scanId: number;
  slice: number;
  /** 'now': an on-demand scan, sent to QUEUES.scanNow and checked ahead of other work at each provider. */
  lane?: 'now';
}

/**
 * A started pg-boss on `url`. `role: 'sender'` (the web process, the CLI) only sends jobs; a
 * worker also maintains the queues and runs the cron schedule.
 */
export async function startBoss(url: string, role: 'sender' | 'worker'): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: `gravekeeper-${role}`,
    max: role === 'worker' ? 4 : 2,
    supervise: role === 'worker',
    schedule: role === 'worker',
    migrate: true,
  });
  boss.on('error', (error) => console.error('[gravekeeper] pg-boss:', error.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}

/**
 * A slice's job expires (and pg-boss retries it) when its worker dies without finishing; the
 * workers' tick also takes over a scan whose heartbeat went quiet (GK_SCAN_STALL_SECONDS).
 */
export const SCAN_SLICE = { expireInSeconds: 15 * 60, retryLimit: 50, retryDelay: 5 } as const;

export async function sendScanSlice(boss: PgBoss, job: ScanJob, startAfterSeconds = 0): Promise<void> {
  await boss.send(job.lane === 'now' ? QUEUES.scanNow : QUEUES.scan, job, {
    // One job per slice of a scan: a retried or doubled enqueue cannot run the same slice twice.
    singletonKey: `scan:${job.scanId}:${job.slice}`,
    expireInSeconds: SCAN_SLICE.expireInSeconds,
    retryLimit: SCAN_SLICE.retryLimit,
    retryDelay: SCAN_SLICE.retryDelay,
    startAfter: startAfterSeconds,
  });
}
