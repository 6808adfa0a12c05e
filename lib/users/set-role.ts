import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/errors';
import { roleSchema, usernameSchema } from './schemas';

/** Changes a user's role; takes effect on their next request (pages re-read the role). */
export async function setUserRole({
  ctx: { tx, actor },
  input,
}: {
  ctx: VerbContext<Actor>;
  input: { username: string; role: Role };
}) {
  const username = usernameSchema.safeParse(input.username);
  const role = roleSchema.safeParse(input.role);
  if (!username.success) throw new AppError('invalid_input', `username: ${username.error.issues[0]?.message}`);
  if (!role.success) throw new AppError('invalid_input', role.error.issues[0]?.message ?? 'invalid role');
  const [user] = await tx.select().from(users).where(eq(users.username, username.data));
  if (!user) throw new AppError('not_found', `no user named ${username.data}`);
  if (user.role === role.data) return { id: user.id, username: user.username, role: user.role, changed: false };
  await tx.update(users).set({ role: role.data }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, {
    action: 'user.set_role',
    targetType: 'user',
    targetId: user.id,
    details: { username: user.username, from: user.role, to: role.data },
  });
  return { id: user.id, username: user.username, role: role.data, changed: true };
}
