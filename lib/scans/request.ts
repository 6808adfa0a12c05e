import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/connect';
import { domains, emails, scans, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { recordAudit } from '@/lib/audit/record';
import { normalizeAddress } from '@/lib/domains/normalize';
import { registrableDomainOf } from '@/lib/domains/normalize';
import { AppError } from '@/lib/errors';

// reset: the outbox's fresh check of a custom domain before a password-reset link goes to it.
export const SCAN_TRIGGERS = ['dashboard', 'cli', 'schedule', 'verification', 'reset'] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

export const requestScanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full'), trigger: z.enum(SCAN_TRIGGERS) }),
  z.object({ kind: z.literal('domain'), target: z.string().trim().min(1).max(300), trigger: z.enum(SCAN_TRIGGERS) }),
  z.object({ kind: z.literal('email'), target: z.string().trim().min(3).max(320), trigger: z.enum(SCAN_TRIGGERS) }),
  z.object({
    kind: z.literal('user'),
    target: z.string().trim().toLowerCase().min(1).max(64),
    trigger: z.enum(SCAN_TRIGGERS),
  }),
]);
export type RequestScanInput = z.input<typeof requestScanSchema>;

// What the dashboard's "Rescan now" buttons send.
export const rescanDomainSchema = z.object({ domain: z.string().trim().min(1, 'enter a domain').max(300) });
export const rescanUserSchema = z.object({ username: z.string().trim().toLowerCase().min(1).max(64) });

/** The target in its stored spelling, or a typed not_found: a scan of nothing is a mistake to report. */
async function resolveTarget(tx: DbOrTx, input: z.output<typeof requestScanSchema>): Promise<string | null> {
  if (input.kind === 'full') return null;
  if (input.kind === 'domain') {
    const normalized = registrableDomainOf(input.target);
    if (!normalized.ok) throw new AppError('invalid_input', `${input.target}: ${normalized.error.message}`);
    const [row] = await tx
      .select({ name: domains.name })
      .from(domains)
      .where(eq(domains.name, normalized.registrableDomain));
    if (!row)
      throw new AppError(
        'not_found',
        `${normalized.registrableDomain} is not a watched domain (no address uses it, or it is a trusted provider).`,
      );
    return row.name;
  }
  if (input.kind === 'email') {
    const address = normalizeAddress(input.target);
    if (!address) throw new AppError('invalid_input', `${input.target} is not an email address.`);
    const [row] = await tx.select({ address: emails.address }).from(emails).where(eq(emails.address, address));
    if (!row) throw new AppError('not_found', `No account uses ${address}.`);
    return row.address;
  }
  const [row] = await tx.select({ username: users.username }).from(users).where(eq(users.username, input.target));
  if (!row) throw new AppError('not_found', `No user named ${input.target}.`);
  return row.username;
}

/**
 * Records a scan request (state queued) with its audit row. The caller enqueues the job after the
 * transaction commits (`enqueueScan`); a lost enqueue is picked up by the worker's sweeper.
 */
export async function requestScan({
  ctx,
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: RequestScanInput;
}): Promise<{ scanId: number }> {
  const { tx, actor, now } = ctx;
  const parsed = requestScanSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid scan request');
  const input = parsed.data;
  const target = await resolveTarget(tx, input);
  const requestedBy = actor.type === 'user' ? actor.id : null;
  const [created] = await tx
    .insert(scans)
    .values({ kind: input.kind, trigger: input.trigger, target, requestedBy, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: scans.id });
  if (!created) {
    // Only the one-active-full-scan index can refuse this insert.
    const [active] = await tx
      .select({ id: scans.id })
      .from(scans)
      .where(sql`${scans.kind} = 'full' and ${scans.state} in ('queued','running')`);
    throw new AppError('conflict', `A full scan is already ${active ? `running (#${active.id})` : 'running'}.`);
  }
  await recordAudit(tx, actor, {
    action: 'scan.request',
    targetType: 'scan',
    targetId: created.id,
    details: { kind: input.kind, target, trigger: input.trigger },
  });
  return { scanId: created.id };
}
