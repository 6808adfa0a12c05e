import type { DbOrTx } from '@/db/connect';
import { auditLog } from '@/db/schema';
import { type Actor, actorLabel } from '@/lib/auth/actor';
import type { AuditAction } from './actions';

export type { AuditAction } from './actions';

export interface AuditInput {
  action: AuditAction;
  targetType: string;
  targetId: string | number;
  details?: Record<string, unknown>;
}

/**
 * Written with the transaction of the change it records: both commit, or neither. One entry or a
 * batch (one statement); an empty batch writes nothing.
 */
export async function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  entries: AuditInput | readonly AuditInput[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditInput];
  if (list.length === 0) return;
  await tx.insert(auditLog).values(
    list.map((entry) => ({
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
