import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AdminTarget, handleAdmin } from '@/dev/peers/protocol-server/admin';
import { demoRegistryDomains } from '@/dev/peers/protocol-server/dataset';
import { type DnsServer, startDnsServer } from '@/dev/peers/protocol-server/dns-server';
import { FaultEngine, type FaultsConfig } from '@/dev/peers/protocol-server/faults';
import {
  bootstrapBody,
  domainrStatus,
  fastlyStatus,
  json,
  normalise,
  rdapDomain,
} from '@/dev/peers/protocol-server/handlers';
import type { DomainRecord, RawResponse, Scenario } from '@/dev/peers/protocol-server/records';
import { registrarDomain } from '@/dev/peers/protocol-server/registrar-template';
import { RequestStats } from '@/dev/peers/protocol-server/request-stats';
import { recordFor } from '@/dev/peers/protocol-server/scenarios';

// The local protocol server: RDAP bootstrap + RDAP registries + the registrar RDAP their answers link
// to + Domainr + Fastly over HTTP, and the same dataset over DNS (UDP, same port number), in one
// process. Tests start it on port 0;
// `npm start` runs it so the demo works offline; benchmarks point thousands of checks at it.

export interface ProtocolServerOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  now?: () => Date;
  /** Default: the demo dataset (demoDomains) for the clock's current time. */
  domains?: readonly DomainRecord[];
  faults?: FaultsConfig;
  /** Serve DNS over UDP on the same port number (default true). */
  dns?: boolean;
  /** Other names of this host ("localhost") to spread RDAP servers over, so per-host limits can be exercised. */
  hostAliases?: string[];
  /**
   * Serve the registrars' RDAP (where the registries' `related` links point) on a port of its own:
   * a registrar is another host than its registry, paced by its own limits, as in real life. Off:
   * the links point at this server's own origin.
   */
  registrarListener?: boolean;
  /** When set, only these credentials are accepted; otherwise any non-empty one is. */
  credentials?: { domainrClientId?: string; fastlyKey?: string };
}

export interface ProtocolServer {
  url: string;
  port: number;
  host: string;
  bootstrapUrl: string;
  /** The registrars' own origin when `registrarListener` is on, else null. */
  registrarUrl: string | null;
  /** Environment values that point the app, worker and CLI at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
  setDomain(name: string, record: Omit<DomainRecord, 'name'> | DomainRecord): DomainRecord;
  /** Replaces a name's record with a generated one for `scenario`, keeping its registration history. */
  setScenario(name: string, scenario: Scenario): DomainRecord;
  removeDomain(name: string): boolean;
  getDomain(name: string): DomainRecord | undefined;
  setFaults(config: FaultsConfig): void;
  /** Serves `response` for GET `path` (exact path, query ignored) instead of the built-in route; null removes it. */
  setRoute(path: string, response: RawResponse | null): void;
  requestCount(filter?: { path?: string; host?: string; domain?: string }): number;
  stats: RequestStats;
}

