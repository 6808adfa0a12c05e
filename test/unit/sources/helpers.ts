import { HttpClient, type HttpClientOptions } from '@/lib/domains/http';
import { RdapBootstrap } from '@/lib/domains/rdap/bootstrap';
import { createRdapClient } from '@/lib/domains/rdap/client';
import type { DomainRecord, RawResponse } from '@/dev/peers/protocol-server/records';
import type { ProtocolServer } from '@/dev/peers/protocol-server/server';
import { fixtureText } from '../domains/helpers';

// Shared by the source tests: fixtures served through the real local protocol server, clients
// pointed at it, and a fake CLI io that captures output.

/** A recorded body served as the response for `name` (status, content type as the real server sent). */
export function fixtureResponse(relative: string, status = 200, contentType = 'application/rdap+json'): RawResponse {
  return { status, contentType, body: fixtureText(relative) };
}

/** A record whose RDAP answer is a raw response (a recorded fixture) instead of the generated one. */
export function rawRdapRecord(name: string, rdap: RawResponse): DomainRecord {
  return { name, rdap: null, statusWords: ['active'], dns: { kind: 'records', ns: [], mx: [] }, responses: { rdap } };
}

/**
 * Fast defaults for tests: no host spacing, tiny backoff; each test overrides what it measures.
 * The local protocol server listens on loopback, which the client refuses unless allowed.
 */
export const FAST_HTTP: HttpClientOptions = {
  allow: ['127.0.0.0/8', '::1/128'],
  hostDefaults: { concurrency: 8, requestsPerSecond: 0 },
  backoffBaseMs: 10,
  backoffMaxMs: 50,
  timeoutMs: 2_000,
};

export function rdapClientFor(server: ProtocolServer, http: HttpClientOptions = {}, rateLimitPauseMs = 0) {
  const client = new HttpClient({ ...FAST_HTTP, ...http });
  const bootstrap = new RdapBootstrap({ url: server.bootstrapUrl, http: client });
  return { http: client, bootstrap, rdap: createRdapClient({ http: client, bootstrap, rateLimitPauseMs }) };
}

export function captureIo(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write(chunk: string | Uint8Array) {
      into.push(String(chunk));
      return true;
    },
  });
  return {
    io: { stdout: sink(out), stderr: sink(err), env: env as NodeJS.ProcessEnv },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
