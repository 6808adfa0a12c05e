import { z } from 'zod';

/** An optional field whose empty value means "not given" (a form sends '' for a blank input). */
const optional = (s: z.ZodString) => s.optional().transform((v) => v || undefined);

/** A second-factor code as typed: six digits from the app, or a recovery code. */
export const secondFactorCodeSchema = optional(
  z.string().trim().max(32, 'A code has at most 32 characters: type the 6-digit code or one recovery code.'),
);

/** A password as typed, when the form lets the code stand in for it. */
export const optionalPasswordSchema = optional(z.string().max(200, 'A password has at most 200 characters.'));
