import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addAddressSchema, emailIdSchema, setRecoverySchema, verifyTokenSchema } from '@/lib/addresses/schemas';
import { parseInput, plainIssue } from '@/lib/auth/parse-input';
import { AppError } from '@/lib/errors';
import { notifyFlagsSchema, overrideFlagsSchema, reviewFlagsSchema } from '@/lib/flags/schemas';
import { resetCompleteSchema, resetRequestSchema } from '@/lib/reset/schemas';
import { codeSchema, totpCodeSchema } from '@/lib/twofactor/schemas';
import { createUserSchema } from '@/lib/users/schemas';

// What a person reads when a form is refused: one sentence in words, never a schema path.

function refusal(schema: z.ZodType, raw: unknown): AppError {
  try {
    parseInput(schema, raw);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('the messages people asked about', () => {
  it('says the two passwords differ, without naming the field', () => {
    const e = refusal(resetCompleteSchema, { token: 'abc', password: 'a long enough one', confirm: 'another one!' });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe('The two passwords differ.');
    // The form still learns which field to mark.
    expect(e.fields).toEqual({ confirm: 'The two passwords differ.' });
  });

  it('says an address has at most 254 characters, on the reset page and when adding one', () => {
    const long = `${'a'.repeat(300)}@gmail.com`;
    expect(refusal(resetRequestSchema, { input: long }).message).toBe('An address has at most 254 characters.');
    expect(refusal(addAddressSchema, { address: long }).message).toBe('An address has at most 254 characters.');
  });

  it('keeps a schema’s own message, as a sentence', () => {
    expect(refusal(resetRequestSchema, { input: '   ' }).message).toBe('Type your username or email address.');
    expect(refusal(notifyFlagsSchema, { flagIds: [] }).message).toBe('Select at least one flag.');
    expect(refusal(reviewFlagsSchema, { flagIds: [1], decision: 'maybe' }).message).toBe(
      'Choose whether the scan was right (confirm) or wrong (reject).',
    );
    expect(refusal(createUserSchema, { username: 'x', role: 'user', password: 'a long password' }).message).toMatch(
      /^A username has 2–39 letters/,
    );
    expect(refusal(z.object({ domain: z.string().min(1, 'enter a domain') }), { domain: '' }).message).toBe(
      'Enter a domain.',
    );
  });
});

describe('issues without a message of their own', () => {
  const issue = (schema: z.ZodType, raw: unknown) => refusal(schema, raw).message;

  it('name the field in words', () => {
    expect(issue(z.object({ flagIds: z.array(z.number()) }), { flagIds: [1, 'x'] })).toBe(
      'The selection of flags is not valid.',
    );
    expect(issue(z.object({ reason: z.string().max(5) }), { reason: 'far too long' })).toBe(
      'The reason has at most 5 characters.',
    );
    expect(issue(z.object({ note: z.string().min(3) }), { note: 'ab' })).toBe('The note needs at least 3 characters.');
    expect(issue(z.object({ username: z.string() }), {})).toBe('The username is missing.');
    expect(issue(z.object({ list: z.enum(['trusted', 'blocked']) }), { list: 'x' })).toBe(
      'The list must be one of: trusted, blocked.',
    );
    expect(issue(z.object({ farDays: z.number().max(365) }), { farDays: 900 })).toBe(
      'The recheck interval of registered domains must be at most 365.',
    );
  });

  it('say "this value" for a field without words, and ask for a reload when the form itself is broken', () => {
    expect(issue(z.object({ someInternalThing: z.number() }), { someInternalThing: 'x' })).toBe(
      'This value is not valid.',
    );
    expect(issue(z.object({ a: z.string() }), 'not an object')).toBe(
      'The form arrived incomplete. Reload the page and try again.',
    );
  });

  it('plainIssue words each kind of issue zod raises', () => {
    const base = { path: ['address'], input: 'x', message: '' };
    expect(plainIssue({ ...base, code: 'invalid_format', format: 'email' } as never)).toBe(
      'The address is not written in a form we can read.',
    );
    expect(plainIssue({ ...base, code: 'too_big', origin: 'array', maximum: 3 } as never)).toBe(
      'Choose at most 3 for the address.',
    );
  });
});

// Every input schema of the product, fed what a careless or hostile client sends: each refusal is a
// sentence, and none shows a field's code name, a path, zod's own words or a comparison sign.
const SCHEMAS: Record<string, z.ZodType> = {
  addAddressSchema,
  emailIdSchema,
  setRecoverySchema,
  verifyTokenSchema,
  resetRequestSchema,
  resetCompleteSchema,
  codeSchema,
  totpCodeSchema,
  createUserSchema,
  notifyFlagsSchema,
  reviewFlagsSchema,
  overrideFlagsSchema,
};
const CODE_NAMES =
  /emailId|useForRecovery|flagIds|expiresAt|Check \w+:|\w+\.\d|expected|Invalid input|Too (big|small)|[<>]=?\s*\d/;
const long = 'x'.repeat(5000);
const HOSTILE: unknown[] = [
  undefined,
  null,
  'text',
  42,
  {},
  { address: long, input: long, token: long, password: 'short', confirm: 1, code: long, username: long },
  { address: 7, input: [], token: {}, emailId: 'abc', flagIds: ['x'], decision: 'no', reason: 3, expiresAt: 'soon' },
  { emailId: -1, flagIds: Array.from({ length: 500 }, (_, i) => i + 1), decision: 'confirm', reason: long },
  { flagIds: [1], decision: 'restore_verified', reason: 'short', expiresAt: '31/12/2026', confirmation: long },
  { role: 'root', username: 'ok-name', password: long },
];

describe('every product schema, every hostile input', () => {
  it.each(Object.entries(SCHEMAS))('%s answers in sentences', (_name, schema) => {
    let refused = 0;
    for (const raw of HOSTILE) {
      let error: AppError;
      try {
        parseInput(schema, raw);
        continue;
      } catch (e) {
        error = e as AppError;
      }
      refused += 1;
      expect(error.code).toBe('invalid_input');
      for (const text of [error.message, ...Object.values(error.fields ?? {})]) {
        expect(text).toMatch(/^[A-Z].*[.!?]$/s);
        expect(text).not.toMatch(CODE_NAMES);
      }
    }
    expect(refused).toBeGreaterThan(3);
  });
});
