import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CHECK_SOURCES, type CheckedDomain, createDomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { envSchema } from '@/lib/env';
import type { CliIO } from '../io';
import { formatCheck } from '../format/domain-check';

// `gk check-domain <domain-or-address>`: one live check through the same checker the scan worker
// uses, printed for a person or (--json) as exactly one JSON object. Every classification, `unknown`
// included, is a successful run (exit 0); bad input is one line on stderr and exit 2.

export const CHECK_DOMAIN_USAGE =
  'usage: gk check-domain <domain-or-address> [--now ISO] [--verified-at ISO] [--previous-registered-at ISO] [--previous-handle ID] [--sources rdap,status,dns] [--json]';

const when = (flag: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: `${flag} must be an ISO 8601 date or date-time (e.g. 2026-01-31T12:00:00Z)`,
    })
    .transform((v) => new Date(v))
    .optional();

const argsSchema = z.object({
  now: when('--now'),
  verifiedAt: when('--verified-at'),
  previousRegisteredAt: when('--previous-registered-at'),
  previousHandle: z.string().trim().min(1, '--previous-handle must not be empty').optional(),
  sources: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const names = [
        ...new Set(
          v
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const unknown = names.filter((n) => !(CHECK_SOURCES as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `--sources takes a comma-separated list of ${CHECK_SOURCES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
        });
        return z.NEVER;
      }
      return names as (typeof CHECK_SOURCES)[number][];
    }),
  json: z.boolean().optional(),
});

type Io = Pick<CliIO, 'stdout' | 'stderr' | 'env'>;

export async function checkDomainCommand(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`gk check-domain: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  };

  let parsedArgv: ReturnType<typeof parse>;
  try {
    parsedArgv = parse(argv);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsedArgv;
  if (positionals.length !== 1 || !positionals[0]) return fail(`expected one domain or address. ${CHECK_DOMAIN_USAGE}`);
  const input = positionals[0];
  const args = argsSchema.safeParse({
    now: values.now,
    verifiedAt: values['verified-at'],
    previousRegisteredAt: values['previous-registered-at'],
    previousHandle: values['previous-handle'],
    sources: values.sources,
    json: values.json,
  });
  if (!args.success) return fail(args.error.issues[0]?.message ?? 'invalid arguments');
  const target = registrableDomainOf(input);
  if (!target.ok)
    return fail(`${JSON.stringify(input)} is not a domain or address we can check: ${target.error.message}`);
  const env = envSchema.safeParse(io.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    return fail(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }

  const opts = args.data;
  let checker: ReturnType<typeof createDomainChecker>;
  try {
    checker = createDomainChecker(sourcesConfigFromEnv(env.data));
  } catch (err) {
    // e.g. DNS_SERVERS that node:dns cannot parse
    return fail(`invalid environment: ${err instanceof Error ? err.message : String(err)}`);
  }
  const ctx = {
    now: opts.now ?? new Date(),
    verifiedAt: opts.verifiedAt ?? null,
    previousRegisteredAt: opts.previousRegisteredAt ?? null,
    previousHandle: opts.previousHandle ?? null,
  };
  let result: CheckedDomain;
  try {
    result = await checker.checkAndClassify(target.registrableDomain, ctx, { sources: opts.sources });
  } catch (err) {
    io.stderr.write(`gk check-domain: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  io.stdout.write(
    opts.json ? `${JSON.stringify(toJson(input, result))}\n` : formatCheck(input, result, target.unicodeDomain),
  );
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      now: { type: 'string' },
      'verified-at': { type: 'string' },
      'previous-registered-at': { type: 'string' },
      'previous-handle': { type: 'string' },
      sources: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The --json shape: a stable contract for scripts, so keys are listed explicitly. */
export function toJson(input: string, result: CheckedDomain) {
  const { classification: c } = result;
  return {
    input,
    registrableDomain: result.domain,
    stage: c.stage,
    handle: c.handle,
    evidence: c.evidence,
    timeline: {
      registeredAt: c.timeline.registeredAt,
      expiresAt: c.timeline.expiresAt,
      graceEndsAt: c.timeline.graceEndsAt,
      redemptionEndsAt: c.timeline.redemptionEndsAt,
      deletionAt: c.timeline.deletionAt,
    },
    sources: result.sources.map((s) => ({
      name: s.name,
      ok: s.ok,
      ...(s.error ? { error: s.error } : {}),
      ...(s.statusWords ? { statusWords: s.statusWords } : {}),
    })),
  };
}
