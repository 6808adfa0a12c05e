import type { SourceError, SourceOutcome } from '@/core/domains';

// Registrar RDAP servers are many, small and less reliable than registries. One that is down or
// refusing us would otherwise cost a timeout on every .com check of a scan; so a failure of the
// server itself (not a 404 or a bad body for one domain) holds that registrar base URL for a while,
// doubling while it keeps failing. Kept per process beside the checker's other caches.

export interface ReachabilityOptions {
  /** First hold after a failure (default 10 minutes); doubles per consecutive failure. */
  baseHoldMs?: number;
  /** Longest hold (default 6 hours). */
  maxHoldMs?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  until: number;
  lastError: SourceError;
}

/** Errors that say the server cannot be used now, rather than something about one domain. */
function isServerFailure(error: SourceError): boolean {
  if (['network', 'timeout', 'blocked_target', 'rate_limited', 'too_large'].includes(error.code)) return true;
  return error.code === 'http' && (error.httpStatus ?? 0) >= 500;
}

export class RegistrarReachability {
  private readonly entries = new Map<string, Entry>();
  private readonly baseHoldMs: number;
  private readonly maxHoldMs: number;
  private readonly now: () => number;

  constructor(options: ReachabilityOptions = {}) {
    this.baseHoldMs = options.baseHoldMs ?? 10 * 60_000;
    this.maxHoldMs = options.maxHoldMs ?? 6 * 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** Why `base` is not to be asked now, or null when it may be. */
  held(base: string): SourceError | null {
    const entry = this.entries.get(base);
    if (!entry || entry.until <= this.now()) return null;
    return {
      code: 'skipped',
      message: `${base} not asked: it failed ${entry.failures} time(s) in a row (${entry.lastError.code}); next try after ${new Date(entry.until).toISOString()}`,
    };
  }

  /** Records how a request to `base` went. */
  record(base: string, outcome: SourceOutcome<unknown>): void {
    if (outcome.ok) {
      this.entries.delete(base);
      return;
    }
    if (!isServerFailure(outcome.error)) return;
    const failures = (this.entries.get(base)?.failures ?? 0) + 1;
    const hold = Math.min(this.maxHoldMs, this.baseHoldMs * 2 ** Math.min(failures - 1, 20));
    const asked = outcome.error.retryAfterMs ?? 0;
    this.entries.set(base, { failures, until: this.now() + Math.max(hold, asked), lastError: outcome.error });
  }

  /** Base URLs currently held, for the checker's stats. */
  heldBases(): string[] {
    const now = this.now();
    return [...this.entries].filter(([, e]) => e.until > now).map(([base]) => base);
  }
}
