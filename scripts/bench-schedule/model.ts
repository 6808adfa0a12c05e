import { DAY_MS } from '@/lib/domains/dates';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';

// Every assumption of the simulation in one place, so the header, the printed assumptions and the
// code cannot disagree. The shares are judgement calls (no public data set gives them for the
// custom domains of a package registry's users); they are printed with every run for that reason.

export const HOUR_MS = 3_600_000;
export { DAY_MS };

export const MODEL = {
  /** The registry: addresses per custom domain ~ Zipf(s) on 1..max; big providers' rows are this share of all rows. */
  addresses: { zipfExponent: 2.5, max: 500, bigProviderShare: 0.85 },
  /** Next expiry at import: within the coming year, or (multi-year registrations) up to 5 years out. */
  multiYearShare: 0.2,
  multiYearMaxYears: 5,
  /** At each expiry: share that is not renewed and lapses through every stage. */
  lapseShare: 0.08,
  /** When renewers renew (shares of renewals): before the warning window, inside it, or in grace. */
  renewTiming: { early: 0.45, window: 0.4, grace: 0.15 },
  earlyRenewDaysBeforeExpiry: [30, 120] as const,
  /** Share of renewals that add two years instead of one. */
  twoYearRenewShare: 0.1,
  /** The registrar deletes an unrenewed domain this long after expiry (gTLD auto-renew grace: up to 45 days). */
  graceDays: [25, 45] as const,
  redemptionDays: 30,
  pendingDeleteDays: 5,
  /** Share of lapsed domains the owner restores (with the restore fee) during redemption. */
  restoreShare: 0.03,
  /** Share of dropped domains someone else registers within the horizon; of those, drop-catchers take this share within an hour. */
  reRegisterShare: 0.4,
  dropCatchShare: 0.3,
  reRegisterMeanDays: 60,
  /** Owners deleting a domain mid-term (straight to redemption, unannounced), per domain-year. */
  ownerDeleteRatePerYear: 0.01,
  /** The classifier's warning window: "expiring" starts this long before expiry. */
  warningWindowDays: DEFAULT_POLICY_SETTINGS.warningWindowDays,
  /** Ours' first checks are spread over this many days after import; the measured year starts after it. */
  importDays: 30,
  /** Checks go on this long past the measured year, so late events in it still get detected (calls there are not counted). */
  tailDays: 30,
  /**
   * Requests per check (lib/domains/check.ts): one registry RDAP request; one registrar RDAP request
   * when the registry links one (thin .com/.net and others) and the domain is registered; two DNS
   * queries (NS, MX); the paid status API only where RDAP cannot answer: no RDAP server for the TLD,
   * or RDAP failed (every failed check asks it once).
   */
  sources: { registrarLinkShare: 0.6, noRdapShare: 0.08, dnsQueriesPerLookup: 2 },
  /**
   * Ours' daily DNS probe (lib/probe/): domains last seen active or expiring, every 24 h from a random
   * phase. In DNS: redemption, pending delete and available are NXDOMAIN; a stranger's registration
   * has other name servers; of registrars, this share park an expired domain on their expiry name
   * servers (lib/domains/parking-nameservers.ts) within the given days of expiry.
   */
  probe: { intervalHours: 24, parkOnExpiryShare: 0.5, parkDelayDays: [0, 5] as const },
  /**
   * warehouse accounts/tasks.py batch_update_email_domain_status: ≤ capPerDay rows a day, null or
   * oldest domain_last_checked first, unchecked for > recheckDays; a failed lookup sets the row's
   * check time 23 days back (retried after ~failedRetryDays). unverify_emails_with_expired_domains
   * unverifies a verified row whose last words include one of `unverifyOn`. Status words a call
   * returns beyond its stage's (judgement calls): 'unknown' at this rate, and 'undelegated' for a
   * registered, delegated domain at this rate (the two ways its rule fires on a healthy domain).
   */
  pypi: {
    capPerDay: 1000,
    recheckDays: 30,
    batchHourUtc: 4,
    failedRetryDays: 7,
    unverifyOn: ['undelegated', 'inactive', 'expiring', 'deleting', 'unknown'],
    unknownRate: 0.005,
    undelegatedRegisteredRate: 0.002,
  },
} as const;

/** Simulation epoch: the import. A fixed date so runs are reproducible (the calendar does not matter). */
export const IMPORT_AT = Date.UTC(2026, 0, 1);

