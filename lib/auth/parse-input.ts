import type { z } from 'zod';
import { AppError } from '@/lib/errors';

// Bad input gets one sentence a person can act on: "The two passwords differ.", "An address has at
// most 254 characters." — never "Check confirm: …" or zod's "Too big: expected string to have <=320
// characters". Schemas carry their own messages (lib/<capability>/schemas.ts); an issue without one
// is worded here from its kind and the field's name in words. A path like `flagIds.3` never shows.

/** Marks an issue zod would word itself: parseInput words it instead (a schema's own message wins). */
const UNWORDED = '\u0000unworded';

/** Form fields as a person calls them; a field not listed is "this value". */
const FIELD_WORDS: Record<string, string> = {
  address: 'the address',
  input: 'your username or email address',
  username: 'the username',
  password: 'the password',
  confirm: 'the repeated password',
  code: 'the code',
  token: 'the link',
  emailId: 'the address',
  useForRecovery: 'the password-reset choice',
  flagIds: 'the selection of flags',
  decision: 'the decision',
  reason: 'the reason',
  expiresAt: 'the expiry date',
  confirmation: 'the confirmation',
  name: 'the name',
  role: 'the role',
  userId: 'the user',
  scanId: 'the scan',
  domain: 'the domain',
  note: 'the note',
  list: 'the list',
  kind: 'the kind of scan',
  target: 'what to scan',
  // The policy settings form.
  warningWindowDays: 'the warning window',
  maxUnverify: 'the most addresses one scan may unverify',
  maxShare: 'the largest share of addresses one scan may unverify',
  farDays: 'the recheck interval of registered domains',
  nearExpiryDays: 'the recheck interval near expiry',
  lapsingDays: 'the recheck interval of lapsing domains',
  errorBackoffBaseMinutes: 'the first wait after a failed check',
  errorBackoffMaxMinutes: 'the longest wait after failed checks',
  expiring: 'the action for expiring domains',
  grace: 'the action for domains in grace',
  redemption: 'the action for domains in redemption',
  pending_delete: 'the action for domains pending delete',
  available: 'the action for available domains',
  re_registered: 'the action for re-registered domains',
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A schema's message as a sentence: capital first letter, one full stop. */
export const asSentence = (s: string) => {
  const t = capitalised(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

function fieldWords(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (named === undefined) return 'this form';
  return FIELD_WORDS[named] ?? 'this value';
}

const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

/** What the caller sent at `path` (zod leaves the input out of its issues, and so it should: passwords). */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** An issue zod raised without a message of ours, in plain words naming the field; `sent` is the value sent. */
export function plainIssue(issue: z.core.$ZodIssue, sent?: unknown): string {
  const field = fieldWords(issue.path);
  const Field = capitalised(field);
  switch (issue.code) {
    case 'invalid_type':
      if (field === 'this form') return 'The form arrived incomplete. Reload the page and try again.';
      return sent === undefined || sent === null || sent === '' ? `${Field} is missing.` : `${Field} is not valid.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `${Field} is missing.`
          : `${Field} needs at least ${plural(issue.minimum, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${issue.minimum} for ${field}.`;
      return `${Field} must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `${Field} has at most ${plural(issue.maximum, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${issue.maximum} for ${field}.`;
      return `${Field} must be at most ${issue.maximum}.`;
    case 'invalid_value':
      return issue.values.length > 0 && issue.values.length <= 6
        ? `${Field} must be one of: ${issue.values.map(String).join(', ')}.`
        : `${Field} is not one we know.`;
    case 'invalid_format':
      return `${Field} is not written in a form we can read.`;
    case 'unrecognized_keys':
      return 'The form holds fields we do not know. Reload the page and try again.';
    default:
      return `${Field} is not valid.`;
  }
}

/** Parses action/route input (FormData, search params or JSON) or throws a typed invalid_input. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = raw instanceof FormData || raw instanceof URLSearchParams ? Object.fromEntries(raw.entries()) : raw;
  const parsed = schema.safeParse(value, { error: () => UNWORDED });
  if (parsed.success) return parsed.data;
  // Per field (keyed by its name, for the form to mark it): the first problem, in words.
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'input';
    fields[key] ??=
      issue.message === UNWORDED ? plainIssue(issue, valueAt(value, issue.path)) : asSentence(issue.message);
  }
  throw new AppError('invalid_input', Object.values(fields)[0] ?? 'The form is not valid.', fields);
}
