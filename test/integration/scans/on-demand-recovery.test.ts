import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { domains } from '@/db/schema';
import { QUEUES, startBoss } from '@/lib/jobs/boss';
import { type RunningWorker, startWorker } from '@/lib/jobs/worker';
import { requestScan } from '@/lib/scans/request';
import { addMaintainers, CLI, record, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// A rescan whose enqueue was lost (the web process died between commit and send) is found by the
// workers' tick; a staff member's rescan goes back to the on-demand lane, a scheduled scan does not.

const t = setupTestDatabase();
const h = setupProtocolServer(() => [record('active', 'lost.dev'), record('active', 'plain.dev')]);
let boss: PgBoss | undefined;
let worker: RunningWorker | undefined;
afterAll(async () => {
  await worker?.stop();
  await boss?.stop({ graceful: true, timeout: 20_000 });
});

describe('lost enqueue of an on-demand rescan', () => {
  it('the tick re-sends a staff rescan to the on-demand queue and a scheduled scan to the scan queue', async () => {
    await addMaintainers(t.db, 'lost.dev', 1, record('active', 'lost.dev'));
    await addMaintainers(t.db, 'plain.dev', 1, record('active', 'plain.dev'));
    await t.db.update(domains).set({ nextCheckAt: new Date(Date.now() + 86_400_000) });
    const aMinuteAgo = new Date(Date.now() - 60_000);
    const request = (input: Parameters<typeof requestScan>[0]['input']) =>
      t.db.transaction((tx) => requestScan({ ctx: { tx, actor: CLI, now: aMinuteAgo }, input }));
    const rescan = await request({ kind: 'domain', target: 'lost.dev', trigger: 'dashboard' });
    const scheduled = await request({ kind: 'domain', target: 'plain.dev', trigger: 'schedule' });

    boss = await startBoss(t.url, 'worker');
    // Its first tick runs at start and finds both queued scans older than 30 s.
    worker = await startWorker({
      db: t.db,
      boss,
      checker: h.checker,
      tuning: { concurrency: 2, sliceSeconds: 10, leaseSeconds: 10, stallSeconds: 600, tickSeconds: 3600 },
    });
    const queueOf = async (scanId: number) => {
      const rows = await t.db.execute<{ name: string }>(
        sql`select name from pgboss.job where (data->>'scanId')::int = ${scanId}`,
      );
      return rows.map((r) => r.name);
    };
    expect(await queueOf(rescan.scanId)).toEqual([QUEUES.scanNow]);
    expect(await queueOf(scheduled.scanId)).toEqual([QUEUES.scan]);
  });
});
