import './fixtures';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { domains, emails, flags, notifications, scans } from '@/db/schema';
import { createDomainChecker, type DomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { envSchema } from '@/lib/env';
import { runOutboxOnce } from '@/lib/notify/outbox-worker';
import type { ResetRecheckOptions } from '@/lib/notify/reset-recheck';
import { requestPasswordReset } from '@/lib/reset/request';
import { checkDomainNow } from '@/lib/scans/check-now';
import { addMaintainers, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';
import { setupSmtpSink } from './smtp-helpers';

// The just-in-time check before a reset link leaves: the outbox, the real engine against the local
// protocol server, a real SMTP sink. Each domain is checked once as active (as the schedule would),
// then left 2 days without a check while the registry's answer changes.
const t = setupTestDatabase();
const smtp = setupSmtpSink();
const DOMAINS = [
  'taken-over.dev',
  'in-redemption.dev',
  'still-mine.dev',
  'outage.dev',
  'outage-grace.dev',
  'slow-registry.dev',
  'fresh.dev',
  'failed-last.dev',
];
const h = setupProtocolServer(() => DOMAINS.map((name) => record('active', name)));
const options = { from: 'Gravekeeper <no-reply@gk.test>', appUrl: 'https://registry.example' };
const HOUR = 3_600_000;
const logs: string[] = [];
let ip = 0;

const recheck = (checker: DomainChecker = h.checker, timeoutMs = 30_000): ResetRecheckOptions => ({
  maxAgeMs: 24 * HOUR,
  timeoutMs,
  check: (domain) =>
    checkDomainNow(t.db, domain, { trigger: 'reset', actor: { type: 'job', name: 'outbox' }, checker }),
  log: (line) => logs.push(line),
});

beforeEach(async () => {
  await t.db.execute(sql`update notifications set state = 'failed' where state = 'queued'`);
  smtp.received.length = 0;
  logs.length = 0;
});

/** A maintainer with an address at `domain` and a verified gmail backup; the domain checked once (active), `checkedAgoMs` ago. */
async function owner(domain: string, checkedAgoMs = 2 * 24 * HOUR) {
  const [user] = await addMaintainers(t.db, domain, 1, h.server.getDomain(domain)!);
  await scanToEnd(t.db, h.checker, { kind: 'domain', target: domain, trigger: 'cli' });
  await t.db
    .update(domains)
    .set({ lastCheckedAt: new Date(Date.now() - checkedAgoMs) })
    .where(eq(domains.name, domain));
  const [custom] = await t.db
    .select()
    .from(emails)
    .where(eq(emails.address, `${user!.username}@${domain}`));
  const [backup] = await t.db
    .select()
    .from(emails)
    .where(eq(emails.address, `${user!.username}@gmail.com`));
  return { user: user!, custom: custom!, backup: backup! };
}

/** Asks for a reset by username: the gate (stored state: active) queues a link to both addresses. */
async function requestReset(username: string) {
  ip += 1;
  const result = await t.db.transaction((tx) =>
    requestPasswordReset({
      ctx: { tx, now: new Date(), clientIp: `10.9.0.${ip}`, appUrl: options.appUrl },
      input: { input: username },
    }),
  );
  expect(result.sentTo).toHaveLength(2);
}

const linkTo = async (address: string) =>
  (
    await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.address, address), eq(notifications.kind, 'password_reset')))
  )[0]!;
const resetScans = (domain: string) =>
  t.db
    .select()
    .from(scans)
    .where(and(eq(scans.trigger, 'reset'), eq(scans.target, domain)));
const domainRow = async (domain: string) => (await t.db.select().from(domains).where(eq(domains.name, domain)))[0]!;

