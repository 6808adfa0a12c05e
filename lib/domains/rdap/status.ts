// RDAP status values, normalised to the RFC 8056 phrases (lower case, words separated by spaces).
// Most servers already send the phrases; some send EPP's camelCase (`clientHold`, `redemptionPeriod`),
// and a normaliser is cheaper than teaching every rule two spellings.

/** EPP values whose RFC 8056 phrase is not simply the camelCase split. */
const EPP_RENAMES = new Map([
  ['ok', 'active'],
  ['linked', 'associated'],
]);

export const RDAP_STATUS = {
  active: 'active',
  inactive: 'inactive', // no name servers delegated; NOT the status-API word meaning "available"
  redemptionPeriod: 'redemption period',
  pendingRestore: 'pending restore',
  pendingDelete: 'pending delete',
  autoRenewPeriod: 'auto renew period',
  clientHold: 'client hold',
  serverHold: 'server hold',
} as const;

export function normalizeRdapStatus(value: string): string {
  const spaced = value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[\s_-]+/g, ' ')
    .toLowerCase();
  return EPP_RENAMES.get(spaced) ?? spaced;
}

export function normalizeRdapStatuses(values: unknown): string[] {
  const list = Array.isArray(values) ? values : typeof values === 'string' ? [values] : [];
  const out = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string') continue;
    const status = normalizeRdapStatus(v);
    if (status !== '') out.add(status);
  }
  return [...out];
}
