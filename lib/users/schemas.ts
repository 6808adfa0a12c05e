import { z } from 'zod';
import { ROLES } from '@/db/schema/enums';
import { passwordSchemaRules } from '@/lib/auth/password';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,38}$/,
    'use 2–39 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });

export const passwordSchema = z
  .string()
  .min(passwordSchemaRules.min, `the password needs at least ${passwordSchemaRules.min} characters`)
  .max(passwordSchemaRules.max, `the password may have at most ${passwordSchemaRules.max} characters`);

export const createUserSchema = z.object({
  username: usernameSchema,
  name: z.string().trim().min(1).max(100).optional(),
  role: roleSchema,
  password: passwordSchema,
});