describe('a reset link to a custom domain last checked 2 days ago', () => {
  it.each([
    ['taken-over.dev', ['available', 're_registered'], 're_registered'],
    ['in-redemption.dev', ['redemption'], 'redemption'],
  ] as const)(
    '%s: the fresh check finds it lapsed, so no link goes there, the address is flagged and the owner told',
    async (domain, scenarios, stage) => {
      const { user, custom, backup } = await owner(domain);
      await requestReset(user.username);
      for (const s of scenarios) h.server.setScenario(domain, s);

      expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toEqual({
        claimed: 2,
        sent: 1,
        retried: 0,
        failed: 1,
      });
      // The link went to the backup only.
      expect(smtp.received.map((m) => m.to)).toEqual([[backup.address]]);
      const refused = await linkTo(custom.address);
      expect(refused).toMatchObject({
        state: 'failed',
        lastError: 'not sent: the address is no longer verified',
        sentAt: null,
      });
      expect(refused.payload).not.toHaveProperty('sealedLink');
      // The check was applied like any scan: unverified, flagged, recorded with trigger "reset".
      expect(await t.db.select().from(emails).where(eq(emails.id, custom.id))).toEqual([
        expect.objectContaining({ verified: false, unverifyReason: 'domain_lifecycle' }),
      ]);
      expect(await t.db.select().from(flags).where(eq(flags.emailId, custom.id))).toEqual([
        expect.objectContaining({ state: 'open', stage }),
      ]);
      expect(await resetScans(domain)).toEqual([
        expect.objectContaining({ kind: 'domain', state: 'done', requestedBy: null }),
      ]);
      expect((await domainRow(domain)).stage).toBe(stage);
      // The owner's other address got the usual "address unverified" notice.
      const notices = await t.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.kind, 'address_unverified'),
            eq(notifications.channel, 'email'),
            eq(notifications.userId, user.id),
          ),
        );
      expect(notices).toEqual([expect.objectContaining({ address: backup.address, state: 'queued' })]);
      smtp.received.length = 0;
      expect(await runOutboxOnce(t.db, smtp.transport, new Date(), options)).toMatchObject({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual([[backup.address]]);
      expect(smtp.parsed()[0]!.text).toContain(domain);
    },
  );

  it('the fresh check finds it still active: the link goes out and the check is recorded', async () => {
    const { user, custom } = await owner('still-mine.dev');
    const before = (await domainRow('still-mine.dev')).lastCheckedAt!;
    await requestReset(user.username);
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toMatchObject({
      claimed: 2,
      sent: 2,
      failed: 0,
    });
    expect(smtp.received.map((m) => m.to[0]).sort()).toContain(custom.address);
    expect(await linkTo(custom.address)).toMatchObject({ state: 'sent', lastError: null });
    const after = await domainRow('still-mine.dev');
    expect(after).toMatchObject({ stage: 'active', consecutiveFailures: 0 });
    expect(after.lastCheckedAt!.getTime()).toBeGreaterThan(before.getTime() + 24 * HOUR);
    expect(await resetScans('still-mine.dev')).toHaveLength(1);
    expect((await t.db.select().from(emails).where(eq(emails.id, custom.id)))[0]!.verified).toBe(true);
  });
});

