import { z } from 'zod';
import { REGISTRY_STAGES } from '@/core/domains';

// What the local protocol server knows about one domain: its registry record (served as RDAP), its
// status-API words, its DNS, and optional raw responses that replace the generated ones (to serve a
// recorded real response for a name). Plain JSON, so the admin endpoint can take it as is.

// One scenario for each stage a registry can report, and situations the classifier must see through.
// 'auto_renewed': a thin registry (.com, .net) auto-renewed at expiry, so its record looks healthy a
// year ahead, while the registrar's record says the owner's registration ran out.
export const SCENARIOS = [...REGISTRY_STAGES, 'on_hold', 'undelegated_active', 'for_sale', 'auto_renewed'] as const;
/** The lifecycle situation a record models; the engine's Stage is what the classifier concludes. */
export type Scenario = (typeof SCENARIOS)[number];

const isoDate = z.iso.datetime({ offset: true });

export const rawResponseSchema = z.object({
  status: z.number().int().min(100).max(599),
  contentType: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string(),
});
export type RawResponse = z.infer<typeof rawResponseSchema>;

export const registrationSchema = z.object({
  /** Registry object id (EPP ROID); a new registration gets a new one. */
  handle: z.string(),
  registeredAt: isoDate,
  expiresAt: isoDate.nullable(),
  lastChangedAt: isoDate.nullable().optional(),
  transferredAt: isoDate.nullable().optional(),
  /** Announced deletion (a `deletion` event), e.g. during pending delete. */
  deletionAt: isoDate.nullable().optional(),
  /** RFC 8056 phrases ("client hold", "redemption period"). */
  statuses: z.array(z.string()),
  registrar: z.object({ name: z.string(), ianaId: z.string().nullable() }),
  nameservers: z.array(z.string()),
});
export type Registration = z.infer<typeof registrationSchema>;

/**
 * The sponsoring registrar's RDAP record, served at the registry answer's `related` link. Fields
 * left out are copied from the registry record (the registrar usually agrees with the registry).
 */
export const registrarRdapSchema = z.object({
  /** The date the owner paid up to (`expiration` and `registrar expiration`); null: none stated. */
  expiresAt: isoDate.nullable().optional(),
  statuses: z.array(z.string()).optional(),
  handle: z.string().optional(),
  registeredAt: isoDate.optional(),
  /** The link answers 302 to the registrar's new RDAP location (a registrar that moved its service). */
  redirect: z.boolean().optional(),
  /** The registrar has no record of the domain: 404. */
  missing: z.boolean().optional(),
});
export type RegistrarRdap = z.infer<typeof registrarRdapSchema>;

export const dnsRecordSchema = z.union([
  z.object({
    kind: z.literal('records'),
    ns: z.array(z.string()),
    mx: z.array(z.string()),
    /** Address records, answered in this order (tests of the outbound address policy use them). */
    a: z.array(z.string()).optional(),
    aaaa: z.array(z.string()).optional(),
  }),
  z.object({ kind: z.literal('nxdomain') }),
  /** Resolver trouble, not evidence: SERVFAIL, REFUSED, or no answer at all. */
  z.object({ kind: z.literal('fault'), fault: z.enum(['servfail', 'refused', 'timeout']) }),
]);
export type DnsRecord = z.infer<typeof dnsRecordSchema>;

export const domainRecordSchema = z.object({
  name: z.string(),
  scenario: z.enum(SCENARIOS).optional(),
  /** null: the registry answers the exact lookup with 404. */
  rdap: registrationSchema.nullable(),
  /** Domainr / Fastly words, in the order the API would send them. */
  statusWords: z.array(z.string()),
  dns: dnsRecordSchema,
  /** The registration before the current one (or before the drop), for re-registered and available names. */
  previous: z.object({ registeredAt: isoDate, handle: z.string() }).nullable().optional(),
  registrarRdap: registrarRdapSchema.optional(),
  /** A believable time at which the owner's address on this domain was verified (for seeds and tests). */
  verifiedAt: isoDate.optional(),
  responses: z
    .object({
      rdap: rawResponseSchema.optional(),
      /** Served at the registrar link instead of the generated registrar record (a recorded answer). */
      registrar: rawResponseSchema.optional(),
      domainr: rawResponseSchema.optional(),
      fastly: rawResponseSchema.optional(),
    })
    .optional(),
});
export type DomainRecord = z.infer<typeof domainRecordSchema>;

/** Admin body: a full record (name from the URL), or `{ scenario }` to let the server generate one. */
export const adminDomainBodySchema = z.union([
  domainRecordSchema.omit({ name: true }),
  z.object({ scenario: z.enum(SCENARIOS) }),
]);
export type AdminDomainBody = z.infer<typeof adminDomainBodySchema>;
