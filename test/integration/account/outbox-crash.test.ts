import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { OUTBOX_DEFAULTS, runOutboxOnce } from '@/lib/notify/outbox-worker';
import { requestPasswordReset } from '@/lib/reset/request';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser } from './fixtures';
import { setupSmtpSink } from './smtp-helpers';

// At-least-once, honestly: a real process is killed between the SMTP server's "250 OK" and the
// update that marks the row sent. The rerun sends exactly one more copy, with the same Message-ID.
const t = setupTestDatabase();
const smtp = setupSmtpSink();
const root = path.resolve(import.meta.dirname, '../../..');

function runChild(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(import.meta.dirname, 'outbox-crash-child.ts')],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url, SMTP_URL: smtp.sink.url },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('a sender killed between send and mark', () => {
  it('leaves the row claimed; after the lease exactly one more copy goes out with the same Message-ID', async () => {
    const user = await makeUser(t.db);
    const backup = await makeAddress(t.db, user.id, 'crash.backup@gmail.com', { primary: true });
    await t.db.transaction((tx) =>
      requestPasswordReset({
        ctx: { tx: tx, now: new Date(), clientIp: '10.4.0.1', appUrl: 'https://registry.example' },
        input: { input: user.username },
      }),
    );
    const [queued] = await t.db.select().from(notifications).where(eq(notifications.address, backup.address));

    const started = Date.now();
    const child = await runChild();
    // tsx runs the script in a child node process and reports its SIGKILL as exit code 137.
    expect(child.signal === 'SIGKILL' || child.code === 137).toBe(true);
    expect(smtp.received).toHaveLength(1);
    const [crashed] = await t.db.select().from(notifications).where(eq(notifications.id, queued!.id));
    expect(crashed).toMatchObject({ state: 'queued', attempts: 1, sentAt: null });
    expect(crashed!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + OUTBOX_DEFAULTS.leaseMs - 1_000);

    const options = { from: 'Gravekeeper <no-reply@gk.test>', appUrl: 'https://registry.example' };
    // Within the lease nobody touches it (the dead sender might still be finishing).
    expect(
      await runOutboxOnce(t.db, smtp.transport, new Date(started + OUTBOX_DEFAULTS.leaseMs - 60_000), options),
    ).toMatchObject({ claimed: 0 });
    expect(
      await runOutboxOnce(t.db, smtp.transport, new Date(crashed!.nextAttemptAt.getTime() + 1_000), options),
    ).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(2);
    const ids = smtp.received.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim());
    expect(ids).toEqual([`<notification-${queued!.id}@gk.test>`, `<notification-${queued!.id}@gk.test>`]);
    const [done] = await t.db.select().from(notifications).where(eq(notifications.id, queued!.id));
    expect(done).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await runOutboxOnce(t.db, smtp.transport, new Date(Date.now() + 86_400_000), options)).toMatchObject({
      claimed: 0,
    });
    expect(smtp.received).toHaveLength(2);
  });
});