export interface RunConfig {
  domains: number;
  seed: number;
  days: number;
  /** Share of checks whose sources all fail (independently drawn per check). */
  failRate: number;
}

/** The simulation's clock marks, in epoch ms. */
export interface Clock {
  importAt: number;
  /** Measured window: events and calls in [measureFrom, measureTo). */
  measureFrom: number;
  measureTo: number;
  /** Checks are simulated up to here. */
  end: number;
}

export function clockFor(config: RunConfig): Clock {
  const measureFrom = IMPORT_AT + MODEL.importDays * DAY_MS;
  const measureTo = measureFrom + config.days * DAY_MS;
  return { importAt: IMPORT_AT, measureFrom, measureTo, end: measureTo + MODEL.tailDays * DAY_MS };
}

export function assumptionLines(config: RunConfig): string[] {
  const m = MODEL;
  const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
  return [
    `registry: ${config.domains} custom domains, addresses per domain ~ Zipf(s=${m.addresses.zipfExponent}) on 1..${m.addresses.max}; big-provider rows = ${pct(m.addresses.bigProviderShare)} of all rows (ours never checks them, PyPI checks every row)`,
    `expiry at import: ${pct(1 - m.multiYearShare)} within a year, ${pct(m.multiYearShare)} multi-year (1–${m.multiYearMaxYears} y)`,
    `at each expiry: ${pct(m.lapseShare)} lapse; renewers renew ${pct(m.renewTiming.early)} before the ${m.warningWindowDays}-day window (${m.earlyRenewDaysBeforeExpiry.join('–')} d before expiry), ${pct(m.renewTiming.window)} inside it, ${pct(m.renewTiming.grace)} in grace; ${pct(m.twoYearRenewShare)} renew for 2 years`,
    `lapse: grace ${m.graceDays.join('–')} d (registrar), redemption ${m.redemptionDays} d (${pct(m.restoreShare)} restored), pending delete ${m.pendingDeleteDays} d, then available`,
    `drops: ${pct(m.reRegisterShare)} re-registered by a stranger (${pct(m.dropCatchShare)} of them drop-caught within 1 h, the rest after ~Exp(${m.reRegisterMeanDays} d)); re_registered is sticky, as in lib/scans/apply.ts`,
    `owner deletes mid-term: ${pct(m.ownerDeleteRatePerYear)} of domains per year, at an unannounced time, straight to redemption`,
    `ours: first check uniform over the ${m.importDays}-day import, then lib/policy/recheck.ts nextCheckAt with DEFAULT_POLICY_SETTINGS; events of the import ramp are reported apart`,
    `daily: every domain every 24 h, random phase; PyPI: one call per row, daily batch at 0${m.pypi.batchHourUtc}:00 UTC of ≤ ${m.pypi.capPerDay} rows unchecked for > ${m.pypi.recheckDays} d, oldest first (warehouse batch_update_email_domain_status)`,
    `requests per check: 1 registry RDAP, +1 registrar RDAP for the ${pct(m.sources.registrarLinkShare)} of domains whose registry links one (registered only), ${m.sources.dnsQueriesPerLookup} DNS, +1 paid status-API call where RDAP cannot answer (${pct(m.sources.noRdapShare)} of domains in TLDs without RDAP, and every failed check)`,
    `ours' DNS probe: every ${m.probe.intervalHours} h for domains last seen active/expiring (${m.sources.dnsQueriesPerLookup} queries); NXDOMAIN (redemption onwards), new NS (re-registered) or expiry parking (${pct(m.probe.parkOnExpiryShare)} of registrars, ${m.probe.parkDelayDays.join('–')} d after expiry) triggers a full check at once`,
    `PyPI words: active/expiring → active, grace → expiring, redemption → undelegated+expiring, pending delete → undelegated+deleting, available → undelegated+inactive, re-registered → active; extra 'unknown' on ${pct(m.pypi.unknownRate)} of calls and 'undelegated' on ${pct(m.pypi.undelegatedRegisteredRate)} of calls to registered domains (false unverifications); failed rows retried after ${m.pypi.failedRetryDays} d`,
    `failed checks: ${pct(config.failRate)} of all checks, every policy, independent draws; a failed check detects nothing (ours backs off per recheck.ts)`,
    `measured: events and calls over ${config.days} d after the import ramp; checks continue ${m.tailDays} d past it; an event still undetected then counts with delay = (end of simulation − event), a lower bound`,
  ];
}
