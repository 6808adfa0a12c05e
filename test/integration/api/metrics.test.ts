import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureDb } from '@/db/client';
import { apiTokens, notifications } from '@/db/schema';
import { newApiToken } from '@/lib/api-tokens/secret';
import { GET as eligibility } from '@/app/api/v1/recovery-eligibility/route';
import { GET as metrics } from '@/app/metrics/route';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, unique } from '../account/fixtures';
import { makeDomain, makeFlag } from '../dashboard/fixtures';

// /metrics, read by a Prometheus text-format parser: the deployment's state from PostgreSQL (this
// file's own database, so the counts are exactly what it made) and this process's counters.

const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

type Family = { name: string; type: string; metrics: { value: string; labels?: Record<string, string> }[] };

async function token(scopes: string[]) {
  const secret = newApiToken();
  await t.db.insert(apiTokens).values({ name: unique('t'), scopes, tokenHash: secret.hash, prefix: secret.prefix });
  return secret.token;
}
const scrape = async (bearer: string | null) =>
  metrics(new Request('http://localhost/metrics', { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }));

function value(families: Family[], name: string, labels: Record<string, string>): number | undefined {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return metric ? Number(metric.value) : undefined;
}

describe('/metrics', () => {
  it('parses as Prometheus text and counts what the database holds', async () => {
    await makeDomain(t.db, 'grace', `${unique('g')}.dev`);
    await makeDomain(t.db, 'grace', `${unique('g')}.dev`);
    const owner = await makeUser(t.db);
    const domain = await makeDomain(t.db, 're_registered', `${unique('r')}.dev`);
    await makeFlag(t.db, { state: 'open', domain, stage: 're_registered', userId: owner.id });
    await t.db.insert(notifications).values({
      userId: owner.id,
      channel: 'email',
      kind: 'staff_notice',
      address: `${unique('m')}@gmail.com`,
      dedupeKey: unique('mail'),
      payload: {},
    });
    const reader = await token(['read']);
    const asker = await token(['eligibility']);
    const ask = (address: string) =>
      eligibility(
        new Request(`http://localhost/api/v1/recovery-eligibility?address=${encodeURIComponent(address)}`, {
          headers: { authorization: `Bearer ${asker}` },
        }),
      );
    const before = parsePrometheusTextFormat(await (await scrape(reader)).text()) as Family[];
    const unknownBefore = value(before, 'gk_eligibility_lookups_total', { reason: 'unknown_address' }) ?? 0;
    await ask(`${unique('n')}@example.org`);
    await ask(`${unique('n')}@example.org`);

    const response = await scrape(reader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheusTextFormat(await response.text()) as Family[];
    expect(value(families, 'gk_domains', { stage: 'grace' })).toBe(2);
    expect(value(families, 'gk_domains', { stage: 're_registered' })).toBeGreaterThanOrEqual(1);
    expect(value(families, 'gk_domains', { stage: 'redemption' })).toBe(0);
    expect(value(families, 'gk_flags', { state: 'open' })).toBeGreaterThanOrEqual(1);
    expect(value(families, 'gk_flags', { state: 'resolved' })).toBe(0);
    expect(value(families, 'gk_outbox_mail', { state: 'queued' })).toBeGreaterThanOrEqual(1);
    expect(value(families, 'gk_scans', { state: 'running' })).toBe(0);
    expect(value(families, 'gk_eligibility_lookups_total', { reason: 'unknown_address' })).toBe(unknownBefore + 2);
    expect(families.find((f) => f.name === 'gk_eligibility_lookups_total')?.type).toBe('COUNTER');
    expect(families.some((f) => f.name.startsWith('gk_process_'))).toBe(true);
  });

  it('needs a token with the read scope', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape(await token(['eligibility', 'sync']))).status).toBe(403);
  });
});
