import type { ScanCounters as Counters } from '@/db/schema/scans';

const LABELS: Record<keyof Counters, string> = {
  domainsChecked: 'Domains checked',
  domainsChanged: 'Changed stage',
  domainsErrored: 'Checks failed',
  verifiedAddressesChecked: 'Verified addresses seen',
  addressesUnverified: 'Addresses unverified',
  flagsHeldForReview: 'Held for review',
  flagsOpened: 'Flags opened',
  flagsResolved: 'Flags resolved',
  notificationsQueued: 'Notices queued',
};

export function ScanCounters({ counters }: { counters: Counters }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-9">
      {(Object.keys(LABELS) as (keyof Counters)[]).map((key) => (
        <div key={key} className="rounded-md border border-border p-2">
          <dt className="text-xs text-muted-foreground">{LABELS[key]}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-counter={key}>
            {(counters[key] ?? 0).toLocaleString('en')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One line for a table cell. */
export function countersSummary(c: Counters): string {
  const held = c.flagsHeldForReview ? ` · ${c.flagsHeldForReview} held for review` : '';
  return `${c.domainsChanged} changed · ${c.domainsErrored} failed · ${c.flagsOpened} flags opened · ${c.flagsResolved} resolved${held}`;
}
