import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { demoRegistryDomains, syntheticDomains } from '@/dev/peers/protocol-server/dataset';
import { z } from 'zod';
import { faultsSchema } from '@/dev/peers/protocol-server/faults';
import { demoLookalikeRecords } from '@/dev/peers/protocol-server/lookalike-dataset';
import { type DomainRecord, domainRecordSchema } from '@/dev/peers/protocol-server/records';
import { startProtocolServer } from '@/dev/peers/protocol-server/server';

// `tsx dev/peers/protocol-server/main.ts [--port N] [--host H] [--faults file.json] [--synthetic N --seed S]`
// runs the local protocol server until stopped and prints the environment that points Gravekeeper
// at it. Without --port it reads PORT (default 4010): pass --port when PORT belongs to the web app.

function fail(message: string): never {
  process.stderr.write(`protocol-server: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    faults: { type: 'string' },
    synthetic: { type: 'string' },
    seed: { type: 'string' },
    /** A JSON file with an array of domain records to serve instead of the demo dataset (benchmarks). */
    domains: { type: 'string' },
    'no-dns': { type: 'boolean' },
    /** Registrars' RDAP on a port of their own (another host for the scanner's limits), as in real life. */
    'registrar-listener': { type: 'boolean' },
  },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port: ${values.port ?? process.env.PORT}`);
const synthetic = Number(values.synthetic ?? 0);
if (!Number.isInteger(synthetic) || synthetic < 0) fail(`invalid --synthetic: ${values.synthetic}`);

let faults: ReturnType<typeof faultsSchema.parse> | undefined;
if (values.faults) {
  try {
    faults = faultsSchema.parse(JSON.parse(readFileSync(values.faults, 'utf8')));
  } catch (err) {
    fail(`cannot use --faults ${values.faults}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const now = new Date();
let fromFile: DomainRecord[] | null = null;
if (values.domains) {
  try {
    fromFile = z.array(domainRecordSchema).parse(JSON.parse(readFileSync(values.domains, 'utf8')));
  } catch (err) {
    fail(`cannot use --domains ${values.domains}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
const domains = fromFile ?? [
  ...demoRegistryDomains(now).map((d) => d.record),
  ...demoLookalikeRecords(now),
  ...syntheticDomains({ count: synthetic, seed: Number(values.seed ?? 1), now }).map((d) => d.record),
];
const server = await startProtocolServer({
  port,
  host: values.host ?? '127.0.0.1',
  dns: !values['no-dns'],
  domains,
  faults,
  registrarListener: values['registrar-listener'],
});
process.stdout.write(`Gravekeeper protocol server on ${server.url} (${domains.length} domains)\n`);
if (server.registrarUrl) process.stdout.write(`registrar RDAP on ${server.registrarUrl}\n`);
for (const [key, value] of Object.entries(server.env)) process.stdout.write(`${key}=${value}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
