import { z } from 'zod';

/** A 6-digit authenticator code, or (where allowed) a recovery code such as "abcde-fgh23". */
export const codeSchema = z.object({
  code: z
    .string({ error: 'Type the 6-digit code.' })
    .trim()
    .min(6, 'Type the 6-digit code.')
    .max(32, 'A code has at most 32 characters: type the 6-digit code or one recovery code.'),
});

export const totpCodeSchema = z.object({
  code: z
    .string({ error: 'Type the 6-digit code from your authenticator app.' })
    .trim()
    .regex(/^\d{6}$/, 'Type the 6-digit code from your authenticator app.'),
});

/** Starting enrolment takes nothing: the secret is made on the server. */
export const startTwoFactorSchema = z.object({});
