import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDomainCommand } from '@/cli/commands/check-domain';
import { STAGES } from '@/core/domains';
import {
  type DemoDomain,
  demoDomains,
  recordFor,
  SCENARIO_STAGE,
  SCENARIOS,
} from '@/dev/peers/protocol-server/dataset';
import { flavourOf } from '@/dev/peers/protocol-server/rdap-template';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { captureIo } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NOW = '2026-10-06T12:00:00.000Z';
let server: ProtocolServer;
let byScenario: Map<string, DemoDomain>;

beforeAll(async () => {
  // The demo has no auto_renewed domain (see DEMO_MIX): one .com is added for it.
  const lapsedName = 'ownerlapsed.com';
  const demo = [
    ...demoDomains(new Date(NOW)),
    {
      name: lapsedName,
      scenario: 'auto_renewed' as const,
      record: recordFor('auto_renewed', lapsedName, new Date(NOW)),
    },
  ];
  byScenario = new Map(SCENARIOS.map((s) => [s, demo.find((d) => d.scenario === s)!]));
  server = await startProtocolServer({ now: () => new Date(NOW), domains: demo.map((d) => d.record) });
});

/**
 * The sources one check asks: the registry, the registrar its answer links to (thin .com/.net and
 * Identity Digital, unless the registry already shows the lapse), DNS — and never the paid status
 * API, since RDAP answers for every served TLD.
 */
function expectedSources(demo: DemoDomain): string[] {
  const statuses = demo.record.rdap?.statuses ?? [];
  const links = ['verisign', 'identity'].includes(flavourOf(demo.name) ?? '');
  const lapsed = statuses.some((s) => ['redemption period', 'pending delete'].includes(s));
  return ['rdap', ...(demo.record.rdap && links && !lapsed ? ['rdap_registrar'] : []), 'dns'];
}
afterAll(() => server.close());

const TOP_KEYS = ['input', 'registrableDomain', 'stage', 'handle', 'evidence', 'timeline', 'sources'];
const TIMELINE_KEYS = ['registeredAt', 'expiresAt', 'graceEndsAt', 'redemptionEndsAt', 'deletionAt'];

function expectShape(json: Record<string, unknown>) {
  expect(Object.keys(json)).toEqual(TOP_KEYS);
  expect(STAGES).toContain(json.stage);
  expect(json.handle === null || typeof json.handle === 'string').toBe(true);
  const timeline = json.timeline as Record<string, unknown>;
  expect(Object.keys(timeline)).toEqual(TIMELINE_KEYS);
  for (const value of Object.values(timeline)) {
    if (value === null) continue;
    expect(Object.keys(value as object)).toEqual(['at', 'kind']);
    expect(['stated', 'estimated']).toContain((value as { kind: string }).kind);
    expect(new Date((value as { at: string }).at).toISOString()).toBe((value as { at: string }).at);
  }
  for (const item of json.evidence as Record<string, unknown>[])
    expect(Object.keys(item).sort()).toEqual(['code', 'kind', 'message', 'source']);
  for (const source of json.sources as Record<string, unknown>[]) {
    expect(['name', 'ok', 'error', 'statusWords']).toEqual(expect.arrayContaining(Object.keys(source)));
    expect(source.ok ? 'error' in source : !('error' in source)).toBe(false);
  }
}

async function run(args: string[], env: Record<string, string | undefined> = server.env) {
  const cap = captureIo(env);
  const code = await checkDomainCommand(args, cap.io);
  return { code, stdout: cap.stdout(), stderr: cap.stderr() };
}