describe('a fresh check that cannot answer: the stored result decides', () => {
  it('sources failing, stored active: the link goes out and nobody is unverified', async () => {
    const { user, custom } = await owner('outage.dev');
    await requestReset(user.username);
    h.server.setFaults({ rules: [{ match: { domain: 'outage.dev' }, action: 'status', status: 503 }] });
    try {
      expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toMatchObject({
        sent: 2,
        failed: 0,
      });
    } finally {
      h.server.setFaults({ rules: [] });
    }
    expect(await linkTo(custom.address)).toMatchObject({ state: 'sent' });
    // The failed check was recorded, and changed neither the stage nor the address.
    expect(await resetScans('outage.dev')).toEqual([
      expect.objectContaining({
        state: 'done',
        counters: expect.objectContaining({ domainsErrored: 1, addressesUnverified: 0 }),
      }),
    ]);
    expect(await domainRow('outage.dev')).toMatchObject({ stage: 'active', consecutiveFailures: 1 });
    expect(await t.db.select().from(emails).where(eq(emails.id, custom.id))).toEqual([
      expect.objectContaining({ verified: true }),
    ]);
    expect(await t.db.select().from(flags).where(eq(flags.emailId, custom.id))).toEqual([]);
  });

  it('sources failing, stored stage lapsing: no link goes there', async () => {
    const { user, custom, backup } = await owner('outage-grace.dev');
    await requestReset(user.username);
    // A scheduled check found it past its expiry after the request: "grace" only warns, so the
    // address is neither unverified nor flagged, yet the stored stage is not safe for a reset link.
    await t.db.update(domains).set({ stage: 'grace' }).where(eq(domains.name, 'outage-grace.dev'));
    h.server.setFaults({ rules: [{ match: { domain: 'outage-grace.dev' }, action: 'status', status: 503 }] });
    try {
      expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toMatchObject({
        sent: 1,
        failed: 1,
      });
    } finally {
      h.server.setFaults({ rules: [] });
    }
    expect(smtp.received.map((m) => m.to)).toEqual([[backup.address]]);
    expect(await linkTo(custom.address)).toMatchObject({
      state: 'failed',
      lastError:
        'not sent: the domain outage-grace.dev is past its expiry date (grace period): the link could reach someone else',
    });
    expect(await domainRow('outage-grace.dev')).toMatchObject({ stage: 'grace', consecutiveFailures: 1 });
    expect(await resetScans('outage-grace.dev')).toHaveLength(1);
  });

  it('a check slower than the bound: the stored result (active) decides and the late result is applied as a scan', async () => {
    const { user, custom } = await owner('slow-registry.dev');
    await requestReset(user.username);
    // Every answer about the domain hangs; this checker gives up on a request after 1 s.
    const env = envSchema.parse(h.server.env);
    const patient = createDomainChecker(
      sourcesConfigFromEnv(env, { http: { timeoutMs: 1_000, retries: 0, backoffBaseMs: 10, backoffMaxMs: 10 } }),
    );
    h.server.setFaults({ rules: [{ match: { domain: 'slow-registry.dev' }, action: 'hang' }] });
    try {
      expect(
        await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck(patient, 100) }),
      ).toMatchObject({ sent: 2, failed: 0 });
      expect(logs.some((l) => l.includes('slow-registry.dev') && l.includes('did not answer'))).toBe(true);
      expect(await linkTo(custom.address)).toMatchObject({ state: 'sent' });
      // The check went on in the background; wait for it, then it has changed nothing.
      for (let i = 0; i < 100 && (await resetScans('slow-registry.dev'))[0]?.state !== 'done'; i += 1)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      h.server.setFaults({ rules: [] });
    }
    expect(await resetScans('slow-registry.dev')).toEqual([expect.objectContaining({ state: 'done' })]);
    expect(await t.db.select().from(emails).where(eq(emails.id, custom.id))).toEqual([
      expect.objectContaining({ verified: true }),
    ]);
  });
});

describe('when no fresh check is needed', () => {
  it('a domain checked successfully an hour ago is not checked again', async () => {
    const { user, custom } = await owner('fresh.dev', HOUR);
    await requestReset(user.username);
    const calls = h.server.requestCount({ domain: 'fresh.dev' });
    const scansBefore = (await t.db.select().from(scans)).length;
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toMatchObject({
      sent: 2,
    });
    expect(await linkTo(custom.address)).toMatchObject({ state: 'sent' });
    expect((await t.db.select().from(scans)).length).toBe(scansBefore);
    expect(h.server.requestCount({ domain: 'fresh.dev' })).toBe(calls);
  });

  it('but a domain whose last check (an hour ago) failed is checked again', async () => {
    const { user } = await owner('failed-last.dev', HOUR);
    await t.db.update(domains).set({ consecutiveFailures: 1 }).where(eq(domains.name, 'failed-last.dev'));
    await requestReset(user.username);
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(), { ...options, recheck: recheck() })).toMatchObject({
      sent: 2,
    });
    expect(await resetScans('failed-last.dev')).toHaveLength(1);
    expect(await domainRow('failed-last.dev')).toMatchObject({ stage: 'active', consecutiveFailures: 0 });
  });
});
