import { eq } from 'drizzle-orm';
import { generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { seal } from '@/lib/auth/secret-box';
import type { VerbContext } from '@/lib/context';
import { AppError } from '@/lib/errors';
import type { startTwoFactorSchema } from './schemas';

export const TOTP_ISSUER = 'Gravekeeper';

/**
 * Starts (or restarts) TOTP enrolment: a new secret, stored sealed but not yet enabled, so login is
 * unchanged until the user proves their app has it (confirm). Returns the secret, its otpauth URI and
 * a QR code of the URI as a data URL.
 */
export async function startTwoFactorEnrolment({
  ctx,
}: {
  ctx: VerbContext;
  input: z.output<typeof startTwoFactorSchema>;
}) {
  const { tx, actor } = ctx;
  const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
  if (!user) throw new AppError('not_found', 'Your account was not found.');
  if (user.totpEnabled)
    throw new AppError(
      'conflict',
      'Two-factor authentication is already on. Turn it off first to move it to another app.',
    );
  const secret = generateSecret();
  const uri = generateURI({ issuer: TOTP_ISSUER, label: user.username, secret });
  await tx
    .update(users)
    .set({ totpSecretEnc: seal(secret), totpLastStep: null })
    .where(eq(users.id, user.id));
  await recordAudit(tx, actor, { action: 'user.totp_enrol_start', targetType: 'user', targetId: user.id });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  return { secret, uri, qrDataUrl };
}
