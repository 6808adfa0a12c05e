import { z } from 'zod';
import { ROLES } from '@/db/schema/enums';
import { passwordSchemaRules } from '@/lib/auth/password';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,38}$/,
    'A username has 2–39 letters, digits, dots, dashes or underscores, and starts with a letter or digit.',
  );

export const roleSchema = z.enum(ROLES, { error: `The role must be one of ${ROLES.join(', ')}.` });

export const passwordSchema = z
  .string({ error: 'Type a password.' })
  .min(passwordSchemaRules.min, `The password needs at least ${passwordSchemaRules.min} characters.`)
  .max(passwordSchemaRules.max, `A password has at most ${passwordSchemaRules.max} characters.`);

export const createUserSchema = z.object({
  username: usernameSchema,
  name: z
    .string()
    .trim()
    .min(1, 'Type a name, or leave it out.')
    .max(100, 'A name has at most 100 characters.')
    .optional(),
  role: roleSchema,
  password: passwordSchema,
});
