import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { type FilterParse, parseFilters } from '@/lib/validation/refused-filters';
import { searchDate } from '@/lib/validation/search-date';
import { searchText } from '@/lib/validation/search-text';

// The audit page's filters in the URL. `target` is "type:id" ("flag:12", "user:3") or a bare type.
// Typed text with control characters (a NUL byte fails the query) or past its length is refused: the
// page leaves that filter out and says so; a malformed choice (action, day, cursor) is dropped.
export const auditSearchSchema = z.object({
  actor: searchText(100).transform((v) => v?.toLowerCase()),
  // Only a known action filters; anything else (an old link, a typo) shows every action.
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  target: searchText(200),
  from: searchDate(),
  to: searchDate(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional()
    .catch(undefined),
});
export type AuditSearch = z.output<typeof auditSearchSchema>;

export function parseAuditSearch(raw: Record<string, string | string[] | undefined>): FilterParse<AuditSearch> {
  return parseFilters(auditSearchSchema, raw);
}

export function splitTarget(target: string | undefined): { targetType?: string; targetId?: string } {
  if (!target) return {};
  const at = target.indexOf(':');
  return at < 0
    ? { targetType: target }
    : { targetType: target.slice(0, at), targetId: target.slice(at + 1) || undefined };
}
