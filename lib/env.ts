import { z } from 'zod';
import { parseAllowEntry } from '@/lib/domains/outbound-policy';
import { trustedProxiesSchema } from './auth/client-ip';

// Every environment variable the product reads, parsed once. Entry points (web, worker, CLI) call
// readEnv(); library code takes plain config objects so tests can pass their own.

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** postgres://… When absent, `npm start`, the worker and the CLI start the embedded server under .data/. */
  DATABASE_URL: z.string().url().optional(),
  /** Where embedded PostgreSQL keeps its files and the runtime state file. */
  GK_DATA_DIR: z.string().default('.data'),
  AUTH_SECRET: z.string().min(16).optional(),
  /**
   * 32+ chars. A sealing key is derived from it (else from AUTH_SECRET) as kid `derived`: it opens
   * values sealed before the key ring, and seals only when there is no ring (GK_SEALING_KEYS below).
   */
  GK_ENCRYPTION_KEY: z.string().min(16).optional(),
  /**
   * The sealing key ring (TOTP secrets, queued links): `kid:base64key,kid2:base64key`, the first is
   * current. When unset, the ring is the file <GK_DATA_DIR>/sealing-keys that `npm start` and
   * `gk keys` manage (lib/auth/sealing-ring.ts).
   */
  GK_SEALING_KEYS: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address `npm start` serves the web app on: loopback unless you mean to expose it (0.0.0.0, ::). */
  HOST: z.string().min(1).default('127.0.0.1'),

  RDAP_BOOTSTRAP_URL: z.string().url().default('https://data.iana.org/rdap/dns.json'),
  DOMAIN_STATUS_PROVIDER: z.enum(['domainr', 'fastly', 'none']).default('none'),
  DOMAINR_BASE_URL: z.string().url().default('https://api.domainr.com'),
  DOMAINR_CLIENT_ID: z.string().optional(),
  FASTLY_BASE_URL: z.string().url().default('https://api.fastly.com'),
  FASTLY_API_KEY: z.string().optional(),
  /** Comma-separated resolver addresses (host or host:port); empty = the system's resolvers. */
  DNS_SERVERS: csv,
  /**
   * Comma-separated targets outbound requests (RDAP, status APIs) may reach besides public
   * addresses: `host`, `host:port`, `[v6]:port` or CIDR blocks (`10.0.0.0/8`). Empty = strict:
   * loopback, private, link-local, metadata and other special addresses are refused. `npm start`
   * sets it to its local protocol server.
   */
  GK_OUTBOUND_ALLOW: csv.superRefine((entries, ctx) => {
    for (const entry of entries) {
      const parsed = parseAllowEntry(entry);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }
  }),
  /** Local protocol server (RDAP + status APIs) that `npm start` runs so the demo works offline. */
  GK_PROTOCOL_SERVER: z.enum(['on', 'off']).default('on'),

  /** Scan worker tuning: checks at once per worker, a slice's time budget, a domain lease, when a quiet scan is taken over. */
  GK_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  GK_SCAN_SLICE_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  GK_SCAN_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  GK_SCAN_STALL_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** How often each worker schedules due domains and looks for stalled scans. */
  GK_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Gravekeeper <no-reply@gravekeeper.local>'),
  /**
   * The public base URL of the web app (https://registry.example). Links in mail are built from it,
   * never from the request's Host header: a forged Host would otherwise put an attacker's host name
   * in a reset link sent to the real owner. Default: http://localhost:$PORT.
   */
  APP_URL: z.string().url().optional(),
  /**
   * Proxies in front of the web server whose X-Forwarded-For entries are believed: a hop count (`1`:
   * one reverse proxy) or comma-separated addresses/CIDRs (`10.0.0.0/8,::1`, or `loopback`). Unset:
   * none, the TCP peer is the client. See lib/auth/client-ip.ts.
   */
  TRUSTED_PROXIES: trustedProxiesSchema,
  /** Days password-reset attempts are kept (the newest 20 per account are kept regardless). */
  GK_RESET_ATTEMPT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Before a reset link goes to a custom domain whose last successful check is older than this many
   * hours, the outbox checks the domain live (bounded at 30 s; on failure the stored result decides).
   * 0 = before every reset link to a custom domain.
   */
  GK_RESET_RECHECK_HOURS: z.coerce.number().min(0).max(8760).default(24),
  /**
   * Calls per second one integration API token may make to one server process (a token bucket of a
   * second's worth); beyond it, 429 with Retry-After. A registry's reset flow needs a few a second.
   */
  GK_API_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(200),
});

export type Env = z.infer<typeof envSchema>;

/** The base URL for links in mail, without a trailing slash. */
export function appBaseUrl(env: Pick<Env, 'APP_URL' | 'PORT'>): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

let cached: Env | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  // An empty variable means "not set" (e.g. DATABASE_URL= to force the embedded default).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** For entry points that fill in process.env after start-up (the CLI beside `npm start`). */
export function refreshEnv(): void {
  cached = undefined;
}
