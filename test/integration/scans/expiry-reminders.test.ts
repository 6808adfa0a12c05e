import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { domains, notifications } from '@/db/schema';
import { renderMail } from '@/lib/notify/templates';
import { addMaintainers, record, scanToEnd, setupProtocolServer } from '../../support/scan-harness';
import { setupTestDatabase } from '../../support/test-db';

// The "domain expiring soon" notice on the owner's calendar: 30, 7 and 1 days before the stated
// expiry, each once, through real scans whose clock is set (runScanChunk's `now`), against the local
// protocol server serving a fixed expiry.

const DAY = 86_400_000;
const NAME = 'calendar-owner.dev';
const EXPIRES = new Date('2031-03-20T09:30:00.000Z');
const at = (daysBefore: number) => new Date(EXPIRES.getTime() - daysBefore * DAY);

const t = setupTestDatabase();
const h = setupProtocolServer(() => {
  const rec = record('active', NAME, at(40));
  if (!rec.rdap) throw new Error('an active record has a registration');
  rec.rdap.expiresAt = EXPIRES.toISOString();
  rec.verifiedAt = at(400).toISOString();
  return [rec];
});

async function scanAt(now: Date) {
  return scanToEnd(t.db, h.checker, { kind: 'domain', target: NAME, trigger: 'cli' }, () => now);
}

async function domainRow() {
  const [row] = await t.db.select().from(domains).where(eq(domains.name, NAME));
  return row!;
}

const reminders = () =>
  t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.kind, 'domain_expiring'), eq(notifications.channel, 'in_app')))
    .orderBy(notifications.id);

describe('expiry reminders on the owner calendar', () => {
  it('far from expiry: no notice, and the next check is when the 30-day window opens', async () => {
    await addMaintainers(t.db, NAME, 2, h.server.getDomain(NAME)!);
    const scan = await scanAt(at(40));
    expect(scan.counters).toMatchObject({ domainsChecked: 1, notificationsQueued: 0 });
    const row = await domainRow();
    expect(row.stage).toBe('active');
    expect(row.nextCheckAt?.toISOString()).toBe(at(30).toISOString());
  });

  it('30 days before: one notice per owner, in-app and to the address itself, keyed by expiry and step', async () => {
    const scan = await scanAt(at(30));
    expect(scan.counters.notificationsQueued).toBe(4);
    const rows = await reminders();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.dedupeKey).toMatch(/^domain_expiring:calendar-owner\.dev:2031-03-20:30d:\d+:in_app$/);
      expect(row.payload).toMatchObject({ domain: NAME, stage: 'expiring', reminderDays: 30 });
    }
    const mails = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'domain_expiring'), eq(notifications.channel, 'email')));
    expect(mails.map((m) => m.address).sort()).toEqual([`calendar-owner-m0@${NAME}`, `calendar-owner-m1@${NAME}`]);
    expect((await domainRow()).stage).toBe('expiring');
  });

  it('between the steps: daily checks queue nothing new', async () => {
    for (const days of [29, 20, 12]) expect((await scanAt(at(days))).counters.notificationsQueued).toBe(0);
    expect(await reminders()).toHaveLength(2);
  });

  it('half a day before the 7-day step, the schedule wakes the domain exactly when it begins', async () => {
    await scanAt(at(7.5));
    expect((await domainRow()).nextCheckAt?.toISOString()).toBe(at(7).toISOString());
  });

  it('7 days and 1 day before: one more notice each, never twice', async () => {
    expect((await scanAt(at(7))).counters.notificationsQueued).toBe(4);
    expect((await scanAt(at(6.9))).counters.notificationsQueued).toBe(0);
    await scanAt(at(1.5));
    expect((await domainRow()).nextCheckAt?.toISOString()).toBe(at(1).toISOString());
    expect((await scanAt(at(1))).counters.notificationsQueued).toBe(4);
    expect((await scanAt(at(0.5))).counters.notificationsQueued).toBe(0);

    const rows = await reminders();
    const steps = rows.map((r) => (r.payload as { reminderDays: number }).reminderDays);
    expect(steps).toEqual([30, 30, 7, 7, 1, 1]);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(6);
    const mail = renderMail({
      kind: 'domain_expiring',
      payload: rows[4]!.payload as Record<string, unknown>,
      recipientName: null,
      appUrl: 'http://app.test',
      link: null,
    });
    expect(mail.subject).toBe(`The domain ${NAME} expires tomorrow`);
    expect(mail.text).toContain('on 20 March 2031');
  });

  it('a renewal moves the expiry and re-arms the calendar', async () => {
    const renewed = new Date(EXPIRES.getTime() + 365 * DAY);
    const rec = h.server.getDomain(NAME)!;
    h.server.setDomain(NAME, { ...rec, rdap: { ...rec.rdap!, expiresAt: renewed.toISOString() } });
    expect((await scanAt(at(0.2))).counters.notificationsQueued).toBe(0);
    expect((await domainRow()).stage).toBe('active');
    expect((await scanAt(new Date(renewed.getTime() - 30 * DAY))).counters.notificationsQueued).toBe(4);
    const latest = (await reminders()).at(-1)!;
    expect(latest.dedupeKey).toContain(':2032-03-19:30d:');
  });
});
