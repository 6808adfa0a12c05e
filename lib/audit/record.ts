import { auditLog } from '@/db/schema';
import type { DbOrTx } from '@/db/connect';
import { type Actor, actorLabel } from '@/lib/auth/actor';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string | number;
  details?: Record<string, unknown>;
}

/** Written with the transaction of the change it records: both commit, or neither. */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorType: actor.type,
    actorId: actor.type === 'user' ? actor.id : null,
    actorLabel: actorLabel(actor),
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    details: entry.details ?? {},
  });
}

export async function recordAuditMany(tx: DbOrTx, actor: Actor, entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      actorType: actor.type,
      actorId: actor.type === 'user' ? actor.id : null,
      actorLabel: actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      details: entry.details ?? {},
    })),
  );
}
