import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { VerbContext } from '@/lib/context';
import { hashPassword } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/errors';
import { createUserSchema } from './schemas';

/** Creates an account (how a deployment gets its first admin). The caller supplies the transaction. */
export async function createUser({
  ctx: { tx, actor, now },
  input: raw,
}: {
  ctx: VerbContext<Actor>;
  input: z.input<typeof createUserSchema>;
}) {
  const parsed = createUserSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid input');
  const input = parsed.data;
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) throw new AppError('conflict', `a user named ${input.username} already exists`);
  const [user] = await tx
    .insert(users)
    .values({
      username: input.username,
      name: input.name ?? input.username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
    })
    .returning({ id: users.id, username: users.username, role: users.role });
  if (!user) throw new AppError('internal', 'the user was not created');
  await recordAudit(tx, actor, {
    action: 'user.create',
    targetType: 'user',
    targetId: user.id,
    details: { username: user.username, role: user.role },
  });
  return user;
}