export async function startProtocolServer(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const records = new Map<string, DomainRecord>();
  for (const record of options.domains ?? demoRegistryDomains(now()).map((d) => d.record))
    records.set(normalise(record.name), record);
  const routes = new Map<string, RawResponse>();
  const faults = new FaultEngine(options.faults);
  const stats = new RequestStats();
  let port = 0;
  let registrarOrigin: string | undefined;

  const target: AdminTarget = {
    getDomain: (name) => records.get(normalise(name)),
    setDomain: (name, record) => {
      const full = { ...record, name: normalise(name) };
      records.set(full.name, full);
      return full;
    },
    setScenario: (name, scenario) =>
      target.setDomain(name, recordFor(scenario, normalise(name), now(), records.get(normalise(name)))),
    removeDomain: (name) => records.delete(normalise(name)),
    listDomains: () => [...records.values()].map((r) => ({ name: r.name, scenario: r.scenario ?? null })),
    setFaults: (config) => faults.set(config),
    faults: () => faults.config,
    stats: () => stats.summary(),
    resetStats: () => stats.reset(),
  };

  const dataset = { get: (name: string) => records.get(normalise(name)) };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    if (path.startsWith('/_admin/')) return send(res, await handleAdmin(req, path, target));

    const rdapMatch = /^\/rdap\/([a-z0-9-]+)\/domain\/([^/]+)$/.exec(path);
    const registrarMatch = /^\/rdap-registrar\/([a-z0-9-]+)(\/v2)?\/domain\/([^/]+)$/.exec(path);
    const pathDomain = rdapMatch?.[2] ?? registrarMatch?.[3];
    const domain = pathDomain
      ? normalise(decodeURIComponent(pathDomain))
      : url.searchParams.has('domain')
        ? normalise(url.searchParams.get('domain') ?? '')
        : null;
    const reqHost = req.headers.host ?? `${host}:${port}`;
    const done = stats.start({ host: reqHost, path, domain, accept: req.headers.accept ?? null });
    res.on('close', () => done(res.statusCode));

    const decision = faults.decide({ host: reqHost, path, domain }, Date.now());
    if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
    if (decision.kind === 'action') {
      if (decision.action === 'hang') return; // never answer; close() destroys the socket
      if (decision.action === 'reset') {
        req.socket.destroy(); // the client sees a network error
        return;
      }
      return send(res, faultResponse(decision.action, decision.status, domain, decision.retryAfter));
    }

    const override = routes.get(path);
    if (override) return send(res, override);
    if (req.method !== 'GET') return send(res, json(405, { error: 'method not allowed' }));
    if (path === '/rdap/bootstrap/dns.json') {
      const hosts = [reqHost, ...(options.hostAliases ?? []).map((alias) => `${alias}:${port}`)];
      return send(res, bootstrapBody(hosts, now()));
    }
    if (rdapMatch?.[1] && domain)
      return send(
        res,
        rdapDomain(rdapMatch[1], domain, dataset, `http://${reqHost}/rdap/${rdapMatch[1]}/`, now(), registrarOrigin),
      );
    if (registrarMatch?.[1] && domain) {
      const where = {
        registrar: registrarMatch[1],
        name: decodeURIComponent(registrarMatch[3] ?? ''),
        moved: !!registrarMatch[2],
      };
      return send(res, registrarDomain(dataset.get(domain), where, `http://${reqHost}`, now()));
    }
    if (path === '/v2/status')
      return send(res, domainrStatus(url.searchParams, dataset, options.credentials?.domainrClientId));
    if (path === '/domain-management/v1/tools/status') {
      const key = req.headers['fastly-key'];
      return send(
        res,
        fastlyStatus(
          url.searchParams,
          typeof key === 'string' ? key : undefined,
          dataset,
          options.credentials?.fastlyKey,
        ),
      );
    }
    if (path === '/')
      return send(
        res,
        json(200, {
          name: 'gravekeeper-protocol-server',
          domains: records.size,
          bootstrap: '/rdap/bootstrap/dns.json',
        }),
      );
    return send(res, json(404, { errorCode: 404, title: 'Not Found', description: [`no route for ${path}`] }));
  }

  const onRequest: http.RequestListener = (req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, json(500, { error: err instanceof Error ? err.message : String(err) }));
    });
  };
  const server = http.createServer(onRequest);
  const dns = await listenBoth(server, host, options.port ?? 0, options.dns ?? true, (name) => records.get(name)?.dns);
  port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostInUrl}:${port}`;
  const registrarServer = options.registrarListener ? http.createServer(onRequest) : null;
  if (registrarServer) {
    await new Promise<void>((resolve, reject) => {
      registrarServer.once('error', reject);
      registrarServer.listen(0, host, () => resolve());
    });
    registrarOrigin = `http://${hostInUrl}:${(registrarServer.address() as AddressInfo).port}`;
  }

  return {
    url,
    port,
    host,
    bootstrapUrl: `${url}/rdap/bootstrap/dns.json`,
    registrarUrl: registrarOrigin ?? null,
    env: {
      RDAP_BOOTSTRAP_URL: `${url}/rdap/bootstrap/dns.json`,
      DOMAIN_STATUS_PROVIDER: 'domainr',
      DOMAINR_BASE_URL: url,
      DOMAINR_CLIENT_ID: options.credentials?.domainrClientId ?? 'local-demo',
      FASTLY_BASE_URL: url,
      FASTLY_API_KEY: options.credentials?.fastlyKey ?? 'local-demo',
      // Outbound requests refuse loopback addresses unless allowed: this server, by host and port only.
      GK_OUTBOUND_ALLOW: [host, ...(options.hostAliases ?? [])]
        .map((h) => `${h.includes(':') ? `[${h}]` : h}:${port}`)
        .concat(registrarOrigin ? [new URL(registrarOrigin).host] : [])
        .join(','),
      ...(dns ? { DNS_SERVERS: `${host.includes(':') ? `[${host}]` : host}:${dns.port}` } : {}),
    },
    async close() {
      server.closeAllConnections(); // hung requests (fault "hang") would otherwise keep close() waiting
      registrarServer?.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        registrarServer && new Promise<void>((resolve) => registrarServer.close(() => resolve())),
        dns?.close(),
      ]);
    },
    setDomain: target.setDomain,
    setScenario: target.setScenario,
    removeDomain: target.removeDomain,
    getDomain: target.getDomain,
    setFaults: target.setFaults,
    setRoute(path, response) {
      if (response) routes.set(path, response);
      else routes.delete(path);
    },
    requestCount: (filter) => stats.count(filter),
    stats,
  };
}

