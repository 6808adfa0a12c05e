import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { E2E_DATA_DIR } from '../../playwright.config';

// What the e2e server's `npm start` runs beside the web app, as it wrote it to services.json: the
// local protocol server (its admin API changes a domain's registry data) and the SMTP sink's folder.

const run = promisify(execFile);

function services(): { env: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, 'services.json'), 'utf8'));
}

/** The local protocol server's base URL (it serves RDAP, Domainr and Fastly on one port). */
export function protocolUrl(): string {
  const url = services().env.DOMAINR_BASE_URL;
  if (!url)
    throw new Error('services.json has no protocol server: is the e2e server running with the local protocol server?');
  return url;
}

export type Scenario =
  | 'active'
  | 'expiring'
  | 'grace'
  | 'redemption'
  | 'pending_delete'
  | 'available'
  | 're_registered';

export interface ServedRecord {
  rdap: { handle: string | null; registeredAt: string; registrar: { name: string } | null } | null;
}

/** Changes what the registry says about a domain from now on; returns the record it now serves. */
export async function setScenario(domain: string, scenario: Scenario): Promise<ServedRecord> {
  const response = await fetch(`${protocolUrl()}/_admin/domains/${encodeURIComponent(domain)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  if (!response.ok)
    throw new Error(`protocol server refused ${scenario} for ${domain}: ${response.status} ${await response.text()}`);
  return (await response.json()) as ServedRecord;
}

/** A fault rule of the local protocol server (dev/peers/protocol-server/faults.ts), e.g. one domain that hangs. */
export interface FaultRule {
  match?: { path?: string; host?: string; domain?: string };
  latencyMs?: number;
  action?: 'status' | 'hang' | 'reset' | 'malformed' | 'forbidden_html' | 'unprocessable';
  status?: number;
  times?: number;
}

/** Replaces the protocol server's fault rules (an empty list: none). */
export async function setFaults(rules: FaultRule[]): Promise<void> {
  const response = await fetch(`${protocolUrl()}/_admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!response.ok) throw new Error(`protocol server refused the faults: ${response.status} ${await response.text()}`);
}

/** The operator CLI against the e2e server's database and services. */
export async function gk(...args: string[]): Promise<string> {
  const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), ['cli/gk.ts', ...args], {
    env: { ...process.env, GK_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: '', RDAP_BOOTSTRAP_URL: '' },
    timeout: 120_000,
  });
  return stdout;
}