describe('check-domain --json, one domain in every stage', () => {
  it.each(SCENARIOS)('%s', async (scenario) => {
    const demo = byScenario.get(scenario)!;
    const { code, stdout, stderr } = await run([
      demo.name,
      '--now',
      NOW,
      '--verified-at',
      demo.record.verifiedAt!,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout);
    expectShape(json);
    expect(json).toMatchObject({ input: demo.name, registrableDomain: demo.name, stage: SCENARIO_STAGE[scenario] });
    expect(json.sources.map((s: { name: string }) => s.name)).toEqual(expectedSources(demo));
    expect(json.sources.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect(json.handle).toBe(demo.record.rdap?.handle ?? null);
  });

  it('asks the status API where RDAP has no server for the TLD, once', async () => {
    const before = server.requestCount({ path: '/v2/status' });
    const { code, stdout } = await run(['beispiel.de', '--now', NOW, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.sources.map((s: { name: string }) => s.name)).toEqual(['rdap', 'dns', 'domainr']);
    expect(json.sources[0].error.code).toBe('unsupported_tld');
    // A name the status API does not know is, for it, open for registration.
    expect(json.sources[2].statusWords).toEqual(['undelegated', 'inactive']);
    expect(json.stage).toBe('available');
    expect(server.requestCount({ path: '/v2/status' }) - before).toBe(1);
  });

  it('recognises a re-registration from the previous registration date and handle alone', async () => {
    const demo = byScenario.get('re_registered')!;
    const prev = demo.record.previous!;
    const { code, stdout } = await run([
      demo.name,
      '--now',
      NOW,
      '--previous-registered-at',
      prev.registeredAt,
      '--previous-handle',
      prev.handle,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).stage).toBe('re_registered');
  });

  it('takes an address and reduces it to the registrable domain', async () => {
    const demo = byScenario.get('redemption')!;
    const input = `Ops@Mail.${demo.name.toUpperCase()}`;
    const { code, stdout } = await run([input, '--now', NOW, '--json', '--sources', 'rdap,dns']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ input, registrableDomain: demo.name, stage: 'redemption' });
    expect(json.sources.map((s: { name: string }) => s.name)).toEqual(['rdap', 'dns']);
  });

  it('exits 0 with stage unknown when no source can say anything', async () => {
    const env = { ...server.env, DOMAIN_STATUS_PROVIDER: 'none' };
    const { code, stdout } = await run(['beispiel.de', '--now', NOW, '--json', '--sources', 'rdap,status'], env);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expectShape(json);
    expect(json.stage).toBe('unknown');
    expect(json.sources).toEqual([
      { name: 'rdap', ok: false, error: expect.objectContaining({ code: 'unsupported_tld' }) },
    ]);
  });
});

describe('check-domain for people', () => {
  it('prints stage, evidence, timeline and sources', async () => {
    const demo = byScenario.get('pending_delete')!;
    const { code, stdout } = await run([demo.name, '--now', NOW]);
    expect(code).toBe(0);
    expect(stdout).toContain('stage:      pending_delete');
    for (const heading of ['evidence:', 'timeline:', 'sources:']) expect(stdout).toContain(`\n${heading}\n`);
    expect(stdout).toMatch(/deletion\s+\S+Z {2}\(stated\)/);
    expect(stdout).toMatch(/rdap\s+ok/);
    // RDAP answered: the paid status API was not asked.
    expect(stdout).not.toMatch(/domainr/);
  });
});

describe('check-domain: bad input is one line on stderr and exit 2', () => {
  it.each([
    ['no domain', []],
    ['two domains', ['a.com', 'b.com']],
    ['a bad --now', ['a.com', '--now', 'yesterday']],
    ['an impossible date', ['a.com', '--verified-at', '2026-02-30']],
    ['a bad --previous-registered-at', ['a.com', '--previous-registered-at', '2026-13-01T00:00:00Z']],
    ['an unknown source', ['a.com', '--sources', 'rdap,whois']],
    ['an empty source list', ['a.com', '--sources', ',']],
    ['an unknown option', ['a.com', '--fast']],
    ['an invalid domain', ['exa_mple.com']],
    ['a public suffix', ['co.uk']],
    ['an address without a domain', ['someone@']],
  ])('%s', async (_label, args) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^gk check-domain: [^\n]+\n$/);
  });
});

describe('gk check-domain as a subprocess', () => {
  it('prints exactly one JSON object on stdout', async () => {
    const demo = byScenario.get('available')!;
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      ['cli/gk.ts', 'check-domain', demo.name, '--now', NOW, '--json'],
      {
        cwd: ROOT,
        env: { ...process.env, ...server.env },
        timeout: 30_000,
      },
    );
    const json = JSON.parse(stdout);
    expectShape(json);
    expect(json).toMatchObject({ registrableDomain: demo.name, stage: 'available' });
  }, 40_000);

  it('exits 2 on an unknown command', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const failed = await promisify(execFile)(tsx, ['cli/gk.ts', 'no-such-command'], {
      cwd: ROOT,
      timeout: 30_000,
    }).catch((err: { code: number; stdout: string; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toContain('unknown command');
  }, 40_000);
});
