import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FaultsConfig } from '@/dev/peers/protocol-server/faults';
import type { DomainRecord } from '@/dev/peers/protocol-server/records';

export interface ProtocolProcess {
  url: string;
  /** The registrars' RDAP, on a port of its own (another host, as in real life). */
  registrarUrl: string;
  bootstrapUrl: string;
  /** The variables the server printed for its clients (RDAP_BOOTSTRAP_URL, DNS_SERVERS with `dns` …). */
  env: Record<string, string>;
  stats(): Promise<{ requests: number; byHost: Record<string, number> }>;
  stop(): Promise<void>;
}

/**
 * The local protocol server in a process of its own, as a real provider would be: on 2 cores the
 * scanner, the provider and PostgreSQL must not share one event loop, or the benchmark measures
 * the provider's CPU rather than the scanner.
 */
export async function startProtocolProcess(
  dir: string,
  records: DomainRecord[],
  faults: FaultsConfig,
  options: { dns?: boolean } = {},
): Promise<ProtocolProcess> {
  const domainsFile = path.join(dir, 'domains.json');
  const faultsFile = path.join(dir, 'faults.json');
  await fs.writeFile(domainsFile, JSON.stringify(records));
  await fs.writeFile(faultsFile, JSON.stringify(faults));
  const child: ChildProcess = spawn(
    'npx',
    [
      'tsx',
      'dev/peers/protocol-server/main.ts',
      '--port',
      '0',
      ...(options.dns ? [] : ['--no-dns']),
      '--registrar-listener',
      '--domains',
      domainsFile,
      '--faults',
      faultsFile,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  const env: Record<string, string> = {};
  const [url, registrarUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const server = /protocol server on (http:\/\/\S+)/.exec(out);
      const registrar = /registrar RDAP on (http:\/\/\S+)/.exec(out);
      // The environment lines follow the two URLs; wait for the last one (DNS_SERVERS with DNS).
      if (server?.[1] && registrar?.[1] && (options.dns ? /DNS_SERVERS=\S+\n/ : /GK_OUTBOUND_ALLOW=\S+\n/).test(out)) {
        for (const [, key, value] of out.matchAll(/^([A-Z_]+)=(.*)$/gm)) env[key!] = value!;
        resolve([server[1], registrar[1]]);
      }
    });
    child.once('exit', (code) => reject(new Error(`protocol server exited (${code})`)));
  });
  return {
    url,
    registrarUrl,
    bootstrapUrl: `${url}/rdap/bootstrap/dns.json`,
    env,
    stats: async () =>
      (await (await fetch(`${url}/_admin/stats`)).json()) as { requests: number; byHost: Record<string, number> },
    stop: async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
