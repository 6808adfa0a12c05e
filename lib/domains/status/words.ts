// What the Domainr/Fastly status words say about registration. Position is ignored: the docs call
// the right-most word the strongest, but real answers break the order ("marketed priced transferable
// active"), so each question is asked of the whole set.

export interface StatusReading {
  /** `active` or `parked`: someone holds the domain (possibly in DNS, possibly for sale). */
  registered: boolean;
  /** `inactive` without `active`/`parked`: open for new registration. */
  available: boolean;
  expiring: boolean;
  deleting: boolean;
  undelegated: boolean;
  forSale: boolean;
  /**
   * False when the words say nothing about registration: only `unknown`, or `undelegated` alone
   * (Domainr documents `unknown` or `undelegated` as its best-effort answer on an upstream timeout).
   */
  usable: boolean;
}

const FOR_SALE = ['marketed', 'priced', 'transferable'];

export function readStatusWords(words: readonly string[]): StatusReading {
  const has = new Set(words);
  const registered = has.has('active') || has.has('parked');
  const available = has.has('inactive') && !registered;
  const expiring = has.has('expiring');
  const deleting = has.has('deleting');
  return {
    registered,
    available,
    expiring,
    deleting,
    undelegated: has.has('undelegated'),
    forSale: FOR_SALE.some((w) => has.has(w)),
    usable: registered || available || expiring || deleting,
  };
}
