import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/dev/demo/seed/seed-demo';
import { demoLookalikeRecords } from '@/dev/peers/protocol-server/lookalike-dataset';
import { scheduleDueDomains } from '@/lib/jobs/tick';
import { setupTestDatabase } from '../../support/test-db';

// What a newcomer finds on /admin/lookalikes after `npm start`: the demo registry's own domain under
// watch, its candidates checked (a baseline scan, then the scheduler's), three registrations with
// their mail and web records, the alerts staff got for the two that came after the watch began, and
// staff's two marks with their reasons. The pages read these same rows (lib/lookalikes/queries.ts).

process.env.GK_ENCRYPTION_KEY ??= 'integration-test-encryption-key-0123';

const t = setupTestDatabase();
const now = new Date();
const DAY = 86_400_000;
/** The raw client returns timestamps as text. */
const ms = (value: string | Date) => new Date(value).getTime();

beforeAll(async () => {
  const summary = await seedDemo(t.db, { now });
  expect(summary.lookalikes).toMatchObject({ name: 'demo-registry.dev', registered: 3 });
  expect(summary.lookalikes!.candidates).toBeGreaterThan(100);
});

describe('demo look-alike watch', () => {
  it('watches demo-registry.dev, added by the admin days ago, its first scan done over every candidate', async () => {
    const [name] = await t.sql<{ name: string; added_by: string; age_days: number; removed_at: Date | null }[]>`
      select n.name, u.username as added_by, extract(epoch from ${now.toISOString()}::timestamptz - n.added_at) / 86400 as age_days,
             n.removed_at
      from lookalike_names n join users u on u.id = n.added_by`;
    expect(name).toMatchObject({ name: 'demo-registry.dev', added_by: 'admin', removed_at: null });
    expect(Number(name!.age_days)).toBeGreaterThan(7);
    const [scan] = await t.sql<{ state: string; total: number; checked: number; candidates: number }[]>`
      select s.state, s.total, s.checked, (select count(*)::int from lookalike_candidates) as candidates
      from scans s where s.kind = 'lookalikes' and s.target = 'demo-registry.dev'`;
    expect(scan).toMatchObject({ state: 'done' });
    expect(scan!.total).toBe(scan!.candidates);
    expect(scan!.checked).toBe(scan!.candidates);
    // Every candidate is under watch, was checked, and is scheduled: none is due right after the seed.
    const [unchecked] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from lookalike_candidates c join domains d on d.id = c.domain_id
      where d.last_checked_at is null or d.next_check_at <= now()`;
    expect(unchecked!.n).toBe(0);
    expect(await scheduleDueDomains(t.db, new Date())).toBeNull();
  });

  it('lists the registered look-alikes as the local protocol server serves them, with MX and A', async () => {
    const rows = await t.sql<
      {
        name: string;
        stage: string;
        registrar: string;
        registered_at: string;
        has_mx: boolean;
        mx: string[];
        has_a: boolean;
        addresses: string[];
        registered_seen_at: string;
      }[]
    >`select d.name, d.stage, d.registrar, d.registered_at, c.has_mx, c.mx, c.has_a, c.addresses, c.registered_seen_at
      from lookalike_candidates c join domains d on d.id = c.domain_id where c.registered order by d.name`;
    const served = new Map(demoLookalikeRecords(now).map((r) => [r.name, r]));
    expect(rows.map((r) => r.name)).toEqual(['dem0-registry.dev', 'demo-registry.com', 'demo-regsitry.dev']);
    for (const row of rows) {
      const record = served.get(row.name)!;
      expect(row.stage).toBe('active');
      expect(row.registrar).toBe(record.rdap!.registrar.name);
      expect(ms(row.registered_at)).toBe(ms(record.rdap!.registeredAt));
      // Seen by the first check after the registration, never before it.
      expect(ms(row.registered_seen_at)).toBeGreaterThanOrEqual(ms(row.registered_at));
    }
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(by['dem0-registry.dev']).toMatchObject({
      has_mx: true,
      mx: ['mx1.privateemail.com', 'mx2.privateemail.com'],
      has_a: false,
    });
    expect(by['demo-regsitry.dev']).toMatchObject({ has_mx: false, has_a: true, addresses: ['198.51.100.23'] });
    expect(by['demo-registry.com']).toMatchObject({ has_mx: false, has_a: true });
    // Registered on days of the demo's past: within the last two weeks, and years ago for the registry's own.
    for (const name of ['dem0-registry.dev', 'demo-regsitry.dev']) {
      const age = now.getTime() - ms(by[name]!.registered_at);
      expect(age).toBeGreaterThan(DAY);
      expect(age).toBeLessThan(14 * DAY);
    }
    expect(new Date(by['demo-registry.com']!.registered_at).getUTCFullYear()).toBe(2019);
  });

  it('marks one malicious and one benign, each with its reason, by staff, audited before and after', async () => {
    const marks = await t.sql<{ name: string; mark: string; mark_reason: string; marked_by: string }[]>`
      select d.name, c.mark, c.mark_reason, u.username as marked_by
      from lookalike_candidates c join domains d on d.id = c.domain_id join users u on u.id = c.marked_by
      where c.mark is not null order by d.name`;
    expect(marks).toEqual([
      expect.objectContaining({ name: 'dem0-registry.dev', mark: 'malicious', marked_by: 'staff' }),
      expect.objectContaining({ name: 'demo-registry.com', mark: 'benign', marked_by: 'staff' }),
    ]);
    expect(marks[0]!.mark_reason).toMatch(/phishing/i);
    expect(marks[1]!.mark_reason).toMatch(/defensive registration/);
    const audits = await t.sql<{ target_id: string; details: { before: string | null; after: string } }[]>`
      select target_id, details from audit_log where action = 'lookalike.mark' order by target_id`;
    expect(audits.map((a) => [a.target_id, a.details.before, a.details.after])).toEqual([
      ['dem0-registry.dev', null, 'malicious'],
      ['demo-registry.com', null, 'benign'],
    ]);
  });

  it('alerted staff of each registration after the baseline and of the MX and web record that followed', async () => {
    const events = await t.sql<{ action: string; target_id: string; event: string }[]>`
      select action, target_id, details->>'event' as event from audit_log
      where action in ('lookalike.registered', 'lookalike.dns_appeared') order by target_id, id`;
    expect(events.map((e) => [e.target_id, e.event])).toEqual([
      ['dem0-registry.dev', 'registered'],
      ['dem0-registry.dev', 'mx'],
      ['demo-regsitry.dev', 'registered'],
      ['demo-regsitry.dev', 'a'],
    ]);
    // The registry's own .com was already registered when the watch began: listed, never alerted.
    const notices = await t.sql<
      { username: string; channel: string; state: string; event: string; domain: string; created_at: string }[]
    >`select u.username, n.channel, n.state, n.payload->>'event' as event, n.payload->>'domain' as domain, n.created_at
      from notifications n join users u on u.id = n.user_id where n.kind = 'lookalike_alert' order by n.id`;
    for (const who of ['admin', 'staff'])
      for (const channel of ['in_app', 'email'])
        expect(notices.filter((n) => n.username === who && n.channel === channel)).toHaveLength(4);
    expect(notices.some((n) => n.domain === 'demo-registry.com')).toBe(false);
    // Dated when the scan saw the event (not today), and no mail from the past waits in the outbox.
    expect(notices.every((n) => ms(n.created_at) < now.getTime() - 3 * 3_600_000)).toBe(true);
    expect(notices.every((n) => n.state === 'sent')).toBe(true);
    // The in-app alert about the MX came after the registration's.
    const mx = notices.find((n) => n.event === 'mx')!;
    const registered = notices.find((n) => n.event === 'registered' && n.domain === 'dem0-registry.dev')!;
    expect(ms(mx.created_at)).toBeGreaterThan(ms(registered.created_at) + 12 * 3_600_000);
  });

  it('raises no flags and touches no maintainer’s address', async () => {
    const [row] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from flags f join lookalike_candidates c on c.domain_id = f.domain_id`;
    expect(row!.n).toBe(0);
    const [addresses] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from emails e join domains d on d.name = e.domain
      join lookalike_candidates c on c.domain_id = d.id`;
    expect(addresses!.n).toBe(0);
  });
});
