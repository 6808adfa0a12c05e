import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { pgError } from '../../support/db-error';
import { setupTestDatabase } from '../../support/test-db';

const t = setupTestDatabase();

describe('audit log', () => {
  it('accepts new entries and refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await recordAudit(
      t.db,
      { type: 'cli', operator: 'tester' },
      { action: 'flag.override', targetType: 'flag', targetId: 7, details: { reason: 'owner proved control' } },
    );
    const before = await t.db.select().from(auditLog);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ actorLabel: 'cli:tester', action: 'flag.override', targetId: '7' });

    expect(await pgError(t.db.execute(sql`update audit_log set action = 'something.else'`))).toMatch(
      /append-only: UPDATE/,
    );
    expect(await pgError(t.db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE/);
    expect(await pgError(t.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);

    expect(await t.db.select().from(auditLog)).toEqual(before);
  });
});
