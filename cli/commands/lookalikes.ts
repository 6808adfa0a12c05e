import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { isHeld } from '@/lib/lookalikes/schedule';
import { createDomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import {
  DEFAULT_LOOKALIKE_TLDS,
  generateLookalikes,
  LOOKALIKE_FAMILIES,
  type LookalikeCandidate,
} from '@/lib/lookalikes/generate';
import type { CliIO } from '../io';

// `gk lookalikes <domain-or-word> [--check] [--json]`: the look-alike candidates the watch would put
// under watch (the same generator), and with --check each one checked live through the same checker
// as the scan worker (RDAP, registrar, DNS with A/AAAA; its per-host limits). Opens no database, like
// `gk check-domain`. Bad input is one line on stderr and exit 2.

export const LOOKALIKES_USAGE = 'usage: gk lookalikes <domain-or-brand-word> [--check] [--concurrency N] [--json]';

interface Checked {
  stage: string;
  registrar: string | null;
  registeredAt: string | null;
  nameservers: string[];
  mx: string[];
  addresses: string[];
  error: string | null;
}

type Io = Pick<CliIO, 'stdout' | 'stderr' | 'env'>;

export async function lookalikesCommand(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`gk lookalikes: ${message}\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return fail(`expected one domain or brand word. ${LOOKALIKES_USAGE}`);
  const concurrency = Number(values.concurrency ?? '8');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    return fail('--concurrency takes a whole number from 1 to 64');
  const generated = generateLookalikes({ name: positionals[0]!, tlds: DEFAULT_LOOKALIKE_TLDS });
  if (!generated.ok) return fail(generated.error.message);
  const { name, candidates } = generated;

  let states: Map<string, Checked> | null = null;
  if (values.check) {
    const env = envSchema.safeParse(io.env);
    if (!env.success) return fail(`invalid environment: ${env.error.issues[0]?.message}`);
    let checker: ReturnType<typeof createDomainChecker>;
    try {
      checker = createDomainChecker(sourcesConfigFromEnv(env.data));
    } catch (err) {
      return fail(`invalid environment: ${err instanceof Error ? err.message : String(err)}`);
    }
    const limit = pLimit(concurrency);
    const now = new Date();
    const entries = await Promise.all(
      candidates.map((c) => limit(async () => [c.domain, await checkOne(checker, c.domain, now)] as const)),
    );
    states = new Map(entries);
  }

  if (values.json) {
    const rows = candidates.map((c) => ({ ...c, ...(states ? { state: states.get(c.domain) } : {}) }));
    io.stdout.write(`${JSON.stringify({ name, count: candidates.length, candidates: rows })}\n`);
    return 0;
  }
  io.stdout.write(formatText(name, candidates, states));
  return 0;
}

async function checkOne(checker: ReturnType<typeof createDomainChecker>, domain: string, now: Date): Promise<Checked> {
  try {
    const { classification: c, evidence } = await checker.checkAndClassify(domain, { now }, { addresses: true });
    const dns = evidence.dns?.ok ? evidence.dns.value : null;
    const firstError = evidence.rdap && !evidence.rdap.ok ? evidence.rdap.error.message : null;
    return {
      stage: c.stage,
      registrar: c.registrar,
      registeredAt: c.registeredAt?.toISOString() ?? null,
      nameservers: dns?.nameservers ?? [],
      mx: dns?.mx ?? [],
      addresses: dns?.addresses ?? [],
      error: c.stage === 'unknown' ? firstError : null,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      stage: 'unknown',
      registrar: null,
      registeredAt: null,
      nameservers: [],
      mx: [],
      addresses: [],
      error: message,
    };
  }
}

function formatText(name: string, candidates: LookalikeCandidate[], states: Map<string, Checked> | null): string {
  const perFamily = LOOKALIKE_FAMILIES.map((f) => `${f} ${candidates.filter((c) => c.families.includes(f)).length}`);
  const lines = [`${candidates.length} look-alike candidates of ${name} (${perFamily.join(', ')})`];
  const width = Math.max(...candidates.map((c) => c.domain.length), 6);
  for (const c of candidates) {
    const shown = c.unicode !== c.domain ? ` (${c.unicode})` : '';
    const state = states?.get(c.domain);
    const facts = state
      ? isHeld(state.stage as never)
        ? `  REGISTERED ${state.stage}${state.registrar ? `, ${state.registrar}` : ''}${state.mx.length ? ', MX' : ''}${state.addresses.length ? ', A' : ''}`
        : `  ${state.stage}${state.error ? ` (${state.error})` : ''}`
      : '';
    lines.push(`  ${c.domain.padEnd(width)}  ${c.families.join(', ')}${shown}${facts}`);
  }
  if (states) {
    const held = [...states.values()].filter((s) => isHeld(s.stage as never)).length;
    lines.push(`${held} registered, ${[...states.values()].filter((s) => s.stage === 'unknown').length} unknown`);
  }
  return `${lines.join('\n')}\n`;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { check: { type: 'boolean' }, json: { type: 'boolean' }, concurrency: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
}
