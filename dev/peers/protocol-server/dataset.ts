import type { Stage } from '@/core/domains';
import { between, pick, type Rng, seededRng } from '@/dev/peers/protocol-server/random';
import type { DomainRecord, Scenario } from '@/dev/peers/protocol-server/records';
import { recordFor } from '@/dev/peers/protocol-server/scenarios';

// The one dataset of the local protocol server: the demo's custom domains (believable maintainer
// and project names, every lifecycle situation) and, for benchmarks, any number of synthetic ones.
// Names are fixed; dates are computed from the clock passed in, so "expiring" stays expiring.

export type { DomainRecord, Scenario } from '@/dev/peers/protocol-server/records';
export { SCENARIOS } from '@/dev/peers/protocol-server/records';
export { recordFor } from '@/dev/peers/protocol-server/scenarios';

/**
 * The stage the engine gives each situation when it can read every source and knows when the address
 * was verified (`record.verifiedAt`). Held, undelegated and for-sale domains are still registered
 * to their owner: they are active, with a note for the reviewer.
 */
export const SCENARIO_STAGE: Record<Scenario, Stage> = {
  active: 'active',
  expiring: 'expiring',
  grace: 'grace',
  redemption: 'redemption',
  pending_delete: 'pending_delete',
  available: 'available',
  re_registered: 're_registered',
  on_hold: 'active',
  undelegated_active: 'active',
  for_sale: 'active',
  // Through the registrar's record, which only thin registries (.com, .net here) link to.
  auto_renewed: 'grace',
};

export interface DemoDomain {
  name: string;
  scenario: Scenario;
  record: DomainRecord;
}

/** How many demo domains each situation gets (310 in all). */
export const DEMO_MIX: Record<Scenario, number> = {
  active: 90,
  expiring: 30,
  grace: 30,
  redemption: 30,
  pending_delete: 25,
  available: 30,
  re_registered: 30,
  on_hold: 15,
  undelegated_active: 15,
  for_sale: 15,
  // None in the demo: its seed classifies from the registry record alone (dev/demo/seed).
  auto_renewed: 0,
};

const PEOPLE = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yuki',
  'zoe',
  'priya',
  'mateo',
  'lena',
  'kofi',
  'anya',
  'tomas',
  'ines',
  'omar',
  'sana',
  'leo',
  'noor',
  'bjorn',
  'chen',
  'dara',
  'emeka',
  'farah',
  'gustav',
  'hana',
  'ilya',
  'jonas',
];
const PERSON_STYLES = [
  (p: string) => `${p}-dev`,
  (p: string) => `${p}codes`,
  (p: string) => `${p}hq`,
  (p: string) => `hey${p}`,
  (p: string) => `${p}-labs`,
  (p: string) => `${p}builds`,
];
const PREFIXES = [
  'py',
  'js',
  'rs',
  'go',
  'fast',
  'tiny',
  'micro',
  'open',
  'lib',
  'hyper',
  'quick',
  'easy',
  'async',
  'lazy',
  'pure',
  'simple',
  'neat',
  'bright',
];
const CORES = [
  'utils',
  'csv',
  'json',
  'http',
  'parse',
  'cache',
  'log',
  'queue',
  'auth',
  'crypt',
  'tools',
  'config',
  'test',
  'grid',
  'docs',
  'lint',
  'build',
  'sync',
  'stream',
  'router',
  'yaml',
  'cli',
];

// TLDs served by the local RDAP bootstrap, weighted roughly like maintainers' custom domains. .uk
// follows Nominet's own lifecycle (no redemption period), so it only appears where that does not matter.
const TLDS = [
  'com',
  'com',
  'com',
  'org',
  'org',
  'net',
  'dev',
  'dev',
  'io',
  'io',
  'app',
  'xyz',
  'co.uk',
  'tech',
  'site',
];
const GTLD_ONLY: ReadonlySet<Scenario> = new Set(['grace', 'redemption', 'pending_delete']);
/** Situations only a thin registry's registrar link reveals. */
const THIN_TLDS = ['com', 'net'];
const tldsFor = (scenario: Scenario) =>
  scenario === 'auto_renewed' ? THIN_TLDS : GTLD_ONLY.has(scenario) ? TLDS.filter((t) => t !== 'co.uk') : TLDS;

