import { z } from 'zod';
import { type HttpClient, parseJsonBody } from '@/lib/domains/http';
import type { SourceError, SourceOutcome } from '@/core/domains';

// IANA's RDAP bootstrap for DNS (RFC 9224): which server answers for which TLD. One copy is shared
// by every lookup of a checker, refreshed on a schedule; a failed refresh keeps the old copy,
// because the file changes a few times a year and a stale copy is far better than no RDAP at all.

const bootstrapSchema = z.object({
  publication: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string()), z.array(z.string())]).rest(z.unknown())),
});

export interface BootstrapIndex {
  publication: string | null;
  /** Lower-case label sequence without dots at the ends ("uk", "co.uk") → base URL ending in "/". */
  bases: Map<string, string>;
}

export function parseBootstrap(json: unknown): SourceOutcome<BootstrapIndex> {
  const parsed = bootstrapSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: { code: 'malformed', message: 'RDAP bootstrap file has the wrong shape' } };
  const bases = new Map<string, string>();
  for (const [labels, urls] of parsed.data.services) {
    // RFC 9224 §3: clients should prefer https; a few old entries offer only http.
    const chosen =
      urls.find((u) => u.toLowerCase().startsWith('https://')) ??
      urls.find((u) => u.toLowerCase().startsWith('http://'));
    if (!chosen) continue;
    const base = chosen.endsWith('/') ? chosen : `${chosen}/`;
    for (const label of labels) {
      const key = label.toLowerCase().replace(/^\.+|\.+$/g, '');
      if (key && !bases.has(key)) bases.set(key, base);
    }
  }
  return { ok: true, value: { publication: parsed.data.publication ?? null, bases } };
}

/** Longest matching label sequence wins: for "example.co.uk", "co.uk" before "uk" (RFC 9224 §4). */
export function findBase(index: BootstrapIndex, domain: string): { zone: string; baseUrl: string } | null {
  const labels = domain.toLowerCase().replace(/\.+$/, '').split('.');
  // Start at labels.slice(1): the full name is the domain itself, never a bootstrap entry.
  for (let i = 1; i < labels.length; i += 1) {
    const zone = labels.slice(i).join('.');
    const baseUrl = index.bases.get(zone);
    if (baseUrl) return { zone, baseUrl };
  }
  return null;
}

export interface BootstrapOptions {
  url: string;
  http: HttpClient;
  /** How long a loaded copy is used before the next refresh. */
  ttlMs?: number;
  /** After a failed load, how long to wait before trying again (each lookup would otherwise retry). */
  failureRetryMs?: number;
  now?: () => number;
}

export interface BootstrapInfo {
  url: string;
  loadedAt: Date | null;
  publication: string | null;
  zones: number;
  lastError: SourceError | null;
}

export class RdapBootstrap {
  private index: BootstrapIndex | null = null;
  private loadedAt = 0;
  private nextAttemptAt = 0;
  private lastError: SourceError | null = null;
  private inflight: Promise<void> | null = null;
  private readonly ttlMs: number;
  private readonly failureRetryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BootstrapOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.failureRetryMs = options.failureRetryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The RDAP base URL for a domain; 'unsupported_tld' when the bootstrap lists no server for it. */
  async baseFor(domain: string): Promise<SourceOutcome<{ zone: string; baseUrl: string }>> {
    await this.ensureFresh();
    if (!this.index) {
      return { ok: false, error: this.lastError ?? { code: 'network', message: 'RDAP bootstrap not loaded' } };
    }
    const found = findBase(this.index, domain);
    if (!found) {
      // Says nothing about the domain: the registry simply has no RDAP service listed.
      const tld = domain.split('.').pop() ?? domain;
      return {
        ok: false,
        error: { code: 'unsupported_tld', message: `no RDAP server for .${tld} in the IANA bootstrap` },
      };
    }
    return { ok: true, value: found };
  }

  /** Loads the file now (concurrent callers share one request). Keeps the previous copy on failure. */
  refresh(): Promise<void> {
    if (!this.inflight) {
      this.inflight = this.load().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  info(): BootstrapInfo {
    return {
      url: this.options.url,
      loadedAt: this.index ? new Date(this.loadedAt) : null,
      publication: this.index?.publication ?? null,
      zones: this.index?.bases.size ?? 0,
      lastError: this.lastError,
    };
  }

  private async ensureFresh(): Promise<void> {
    const now = this.now();
    const stale = !this.index || now - this.loadedAt >= this.ttlMs;
    if (stale && now >= this.nextAttemptAt) await this.refresh();
  }

  private async load(): Promise<void> {
    const result = await this.options.http.get(this.options.url, { accept: 'application/json', tag: 'rdap_bootstrap' });
    let outcome: SourceOutcome<BootstrapIndex>;
    if (!result.ok) outcome = result;
    else if (result.response.status !== 200) {
      const status = result.response.status;
      outcome = {
        ok: false,
        error: { code: 'http', message: `RDAP bootstrap answered HTTP ${status}`, httpStatus: status },
      };
    } else {
      const json = parseJsonBody(result.response);
      outcome = json.ok ? parseBootstrap(json.value) : json;
    }
    if (outcome.ok) {
      this.index = outcome.value;
      this.loadedAt = this.now();
      this.lastError = null;
    } else {
      this.lastError = { ...outcome.error, message: `RDAP bootstrap: ${outcome.error.message}` };
      this.nextAttemptAt = this.now() + this.failureRetryMs;
    }
  }
}
