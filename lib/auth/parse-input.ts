import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** Parses action/route input (FormData, search params or JSON) or throws a typed invalid_input. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = raw instanceof FormData || raw instanceof URLSearchParams ? Object.fromEntries(raw.entries()) : raw;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'input';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  throw new AppError('invalid_input', first ? `Check ${first[0]}: ${first[1]}` : 'The input is not valid.', fields);
}
