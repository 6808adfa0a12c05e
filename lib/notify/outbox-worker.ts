import { startPollLoop } from '@/lib/jobs/poll-loop';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { notifications, users } from '@/db/schema';
import type { NotificationKind } from './queue';
import { SEALED_LINK_KEY } from './queue-mail';
import { recipientProblem } from './recipient-check';
import { type ResetRecheckOptions, recheckResetDomains } from './reset-recheck';
import { buildMessage, createMailTransport, type MailTransport, UndeliverableAddressError } from './send';

// The outbox sender. Delivery is at least once: a row is claimed (attempts + 1, leased until
// now + lease) in its own committed statement, sent, then marked sent. A crash between the SMTP
// server's "250 OK" and the mark leaves the row queued; when the lease runs out it is sent again
// with the same Message-ID (derived from the row id), so the duplicate is recognisable.

export interface OutboxOptions {
  from: string;
  appUrl: string;
  batchSize?: number;
  /** How long a claimed row is left alone before another run may retry it. */
  leaseMs?: number;
  /** After this many attempts a failing row is given up as `failed`. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Runs between a successful send and the mark (tests use it to kill the process there). */
  afterSend?: (id: number) => Promise<void> | void;
  /** A live check of a reset recipient's custom domain when its last good check is old (reset-recheck.ts). */
  recheck?: ResetRecheckOptions;
}

export const OUTBOX_DEFAULTS = {
  batchSize: 20,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffBaseMs: 60_000,
  backoffCapMs: 60 * 60_000,
};

/** Exponential backoff after the n-th failed attempt: base, 2×base, 4×base … capped. */
export function backoffMs(
  attempts: number,
  base = OUTBOX_DEFAULTS.backoffBaseMs,
  cap = OUTBOX_DEFAULTS.backoffCapMs,
): number {
  return Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxRunSummary {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

type Claimed = {
  id: number;
  user_id: number;
  email_id: number | null;
  address: string | null;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  attempts: number;
};

/** Claims due email rows. SKIP LOCKED: two workers never claim the same row. */
async function claim(db: Db, now: Date, batchSize: number, leaseMs: number): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const rows = await db.execute<Claimed>(sql`
    update notifications set attempts = attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
    where id in (
      select id from notifications
      where state = 'queued' and channel = 'email' and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at, id limit ${batchSize} for update skip locked)
    returning id, user_id, email_id, address, kind, payload, attempts`);
  return [...rows].map((r) => ({
    ...r,
    id: Number(r.id),
    user_id: Number(r.user_id),
    email_id: r.email_id === null ? null : Number(r.email_id),
  }));
}

/** Done with a row: the sealed link is dropped, so a sent or failed mail keeps no working token. */
async function finish(db: Db, id: number, set: { state: 'sent' | 'failed'; sentAt?: Date; lastError: string | null }) {
  await db
    .update(notifications)
    .set({
      state: set.state,
      sentAt: set.sentAt ?? null,
      lastError: set.lastError,
      payload: sql`${notifications.payload} - ${SEALED_LINK_KEY}`,
    })
    .where(and(eq(notifications.id, id), eq(notifications.state, 'queued')));
}

export async function runOutboxOnce(
  db: Db,
  transport: MailTransport,
  now: Date = new Date(),
  options: OutboxOptions,
): Promise<OutboxRunSummary> {
  const o = { ...OUTBOX_DEFAULTS, ...options };
  const summary: OutboxRunSummary = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const batch = await claim(db, now, o.batchSize, o.leaseMs);
  summary.claimed = batch.length;
  const resets = batch
    .filter((r) => r.kind === 'password_reset')
    .map((r) => ({ userId: r.user_id, address: r.address }));
  if (o.recheck && resets.length > 0) await recheckResetDomains(db, resets, now, o.recheck);
  for (const row of batch) {
    const problem = await recipientProblem(db, {
      userId: row.user_id,
      emailId: row.email_id,
      address: row.address,
      kind: row.kind,
    });
    if (problem || !row.address) {
      await finish(db, row.id, { state: 'failed', lastError: `not sent: ${problem ?? 'no recipient'}` });
      summary.failed += 1;
      continue;
    }
    const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.user_id));
    try {
      const message = buildMessage(
        { id: row.id, address: row.address, kind: row.kind, payload: row.payload, recipientName: user?.name ?? null },
        o,
      );
      await transport.sendMail(message);
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      if (row.attempts >= o.maxAttempts || error instanceof UndeliverableAddressError) {
        await finish(db, row.id, { state: 'failed', lastError });
        summary.failed += 1;
      } else {
        const next = new Date(now.getTime() + backoffMs(row.attempts, o.backoffBaseMs, o.backoffCapMs));
        await db.update(notifications).set({ nextAttemptAt: next, lastError }).where(eq(notifications.id, row.id));
        summary.retried += 1;
      }
      continue;
    }
    await o.afterSend?.(row.id);
    await finish(db, row.id, { state: 'sent', sentAt: now, lastError: null });
    summary.sent += 1;
  }
  return summary;
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/**
 * The loop the worker process runs: drains due mail, then sleeps `intervalMs`. Errors of one run
 * (database down, SMTP unreachable) are logged and the loop goes on.
 */
export function startOutboxWorker(
  db: Db,
  config: {
    smtpUrl: string;
    from: string;
    appUrl: string;
    intervalMs?: number;
    log?: (line: string) => void;
  } & Partial<OutboxOptions>,
): OutboxWorker {
  const transport = createMailTransport(config.smtpUrl);
  const log = config.log ?? ((line: string) => console.error(line));
  const loop = startPollLoop(
    async () => {
      const run = await runOutboxOnce(db, transport, new Date(), config);
      if (run.claimed > 0) log(`[outbox] sent ${run.sent}, retrying ${run.retried}, failed ${run.failed}`);
      return { drained: run.claimed < (config.batchSize ?? OUTBOX_DEFAULTS.batchSize) };
    },
    {
      intervalMs: config.intervalMs ?? 2_000,
      onError: (error) => log(`[outbox] run failed: ${error instanceof Error ? error.message : String(error)}`),
    },
  );
  return {
    /** Ends the loop after the run in progress (if any) and closes the SMTP transport; the caller closes the database after. */
    async stop() {
      await loop.stop();
      transport.close();
    },
  };
}
