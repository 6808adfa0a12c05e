import { z } from 'zod';

// The browser's answers, as @simplewebauthn/browser serialises them (base64url strings). Checked for
// shape and size here; the library checks what they mean.

const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'not base64url');

export const authenticationResponseSchema = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(4000).min(1),
    authenticatorData: b64url(4000).min(1),
    signature: b64url(2000).min(1),
    userHandle: b64url(200).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});
export type AuthenticationResponse = z.output<typeof authenticationResponseSchema>;

export const registrationResponseSchema = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(4000).min(1),
    attestationObject: b64url(20000).min(1),
    authenticatorData: b64url(20000).optional(),
    transports: z.array(z.string().max(20)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4000).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

// The name is shown to the owner in security notices: no control or direction-changing characters,
// and no quotation marks, so a name cannot pose as the notice's own words.
export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the passkey a name, such as the device or key it lives on.')
  .max(60, 'Keep the name under 60 characters.')
  .refine(
    (name) => !/[\p{Cc}\p{Cf}"“”„«»]/u.test(name),
    'Use letters, digits, spaces and simple punctuation, without quotation marks.',
  );

export const registerPasskeySchema = z.object({ name: passkeyNameSchema, response: registrationResponseSchema });

export const passkeyIdSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A JSON string of an assertion, as a form field carries it to the sign-in. */
export const assertionFieldSchema = z
  .string()
  .min(2)
  .max(12_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(authenticationResponseSchema);

/** Actions that take nothing (the session says who). */
export const noInputSchema = z.object({}).strict();