function candidateName(rng: Rng): string {
  if (rng() < 0.45) {
    const style = pick(rng, PERSON_STYLES);
    return style(pick(rng, PEOPLE));
  }
  return `${pick(rng, PREFIXES)}${pick(rng, CORES)}`;
}

function names(rng: Rng, count: number, scenario: Scenario, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const tld = pick(rng, tldsFor(scenario));
    const name = `${candidateName(rng)}.${tld}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push(name);
  }
  return out;
}

/** At least 300 custom domains across every situation, names stable across runs, dates relative to `now`. */
export function demoDomains(now: Date, mix: Record<Scenario, number> = DEMO_MIX): DemoDomain[] {
  const rng = seededRng(20_240_725);
  const taken = new Set<string>();
  const out: DemoDomain[] = [];
  for (const [scenario, count] of Object.entries(mix) as [Scenario, number][]) {
    for (const name of names(rng, count, scenario, taken))
      out.push({ name, scenario, record: recordFor(scenario, name, now) });
  }
  return out;
}

/** Share of each situation in synthetic benchmark data: most custom domains are simply alive. */
export const SYNTHETIC_MIX: Record<Scenario, number> = {
  active: 0.8,
  expiring: 0.05,
  grace: 0.03,
  redemption: 0.03,
  pending_delete: 0.02,
  available: 0.03,
  re_registered: 0.02,
  on_hold: 0.01,
  undelegated_active: 0.005,
  for_sale: 0.005,
  auto_renewed: 0,
};

/** `count` synthetic domains, deterministic from `seed` (names like `pyjson-4f2a91.dev`). */
export function syntheticDomains(options: {
  count: number;
  seed?: number;
  now: Date;
  mix?: Record<Scenario, number>;
}): DemoDomain[] {
  const rng = seededRng(options.seed ?? 1);
  const mix = Object.entries(options.mix ?? SYNTHETIC_MIX) as [Scenario, number][];
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const out: DemoDomain[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const scenario = weightedPick(mix, rng() * total);
    const tlds = tldsFor(scenario);
    const label = `${pick(rng, PREFIXES)}${pick(rng, CORES)}-${i.toString(36)}${between(rng, 0, 0xfff).toString(16)}`;
    const name = `${label}.${pick(rng, tlds)}`;
    out.push({ name, scenario, record: recordFor(scenario, name, options.now) });
  }
  return out;
}

function weightedPick(mix: [Scenario, number][], roll: number): Scenario {
  let rest = roll;
  for (const [scenario, weight] of mix) {
    rest -= weight;
    if (rest < 0) return scenario;
  }
  return 'active';
}

/** Custom domains the demo accounts rely on, with the lifecycle situation the protocol server serves. */
export const DEMO_ACCOUNT_DOMAINS = [
  { name: 'lapsed-example.dev', scenario: 're_registered' },
  { name: 'alice-dev.io', scenario: 'grace' },
] as const;

/**
 * The demo registry's domains as of `anchor`. The anchor is the moment the demo was seeded and is
 * kept in the database: the dataset's dates are relative to it, so every later start serves the
 * same registrations the seed recorded (a moving anchor would look like every domain was
 * registered again), and time passing ages the domains the way real ones age.
 */
export function demoRegistryDomains(anchor: Date): DemoDomain[] {
  const fixed = DEMO_ACCOUNT_DOMAINS.map(({ name, scenario }) => ({
    name,
    scenario,
    record: recordFor(scenario, name, anchor),
  }));
  const taken = new Set<string>(fixed.map((d) => d.name));
  return [...fixed, ...demoDomains(anchor).filter((d) => !taken.has(d.name))];
}
