import { z } from 'zod';
import { type Rng, seededRng } from '@/dev/peers/protocol-server/random';

// Fault injection: the failures real registries and providers produce (see the fixtures README,
// "HTTP and errors"), on demand. Rules are checked in order for every request; each matching rule
// adds its latency, the first matching rule with an action decides the answer. `times` makes a rule
// apply to the next N matching requests only ("per request"); without it, it applies to all.

export const FAULT_ACTIONS = ['status', 'hang', 'reset', 'malformed', 'forbidden_html', 'unprocessable'] as const;

export const faultRuleSchema = z.object({
  match: z
    .object({
      /** Path prefix, e.g. "/rdap/verisign/" or "/v2/status". */
      path: z.string().optional(),
      /** Host header, e.g. "localhost:4010". */
      host: z.string().optional(),
      /** The domain asked about (RDAP path or `domain` parameter). */
      domain: z.string().optional(),
    })
    .optional(),
  latencyMs: z.number().min(0).optional(),
  jitterMs: z.number().min(0).optional(),
  /**
   * status: answer `status` (default 503) with a JSON error and optional Retry-After;
   * hang: never answer; reset: drop the connection; malformed: 200 with a truncated JSON body;
   * forbidden_html: rdap.nic.biz's 403 HTML page; unprocessable: ZDNS's 422 rate-limit JSON.
   */
  action: z.enum(FAULT_ACTIONS).optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfter: z.string().optional(),
  /** Share of matching requests the rule applies to (0..1, default 1). */
  probability: z.number().min(0).max(1).optional(),
  times: z.number().int().min(0).optional(),
  /** Allowed requests per second per (host, path prefix); beyond it: 429 with Retry-After. */
  rateLimit: z
    .object({ perSecond: z.number().positive(), retryAfterSeconds: z.number().int().min(0).optional() })
    .optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultsSchema = z.object({ rules: z.array(faultRuleSchema), seed: z.number().int().optional() });
export type FaultsConfig = z.infer<typeof faultsSchema>;

export interface FaultRequest {
  host: string;
  path: string;
  domain: string | null;
}

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'action'; delayMs: number; action: (typeof FAULT_ACTIONS)[number]; status: number; retryAfter?: string };

interface Bucket {
  tokens: number;
  at: number;
}

export class FaultEngine {
  private rules: (FaultRule & { left?: number })[] = [];
  private rng: Rng = seededRng(1);
  private readonly buckets = new Map<string, Bucket>();

  constructor(config?: FaultsConfig) {
    this.set(config ?? { rules: [] });
  }

  set(config: FaultsConfig): void {
    this.rules = config.rules.map((rule) => ({ ...rule, left: rule.times }));
    this.rng = seededRng(config.seed ?? 1);
    this.buckets.clear();
  }

  get config(): FaultsConfig {
    return {
      rules: this.rules.map(({ left, ...rule }) => ({ ...rule, ...(left === undefined ? {} : { times: left }) })),
    };
  }

  decide(req: FaultRequest, nowMs: number): FaultDecision {
    let delayMs = 0;
    for (const rule of this.rules) {
      if (!matches(rule, req)) continue;
      if (rule.left !== undefined && rule.left <= 0) continue;
      if (rule.probability !== undefined && this.rng() >= rule.probability) continue;
      if (rule.rateLimit) {
        const allowed = this.take(`${req.host} ${rule.match?.path ?? '/'}`, rule.rateLimit.perSecond, nowMs);
        if (allowed) continue;
        const retryAfter = String(rule.rateLimit.retryAfterSeconds ?? 1);
        return { kind: 'action', delayMs, action: 'status', status: 429, retryAfter };
      }
      if (rule.left !== undefined) rule.left -= 1;
      delayMs += (rule.latencyMs ?? 0) + (rule.jitterMs ? this.rng() * rule.jitterMs : 0);
      if (rule.action) {
        const status = rule.status ?? defaultStatus(rule.action);
        return {
          kind: 'action',
          delayMs,
          action: rule.action,
          status,
          ...(rule.retryAfter ? { retryAfter: rule.retryAfter } : {}),
        };
      }
    }
    return { kind: 'none', delayMs };
  }

  /** Token bucket: capacity `perSecond`, refilled continuously. */
  private take(key: string, perSecond: number, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, at: nowMs };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
    bucket.at = nowMs;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return ok;
  }
}

function matches(rule: FaultRule, req: FaultRequest): boolean {
  const m = rule.match;
  if (!m) return true;
  if (m.path !== undefined && !req.path.startsWith(m.path)) return false;
  if (m.host !== undefined && m.host.toLowerCase() !== req.host.toLowerCase()) return false;
  if (m.domain !== undefined && m.domain.toLowerCase() !== req.domain) return false;
  return true;
}

function defaultStatus(action: (typeof FAULT_ACTIONS)[number]): number {
  if (action === 'forbidden_html') return 403;
  if (action === 'unprocessable') return 422;
  if (action === 'malformed') return 200;
  return 503;
}
