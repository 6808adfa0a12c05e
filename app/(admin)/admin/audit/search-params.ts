import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined);

// The audit page's filters in the URL. `target` is "type:id" ("flag:12", "user:3") or a bare type.
export const auditSearchSchema = z.object({
  actor: text(100).transform((v) => v?.toLowerCase()),
  // Only a known action filters; anything else (an old link, a typo) shows every action.
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  target: text(200),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional()
    .catch(undefined),
});
export type AuditSearch = z.output<typeof auditSearchSchema>;

export function splitTarget(target: string | undefined): { targetType?: string; targetId?: string } {
  if (!target) return {};
  const at = target.indexOf(':');
  return at < 0
    ? { targetType: target }
    : { targetType: target.slice(0, at), targetId: target.slice(at + 1) || undefined };
}
