import { spawn } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { scans } from '@/db/schema';
import { requestScan } from '@/lib/scans/request';

// bench:scan --workers N: N worker processes (scripts/bench/scan-worker.ts) on one full scan, one
// database, one rate-limited protocol-server process. Each run starts from a fresh provider budget
// and fresh server counters, so its figures are its own.

export interface ServerStats {
  requests: number;
  responses429: number;
  maxPerSecondByHost: Record<string, number>;
  maxPerSecondByPrefix: Record<string, number>;
}

/** The server's highest one-second count on a rate-limited path (RDAP registries, the status API). */
export function maxLimitedRate(stats: Pick<ServerStats, 'maxPerSecondByPrefix'>): number {
  const limited = Object.entries(stats.maxPerSecondByPrefix).filter(([key]) => / \/(rdap|v2)\/$/.test(key));
  return Math.max(0, ...limited.map(([, n]) => n));
}

export interface WorkersRun {
  workers: number;
  rateLimit: number;
  seconds: number;
  requests: number;
  responses429: number;
  /** The server's highest one-second count on a rate-limited path (429s included). */
  maxRateSeen: number;
}

interface Admin {
  url: string;
  setRate(perSecond: number): Promise<void>;
  stats(): Promise<ServerStats>;
  resetStats(): Promise<void>;
}

export function protocolAdmin(url: string, latencyMs: number): Admin {
  return {
    url,
    setRate: async (perSecond) => {
      const rules = [
        { match: { path: '/rdap/' }, rateLimit: { perSecond, retryAfterSeconds: 1 } },
        { match: { path: '/v2/status' }, rateLimit: { perSecond, retryAfterSeconds: 1 } },
        { latencyMs, jitterMs: latencyMs / 2 },
      ];
      await fetch(`${url}/_admin/faults`, { method: 'PUT', body: JSON.stringify({ rules }) });
    },
    stats: async () => (await (await fetch(`${url}/_admin/stats`)).json()) as ServerStats,
    resetStats: async () => {
      await fetch(`${url}/_admin/stats`, { method: 'DELETE' });
    },
  };
}

export async function runWithWorkers(
  db: Db,
  dbUrl: string,
  admin: Admin,
  opts: { workers: number; rateLimit: number; concurrency: number; registrarUrl: string; log: (line: string) => void },
): Promise<WorkersRun> {
  await admin.setRate(opts.rateLimit);
  await admin.resetStats();
  await db.execute(sql`delete from provider_budgets`);
  const { scanId } = await db.transaction((tx) =>
    requestScan({
      ctx: { tx, actor: { type: 'cli', operator: 'bench' }, now: new Date() },
      input: { kind: 'full', trigger: 'cli' },
    }),
  );
  const port = new URL(admin.url).port;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: opts.workers }, () => {
      const args = ['tsx', 'scripts/bench/scan-worker.ts', '--db', dbUrl, '--scan', String(scanId), '--port', port];
      args.push('--registrar', opts.registrarUrl);
      // The scanner is never told the limit: its ceiling is twice the server's.
      args.push('--ceiling', String(opts.rateLimit * 2), '--concurrency', String(opts.concurrency));
      const child = spawn('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      return new Promise<void>((resolve, reject) =>
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench worker exited ${code}`)))),
      );
    }),
  );
  const [scan] = await db.select().from(scans).where(eq(scans.id, scanId));
  if (scan?.state !== 'done') throw new Error(`scan #${scanId} ended ${scan?.state}`);
  // From the first worker's start of the scan to its end: process start-up (tsx) is not the scanner's.
  const seconds =
    scan.startedAt && scan.finishedAt
      ? (scan.finishedAt.getTime() - scan.startedAt.getTime()) / 1000
      : (performance.now() - t) / 1000;
  const stats = await admin.stats();
  const run: WorkersRun = {
    workers: opts.workers,
    rateLimit: opts.rateLimit,
    seconds,
    requests: stats.requests,
    responses429: stats.responses429,
    maxRateSeen: maxLimitedRate(stats),
  };
  opts.log(
    `${opts.workers} worker(s) at a limit of ${opts.rateLimit}/s per provider (told ${opts.rateLimit * 2}/s): ${seconds.toFixed(1)} s, ${run.requests} requests, ${run.responses429} answered 429, highest one-second count ${run.maxRateSeen}`,
  );
  return run;
}
