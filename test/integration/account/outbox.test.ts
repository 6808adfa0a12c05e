import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { emails, flags, notifications } from '@/db/schema';
import { runOutboxOnce } from '@/lib/notify/outbox-worker';
import { queueUserNotice } from '@/lib/notify/queue';
import { requestPasswordReset } from '@/lib/reset/request';
import { peekToken } from '@/lib/tokens/consume';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeDomain, makeUser, unique } from './fixtures';
import { setupSmtpSink } from './smtp-helpers';

const t = setupTestDatabase();
const smtp = setupSmtpSink();
const options = { from: 'Gravekeeper <no-reply@gk.test>', appUrl: 'https://registry.example' };
const MIN = 60_000;
const row = async (id: number) => (await t.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;
const far = () => new Date(Date.now() + 365 * 24 * 60 * MIN);

beforeEach(async () => {
  // Each test starts with an empty outbox and mailbox; earlier rows must not be picked up.
  await t.db.execute(sql`update notifications set state = 'failed' where state = 'queued'`);
  smtp.received.length = 0;
  smtp.refuse.clear();
});

async function queuedReset() {
  const user = await makeUser(t.db);
  const backup = await makeAddress(t.db, user.id, `${unique('backup')}@gmail.com`, { primary: true });
  await t.db.transaction((tx) =>
    requestPasswordReset({
      ctx: { tx: tx, now: new Date(), clientIp: '10.3.0.1', appUrl: options.appUrl },
      input: { input: user.username },
    }),
  );
  const [mail] = await t.db.select().from(notifications).where(eq(notifications.address, backup.address));
  return { user, backup, mail: mail! };
}

describe('sending the outbox over SMTP', () => {
  it('delivers a queued mail once, with a working link and a Message-ID from the row, and marks it sent', async () => {
    const { backup, mail } = await queuedReset();
    const now = new Date();
    expect(await runOutboxOnce(t.db, smtp.transport, now, options)).toEqual({
      claimed: 1,
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received.map((m) => m.to)).toEqual([[backup.address]]);
    const [got] = smtp.parsed();
    expect(got!.messageId).toBe(`<notification-${mail.id}@gk.test>`);
    expect(got!.subject).toBe('Reset your password');
    const link = /https:\/\/registry\.example\/reset-password\/([A-Za-z0-9_-]{43})/.exec(got!.text);
    expect(await peekToken(t.db, 'reset_password', link![1]!)).not.toBeNull();
    const after = await row(mail.id);
    expect(after).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: now });
    // The secret link does not outlive the send.
    expect(after.payload).not.toHaveProperty('sealedLink');
    expect(await runOutboxOnce(t.db, smtp.transport, far(), options)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('queues a notice once per dedupe key, and never mails in-app rows', async () => {
    const user = await makeUser(t.db);
    const other = await makeAddress(t.db, user.id, `${unique('other')}@gmail.com`, { primary: true });
    const lapsed = await makeAddress(t.db, user.id, `dev@${unique('lapsed')}.dev`, {
      verified: false,
      unverifyReason: 'domain_lifecycle',
    });
    const notice = {
      userId: user.id,
      emailId: lapsed.id,
      kind: 'address_unverified' as const,
      dedupeKey: `unverified:${lapsed.id}`,
      payload: { address: lapsed.address, domain: lapsed.domain, stage: 're_registered' },
      mailTo: 'others' as const,
    };
    expect(await queueUserNotice(t.db, notice)).toBe(2);
    expect(await queueUserNotice(t.db, notice)).toBe(0);
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(), options)).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([[other.address]]);
    expect(smtp.parsed()[0]!.text).toContain('Add a backup address at a big provider');
  });

  it('retries with growing backoff and gives up as failed after the last attempt', async () => {
    const { backup, mail } = await queuedReset();
    smtp.refuse.add(backup.address);
    const start = new Date();
    const at = (m: number) => new Date(start.getTime() + m * MIN);
    const opts = { ...options, maxAttempts: 3 };
    expect(await runOutboxOnce(t.db, smtp.transport, at(0), opts)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row(mail.id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      nextAttemptAt: at(1),
      lastError: expect.stringContaining('550'),
    });
    expect(await runOutboxOnce(t.db, smtp.transport, at(0.5), opts)).toMatchObject({ claimed: 0 });
    expect(await runOutboxOnce(t.db, smtp.transport, at(1), opts)).toMatchObject({ retried: 1 });
    expect(await row(mail.id)).toMatchObject({ attempts: 2, nextAttemptAt: at(3) });
    expect(await runOutboxOnce(t.db, smtp.transport, at(3), opts)).toMatchObject({ failed: 1 });
    expect(await row(mail.id)).toMatchObject({ state: 'failed', attempts: 3 });
    smtp.refuse.clear();
    expect(await runOutboxOnce(t.db, smtp.transport, at(600), opts)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('does not send to an address flagged after the mail was queued', async () => {
    const user = await makeUser(t.db);
    const custom = await makeAddress(t.db, user.id, `me@${unique('soon-lapsed')}.dev`, { primary: true });
    await t.db.transaction((tx) =>
      requestPasswordReset({
        ctx: { tx: tx, now: new Date(), clientIp: '10.3.0.2', appUrl: options.appUrl },
        input: { input: custom.address },
      }),
    );
    const domain = await makeDomain(t.db, custom.domain, 'pending_delete');
    await t.db
      .update(emails)
      .set({ verified: false, unverifyReason: 'domain_lifecycle' })
      .where(eq(emails.id, custom.id));
    await t.db.insert(flags).values({ emailId: custom.id, domainId: domain.id, stage: 'pending_delete' });
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(), options)).toMatchObject({
      claimed: 1,
      failed: 1,
      sent: 0,
    });
    const [mail] = await t.db.select().from(notifications).where(eq(notifications.address, custom.address));
    expect(mail).toMatchObject({ state: 'failed', lastError: 'not sent: the address is no longer verified' });
    expect(mail!.payload).not.toHaveProperty('sealedLink');
    expect(smtp.received).toHaveLength(0);
  });

  it('lets two senders run at once without sending any mail twice', async () => {
    for (let i = 0; i < 6; i += 1) await queuedReset();
    const now = new Date();
    const runs = await Promise.all([
      runOutboxOnce(t.db, smtp.transport, now, { ...options, batchSize: 4 }),
      runOutboxOnce(t.db, smtp.transport, now, { ...options, batchSize: 4 }),
    ]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(6);
    const ids = smtp.parsed().map((m) => m.messageId);
    expect(new Set(ids).size).toBe(6);
  });
});
