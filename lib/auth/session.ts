import 'server-only';
import { eq } from 'drizzle-orm';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { asDatabaseError } from '@/lib/database-unavailable';
import type { Actor } from './actor';
import { auth } from './index';
import { actorCan, can, needsSecondFactor, type Permission } from './permissions';
import { hasSecondFactor } from './second-factor';

export type UserActor = Extract<Actor, { type: 'user' }>;

/** Where a staff or admin account without a second factor is sent before it may use its role. */
export const ENROL_PATH = '/account/two-factor';

/**
 * The signed-in user with the role as it is in the database now (the token's copy may be stale:
 * a demotion must bite at once), and whether that role still waits for a second factor (staff and
 * admin must enrol before they may use their role). Cached per request.
 */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await getDb()
    .select({
      id: users.id,
      role: users.role,
      username: users.username,
      sessionVersion: users.sessionVersion,
      totpEnabled: users.totpEnabled,
      passkeyCount: users.passkeyCount,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
    // Every signed-in page reads this first: a database that does not answer is named as such.
    .catch((error) => {
      throw asDatabaseError(error);
    });
  // A session from before a password reset is over: whoever held it must sign in again.
  if (!row || row.sessionVersion !== (session?.user?.sessionVersion ?? 0)) return null;
  const sid = session?.user?.sid;
  return {
    type: 'user',
    id: row.id,
    role: row.role,
    username: row.username,
    session: sid ? { id: sid } : undefined,
    ...(needsSecondFactor(row.role, hasSecondFactor(row)) ? { needsSecondFactor: true } : {}),
  };
});

/**
 * For pages and layouts: anonymous → /login, a staff or admin account without a second factor on a
 * page of its role → two-factor enrolment, any other missing permission → the 403 page.
 */
export async function requirePermission(permission: Permission): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!actorCan(actor, permission)) {
    if (actor.needsSecondFactor && can(actor.role, permission)) redirect(ENROL_PATH);
    forbidden();
  }
  return actor;
}

/**
 * For pages and layouts: the signed-in actor with the permission, and the database to read from, so
 * that pages call lib/ reads without importing the database client themselves.
 */
export async function pageContext(permission: Permission): Promise<{ actor: UserActor; db: ReturnType<typeof getDb> }> {
  const actor = await requirePermission(permission);
  return { actor, db: getDb() };
}
