import { z } from 'zod';
import { LOOKALIKE_MARKS } from '@/db/schema/lookalikes';

// One schema per write, shared by the forms and the server (house style 3.1). Messages are whole
// sentences: parseInput shows them as they are.

export const watchNameSchema = z.object({
  name: z
    .string({ error: 'Enter a domain (such as pypi.org) or a brand word (such as pypi).' })
    .trim()
    .min(1, 'Enter a domain (such as pypi.org) or a brand word (such as pypi).')
    .max(253, 'A domain has at most 253 characters.'),
});

export const watchedNameIdSchema = z.object({ id: z.coerce.number().int().positive('Pick a watched name.') });

export const markLookalikeSchema = z
  .object({
    domain: z.string().trim().min(1, 'Pick a candidate domain.').max(300, 'A domain has at most 300 characters.'),
    mark: z.enum(LOOKALIKE_MARKS, { error: 'Choose benign or malicious.' }),
    reason: z.string().trim().max(1000, 'The reason has at most 1000 characters.').default(''),
  })
  // Benign takes a candidate out of the alerts for MX and web addresses: somebody must say why.
  .refine((v) => v.mark !== 'benign' || v.reason.length >= 3, {
    message: 'Say why it is benign (for example "our own defensive registration").',
    path: ['reason'],
  });

export const exportFormatSchema = z.object({
  format: z.enum(['csv', 'txt', 'json'], { error: 'Choose csv, txt or json.' }).default('csv'),
});
