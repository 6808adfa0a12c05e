import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { type Scan, scans } from '@/db/schema';
import { startBoss, sendScanSlice } from '@/lib/jobs/boss';
import { processChecker } from '@/lib/scans/checker';
import { type RequestScanInput, requestScan } from '@/lib/scans/request';
import { runScanChunk } from '@/lib/scans/run';
import { withCliDatabase } from '../db';
import { type CliIO, operatorName, UsageError } from '../io';

const USAGE = 'usage: gk scan --full | --domain <domain> | --email <address> | --user <username> [--wait]';

function parse(argv: string[]): RequestScanInput & { wait: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      full: { type: 'boolean' },
      domain: { type: 'string' },
      email: { type: 'string' },
      user: { type: 'string' },
      wait: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const chosen = [
    values.full ? 'full' : null,
    values.domain !== undefined ? 'domain' : null,
    values.email !== undefined ? 'email' : null,
    values.user !== undefined ? 'user' : null,
  ].filter(Boolean);
  if (positionals.length > 0 || chosen.length !== 1) throw new UsageError(USAGE);
  const wait = Boolean(values.wait);
  if (values.full) return { kind: 'full', trigger: 'cli', wait };
  if (values.domain !== undefined) return { kind: 'domain', target: values.domain, trigger: 'cli', wait };
  if (values.email !== undefined) return { kind: 'email', target: values.email, trigger: 'cli', wait };
  return { kind: 'user', target: values.user ?? '', trigger: 'cli', wait };
}

function bar(scan: Scan): string {
  const width = 30;
  const share = scan.total > 0 ? Math.min(1, scan.checked / scan.total) : scan.state === 'done' ? 1 : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${scan.checked}/${scan.total} ${scan.state}`;
}

export function describeCounters(scan: Scan): string {
  const c = scan.counters;
  return [
    `scan #${scan.id} (${scan.kind}${scan.target ? ` ${scan.target}` : ''}) ${scan.state}`,
    `  domains checked ${c.domainsChecked}, changed ${c.domainsChanged}, errored ${c.domainsErrored}`,
    `  addresses unverified ${c.addressesUnverified}, flags opened ${c.flagsOpened}, resolved ${c.flagsResolved}, held for review ${c.flagsHeldForReview ?? 0}`,
    `  notifications queued ${c.notificationsQueued}`,
    ...(scan.guardTripped
      ? ['  blast-radius guard tripped: unverifications are waiting for review in the dashboard']
      : []),
  ].join('\n');
}

/**
 * Without --wait the scan is handed to the workers. With --wait this process works on it too
 * (so it finishes even where no worker runs) and draws progress until it is done.
 */
export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { wait, ...input } = parse(argv);
  return withCliDatabase(io.env, async (db, url) => {
    const actor = { type: 'cli' as const, operator: operatorName() };
    const { scanId } = await db.transaction((tx) => requestScan({ ctx: { tx, actor, now: new Date() }, input }));
    const boss = await startBoss(url, 'sender');
    try {
      // A domain, address or user rescan is on demand: its own lane, ahead of a running full scan.
      await sendScanSlice(boss, { scanId, slice: 0, ...(input.kind === 'full' ? {} : { lane: 'now' as const }) });
      if (!wait) {
        io.stdout.write(`scan #${scanId} queued for the workers\n`);
        return 0;
      }
      const tty = Boolean((io.stdout as NodeJS.WriteStream).isTTY);
      const checker = processChecker(db);
      for (;;) {
        const outcome = await runScanChunk(scanId, { db, checker, budgetMs: 2_000 });
        const [scan] = await db.select().from(scans).where(eq(scans.id, scanId));
        if (!scan) throw new Error(`scan #${scanId} disappeared`);
        io.stdout.write(tty ? `\r${bar(scan)}` : `${bar(scan)}\n`);
        if (outcome === 'waiting') await new Promise((r) => setTimeout(r, 500));
        if (scan.state === 'done' || scan.state === 'failed' || scan.state === 'cancelled') {
          io.stdout.write(`${tty ? '\n' : ''}${describeCounters(scan)}\n`);
          return scan.state === 'done' ? 0 : 1;
        }
      }
    } finally {
      await boss.stop({ graceful: false, close: true }).catch(() => {});
    }
  });
}
