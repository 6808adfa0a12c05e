import { z } from 'zod';

/** An optional field whose empty value means "not given" (a form sends '' for a blank input). */
const optional = (s: z.ZodString) => s.optional().transform((v) => v || undefined);

/** A second-factor code as typed: six digits from the app, or a recovery code. */
export const secondFactorCodeSchema = optional(z.string().trim().max(32));

/** A password as typed, when the form lets the code stand in for it. */
export const optionalPasswordSchema = optional(z.string().max(200));
