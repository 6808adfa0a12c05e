import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createDb } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { ensureDatabase, freePort, resolveDatabase } from '@/db/runtime';
import { encodeCursor } from '@/lib/flags/cursor';
import { getDomainDetail } from '@/lib/domains/timeline-queries';
import { flagsPageQuery, listFlaggedEmails } from '@/lib/flags/queries';
import type { FlagsSearch } from '@/lib/flags/search';
import { signIn, type Timing, timePage } from './bench-dashboard/load';
import { BENCH_LOGIN, SCALE, seedScale, TIMELINE_DOMAIN } from './bench-dashboard/seed-scale';
import { needsBuild, runBuild } from './start/next-build';
import { startNext, stopGroup, waitForHttp } from './start/next-server';

// `npm run bench:dashboard`: the staff dashboard at scale. A fresh database (embedded in a temporary
// folder, or a new database on the server in DATABASE_URL), 1,000,000 addresses and 100,000 flags,
// the production build, then autocannon on the flags page (first page, filtered, deep cursor) and a
// domain timeline. Prints p50/p95 per page and the EXPLAIN of each flags query; the last line is JSON.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line = '') => process.stdout.write(`${line}\n`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1);
const cleanups: (() => Promise<void>)[] = [];

async function database(): Promise<string> {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    const name = `gk_bench_${Date.now().toString(36)}`;
    await ensureDatabase(admin.toString(), name);
    cleanups.push(async () => {
      const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    });
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gk-bench-'));
  await fs.chmod(dir, 0o755);
  const handle = await resolveDatabase({ dataDir: dir, log });
  cleanups.push(async () => {
    await handle.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });
  return handle.url;
}

async function explain(sql: postgres.Sql, url: string, label: string, search: FlagsSearch): Promise<boolean> {
  const { db, close } = createDb(url, { max: 1 });
  const query = flagsPageQuery(db, search).toSQL();
  await close();
  const rows = await sql.unsafe(
    `explain (analyze, buffers) ${query.sql}`,
    query.params as postgres.ParameterOrJSON<never>[],
  );
  const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
  log(`\n--- EXPLAIN (ANALYZE, BUFFERS): ${label}\n${plan}`);
  return /Seq Scan/.test(plan);
}

async function main() {
  log(`Gravekeeper dashboard benchmark: ${SCALE.flags.toLocaleString('en')} flags, 1,000,000 addresses`);
  const url = await database();
  await migrateDatabase(url);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  cleanups.unshift(() => sql.end({ timeout: 2 }));
  const seeding = Date.now();
  log('Generating data:');
  await seedScale(sql, log);
  log(`Data ready in ${((Date.now() - seeding) / 1000).toFixed(0)} s.`);
  const cursorAt = async (where: string, offset: number) => {
    const [row] = await sql.unsafe(
      `select created_at::text as at, id from flags ${where} order by created_at desc, id desc offset ${offset} limit 1`,
    );
    return encodeCursor({ at: String(row!.at), id: Number(row!.id) });
  };
  const deep = await cursorAt('', 50_000);
  const deepOpen = await cursorAt("where state = 'open'", 40_000);

  if (await needsBuild(root)) {
    log('Building the web app (sources changed since the last build)…');
    await runBuild(root, { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  }
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
  };
  const next = startNext(root, port, env);
  cleanups.unshift(() => stopGroup(next.child));
  await waitForHttp(`${base}/login`, 60_000, next.child);
  const cookie = await signIn(base, BENCH_LOGIN.username, BENCH_LOGIN.password);

  const pages: [string, string, 'first' | 'deep' | 'timeline' | 'other'][] = [
    // The cost of any signed-in page (session, role, layout), for comparison.
    ['baseline: audit log, empty filter', '/admin/audit?to=2000-01-01', 'other'],
    ['flags, first page', '/admin/flags', 'first'],
    ['flags, state=open', '/admin/flags?state=open', 'first'],
    ['flags, state=open&stage=available', '/admin/flags?state=open&stage=available', 'first'],
    ['flags, deep cursor (row 50,000)', `/admin/flags?cursor=${deep}&dir=next`, 'deep'],
    ['flags, state=open, deep cursor (row 40,000)', `/admin/flags?state=open&cursor=${deepOpen}&dir=next`, 'deep'],
    ['flags, search q=b12345', '/admin/flags?q=b12345', 'other'],
    [`domain timeline (${TIMELINE_DOMAIN})`, `/admin/domains/${TIMELINE_DOMAIN}`, 'timeline'],
  ];
  log(`\nLoad: ${CONNECTIONS} concurrent clients, ${SECONDS} s per page, production build, signed in as staff.`);
  const timings: (Timing & { kind: string })[] = [];
  for (const [name, pagePath, kind] of pages) {
    const t = await timePage(base, name, pagePath, cookie, { seconds: SECONDS, connections: CONNECTIONS });
    timings.push({ ...t, kind });
    log(
      `  ${name.padEnd(46)} p50 ${t.p50.toFixed(0).padStart(4)} ms   p95 ${t.p95.toFixed(0).padStart(4)} ms   (${t.requests} requests${t.errors ? `, ${t.errors} errors` : ''})`,
    );
  }

  // The database's share of each page: the lib/ read alone, in this process.
  const { db, close } = createDb(url, { max: 4 });
  const reads: [string, () => Promise<unknown>][] = [
    ['listFlaggedEmails, first page', () => listFlaggedEmails(db, {})],
    ['listFlaggedEmails, deep cursor', () => listFlaggedEmails(db, { cursor: deep, dir: 'next' })],
    [`getDomainDetail(${TIMELINE_DOMAIN})`, () => getDomainDetail(db, TIMELINE_DOMAIN)],
  ];
  log('\nThe reads alone (20 runs each, p50):');
  for (const [name, read] of reads) {
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      await read();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    log(`  ${name.padEnd(46)} ${times[10]!.toFixed(1)} ms`);
  }
  await close();

  let seqScan = false;
  seqScan = (await explain(sql, url, 'flags, first page', {})) || seqScan;
  seqScan =
    (await explain(sql, url, 'flags, state=open&stage=available', { state: 'open', stage: 'available' })) || seqScan;
  seqScan = (await explain(sql, url, 'flags, deep cursor (row 50,000)', { cursor: deep, dir: 'next' })) || seqScan;
  seqScan = (await explain(sql, url, 'flags, search q=b12345', { q: 'b12345' })) || seqScan;
  log(`\n${seqScan ? 'A flags query used a sequential scan.' : 'No sequential scan in the flags queries.'}`);

  const worst = (kind: string) => Math.round(Math.max(...timings.filter((t) => t.kind === kind).map((t) => t.p95)));
  const errors = timings.reduce((s, t) => s + t.errors, 0);
  log(
    JSON.stringify({
      flags: SCALE.flags,
      flags_p95_ms: worst('first'),
      deep_page_p95_ms: worst('deep'),
      timeline_p95_ms: worst('timeline'),
    }),
  );
  return errors === 0 ? 0 : 1;
}

async function cleanup() {
  for (const fn of cleanups) await fn().catch(() => {});
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error) => {
    process.stderr.write(
      `bench-dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await cleanup();
    process.exit(1);
  });