function send(res: ServerResponse, raw: RawResponse): void {
  if (res.destroyed) return;
  res.writeHead(raw.status, { ...(raw.contentType ? { 'content-type': raw.contentType } : {}), ...raw.headers });
  res.end(raw.body);
}

const NIC_BIZ_403 =
  '<HTML><HEAD><TITLE>Number of allowed queries exceeded.\n</TITLE></HEAD><BODY><h3>403 Forbidden</h3><div>Number of allowed queries exceeded.\n</div></BODY>\n';

function faultResponse(action: string, status: number, domain: string | null, retryAfter?: string): RawResponse {
  const headers = retryAfter ? { 'retry-after': retryAfter } : undefined;
  // Bodies modelled on test/fixtures/errors: rdap.nic.biz's 403 page and ZDNS's 422 object.
  if (action === 'forbidden_html') return { status, contentType: 'text/html', body: NIC_BIZ_403, headers };
  if (action === 'unprocessable') {
    return {
      ...json(status, {
        errorCode: String(status),
        title: 'Forbidden request',
        description: ['Your access is too fast,please try again later.'],
      }),
      headers,
    };
  }
  if (action === 'malformed')
    return {
      status,
      contentType: 'application/rdap+json',
      body: `{"objectClassName":"domain","ldhName":"${domain ?? ''}","status":[`,
      headers,
    };
  return { ...json(status, { errorCode: status, title: http.STATUS_CODES[status] ?? 'Error' }), headers };
}

/** HTTP on TCP and DNS on UDP with the same port number; with port 0, retry until both are free. */
async function listenBoth(
  server: http.Server,
  host: string,
  wanted: number,
  withDns: boolean,
  lookup: (name: string) => DomainRecord['dns'] | undefined,
): Promise<DnsServer | null> {
  for (let attempt = 0; ; attempt += 1) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (!withDns) return null;
    const port = (server.address() as AddressInfo).port;
    try {
      return await startDnsServer({ host, port, lookup });
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (wanted !== 0 || attempt >= 10) throw err;
    }
  }
}
