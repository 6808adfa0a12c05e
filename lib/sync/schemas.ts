import { z } from 'zod';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { AppError } from '@/lib/errors';
import { usernameSchema } from '@/lib/users/schemas';

// One batch of POST /api/v1/accounts:sync (and of `gk import`): up to 10,000 of the registry's
// accounts, each with its addresses. A batch is taken whole or not at all: the first problem is
// reported with the account's index, the field and the reason, and nothing is changed.

export const SYNC_MAX_ACCOUNTS = 10_000;
export const SYNC_MAX_ADDRESSES = 50;

// The strict mailbox grammar and the registrable domain, as when a maintainer adds an address here:
// the stored address and its watched domain are the ones mail is delivered to.
const address = z.string({ error: 'must be a string' }).transform((raw, ctx) => {
  const normal = normalizeEmailDomain(raw);
  if (!normal.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `“${raw.slice(0, 80)}” is not an address we can watch: ${normal.error.message}`,
    });
    return z.NEVER;
  }
  return { address: normal.address, domain: normal.registrableDomain };
});

const syncAddressSchema = z.strictObject({
  address,
  verified: z.boolean({ error: 'must be true or false' }),
  verifiedAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2025-06-01T12:00:00Z' })
    .nullish(),
  primary: z.boolean({ error: 'must be true or false' }).optional(),
});

const syncAccountSchema = z.strictObject({
  username: usernameSchema,
  name: z.string({ error: 'must be a string' }).trim().max(100, 'has at most 100 characters').optional(),
  addresses: z
    .array(syncAddressSchema, { error: 'must be a list of addresses' })
    .max(SYNC_MAX_ADDRESSES, `has at most ${SYNC_MAX_ADDRESSES} addresses`),
});

export const syncBatchSchema = z.strictObject({
  accounts: z
    .array(syncAccountSchema, { error: 'must be a list of accounts' })
    .min(1, 'must hold at least one account')
    .max(SYNC_MAX_ACCOUNTS, `holds at most ${SYNC_MAX_ACCOUNTS.toLocaleString('en')} accounts per call`),
});

export interface SyncAddress {
  address: string;
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  primary: boolean;
}
export interface SyncAccount {
  username: string;
  name: string;
  addresses: SyncAddress[];
}

/** `accounts[3].addresses[1].address` from zod's path. */
function fieldOf(path: readonly PropertyKey[]): { index: number | null; field: string } {
  const [, index, ...rest] = path;
  const field = rest.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
  return { index: typeof index === 'number' ? index : null, field: field || String(path[0] ?? 'body') };
}

/** Throws the batch's first problem as `invalid_input` (or `conflict`) with index, field and reason. */
export function batchProblem(
  code: 'invalid_input' | 'conflict',
  index: number | null,
  field: string,
  reason: string,
): AppError {
  const where = index === null ? field : `accounts[${index}].${field}`;
  reason = reason.replace(/\.$/, '');
  return new AppError(code, `${where}: ${reason}. Nothing was changed.`, {
    index: index === null ? '' : String(index),
    field,
    reason,
  });
}

/**
 * Reads a batch: shape and grammar (zod), then what only the whole batch shows (a username or an
 * address twice, two primaries). Each account gets exactly one primary when it has addresses: the
 * one marked, else its first verified address, else its first.
 */
export function readSyncBatch(raw: unknown): SyncAccount[] {
  const parsed = syncBatchSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown field is named by its own path (accounts[0].password), not its object's.
    const { index, field } = fieldOf(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path);
    const reason =
      issue.code === 'unrecognized_keys'
        ? `has a field we do not know: ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
          ? /received undefined/.test(issue.message)
            ? 'is missing'
            : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
          : issue.message;
    throw batchProblem('invalid_input', index, field, reason);
  }
  const usernames = new Map<string, number>();
  const addresses = new Map<string, number>();
  return parsed.data.accounts.map((account, index) => {
    const earlier = usernames.get(account.username);
    if (earlier !== undefined)
      throw batchProblem('invalid_input', index, 'username', `${account.username} is also at accounts[${earlier}]`);
    usernames.set(account.username, index);
    const primaries = account.addresses.filter((a) => a.primary).length;
    if (primaries > 1) throw batchProblem('invalid_input', index, 'addresses', 'marks more than one address primary');
    const chosen =
      primaries === 1
        ? account.addresses.findIndex((a) => a.primary)
        : Math.max(
            0,
            account.addresses.findIndex((a) => a.verified),
          );
    const out = account.addresses.map((a, i) => {
      const { address, domain } = a.address;
      const before = addresses.get(address);
      if (before !== undefined)
        throw batchProblem(
          'invalid_input',
          index,
          `addresses[${i}].address`,
          `${address} is also listed at accounts[${before}]`,
        );
      addresses.set(address, index);
      return {
        address,
        domain,
        verified: a.verified,
        verifiedAt: a.verified ? (a.verifiedAt ?? null) : null,
        primary: i === chosen,
      };
    });
    return { username: account.username, name: account.name || account.username, addresses: out };
  });
}
