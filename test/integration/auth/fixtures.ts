import { eq } from 'drizzle-orm';
import { generate, generateSecret } from 'otplib';
import type { Db } from '@/db/connect';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { seal } from '@/lib/auth/secret-box';
import type { UserActor } from '@/lib/auth/session';
import { makeUser } from '../account/fixtures';

// Accounts with two-factor authentication on, as enrolment leaves them (a sealed secret, enabled),
// for the sign-in and staff-gate tests. The account fixtures bring the sealing key.

export async function enrolledUser(db: Db, role: Role = 'user'): Promise<{ actor: UserActor; secret: string }> {
  const actor = await makeUser(db, role);
  const secret = generateSecret();
  await db
    .update(users)
    .set({ totpSecretEnc: seal(secret), totpEnabled: true })
    .where(eq(users.id, actor.id));
  return { actor, secret };
}

/** The code an authenticator shows `steps` periods from now (each accepted step works once). */
export const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
