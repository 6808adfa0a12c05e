import type { IncomingMessage } from 'node:http';
import { type FaultsConfig, faultsSchema } from '@/dev/peers/protocol-server/faults';
import { json, normalise } from '@/dev/peers/protocol-server/handlers';
import { adminDomainBodySchema, type DomainRecord, type RawResponse } from '@/dev/peers/protocol-server/records';

// /_admin: lets tests and the e2e suite change the world while the server runs, e.g. make a
// maintainer's domain lapse and then be re-registered by someone else. Unauthenticated on purpose:
// this server binds to 127.0.0.1 and exists only for tests, benchmarks and the offline demo.

export interface AdminTarget {
  getDomain(name: string): DomainRecord | undefined;
  setDomain(name: string, record: Omit<DomainRecord, 'name'> | DomainRecord): DomainRecord;
  setScenario(name: string, scenario: DomainRecord['scenario'] & string): DomainRecord;
  removeDomain(name: string): boolean;
  listDomains(): { name: string; scenario: string | null }[];
  setFaults(config: FaultsConfig): void;
  faults(): FaultsConfig;
  stats(): unknown;
  resetStats(): void;
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(buf);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

export async function handleAdmin(req: IncomingMessage, path: string, target: AdminTarget): Promise<RawResponse> {
  const method = req.method ?? 'GET';
  let body: unknown = null;
  if (method === 'PUT' || method === 'POST') {
    try {
      body = await readBody(req);
    } catch (err) {
      return json(400, { error: `body is not JSON: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  if (path === '/_admin/domains' && method === 'GET') return json(200, target.listDomains());
  const domainMatch = /^\/_admin\/domains\/([^/]+)$/.exec(path);
  if (domainMatch?.[1]) {
    const name = normalise(decodeURIComponent(domainMatch[1]));
    if (method === 'GET') {
      const record = target.getDomain(name);
      return record ? json(200, record) : json(404, { error: `no record for ${name}` });
    }
    if (method === 'DELETE')
      return target.removeDomain(name) ? { status: 204, body: '' } : json(404, { error: `no record for ${name}` });
    if (method === 'PUT') {
      const parsed = adminDomainBodySchema.safeParse(body);
      if (!parsed.success) return json(400, { error: 'invalid record', issues: parsed.error.issues });
      const data = parsed.data;
      const record = 'rdap' in data ? target.setDomain(name, data) : target.setScenario(name, data.scenario);
      return json(200, record);
    }
  }
  if (path === '/_admin/faults') {
    if (method === 'GET') return json(200, target.faults());
    if (method === 'PUT') {
      const parsed = faultsSchema.safeParse(body);
      if (!parsed.success) return json(400, { error: 'invalid faults', issues: parsed.error.issues });
      target.setFaults(parsed.data);
      return json(200, target.faults());
    }
    if (method === 'DELETE') {
      target.setFaults({ rules: [] });
      return { status: 204, body: '' };
    }
  }
  if (path === '/_admin/stats' && method === 'GET') return json(200, target.stats());
  if (path === '/_admin/stats' && method === 'DELETE') {
    target.resetStats();
    return { status: 204, body: '' };
  }
  return json(404, { error: `no admin route ${method} ${path}` });
}
