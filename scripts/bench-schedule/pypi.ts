import type { Stage } from '@/core/domains';
import { type Segment, TruthCursor } from './lifecycle';
import { type Clock, DAY_MS, HOUR_MS, MODEL, type RunConfig } from './model';
import { inWindow } from './policies';
import type { Registry } from './registry';
import { shuffle, streamRng } from './rng';
import { statusWordsOf } from './sources';

// PyPI as warehouse runs it (accounts/tasks.py, accounts/utils.py): one status-API call per address
// row; a daily batch of at most 1,000 rows whose domain_last_checked is null or older than 30 days,
// oldest first; a failed call sets the row's time 23 days back ("retry in ~7 days": at a daily batch,
// due again after 8, as a good row after 31, since due means strictly older than 30 days); a verified
// row whose last words include undelegated, inactive, expiring, deleting or unknown is unverified.
// The queue starts in its steady state: rows in random order, check times spaced as the cap (or
// the 30-day recheck, whichever is slower) would have left them.

export interface PypiRun {
  /** Status-API calls in the measured window (every one paid). */
  calls: number;
  /** Per custom domain: successful checks of any of its rows, with the words' key. */
  perDomain: { at: number; key: string }[][];
  /** Per row: times its check fired the unverify rule. */
  firedAt: number[][];
  /** Rows of each custom domain. */
  rowsOf: number[][];
  /** Verified rows unverified in the measured window, and those whose domain its owner held (false). */
  unverified: number;
  falseUnverified: number;
}

const HELD = new Set<Stage>(['active', 'expiring']);
export const wordsKey = (stage: Stage) => statusWordsOf(stage).join('+');

export function simulatePypi(
  registry: Registry,
  segments: readonly Segment[][],
  clock: Clock,
  config: RunConfig,
): PypiRun {
  const { capPerDay, recheckDays, batchHourUtc, failedRetryDays, unknownRate, undelegatedRegisteredRate } = MODEL.pypi;
  const fires = new Set<string>(MODEL.pypi.unverifyOn);
  const rng = streamRng(config.seed, 'pypi');
  const rows = registry.emails;
  const owner = new Int32Array(rows).fill(-1); // domain index, or −1 for a big provider's row
  let r = 0;
  registry.addressesPerDomain.forEach((k, d) => {
    owner.fill(d, r, r + k);
    r += k;
  });
  shuffle(rng, owner);
  const rowsOf: number[][] = Array.from({ length: registry.addressesPerDomain.length }, () => []);
  owner.forEach((d, row) => {
    if (d >= 0) rowsOf[d]?.push(row);
  });
  const cursors = segments.map((s) => new TruthCursor(s));
  const spacing = Math.max(DAY_MS / capPerDay, (recheckDays * DAY_MS) / rows);
  const lastChecked = new Float64Array(rows);
  // Two FIFO queues, each in ascending check time: rows checked fine go to the back of `main`; rows
  // whose call failed go to `retry` with their time set back. Oldest first = the older of the heads.
  const main: number[] = [];
  for (let i = 0; i < rows; i += 1) {
    lastChecked[i] = clock.importAt - (rows - i) * spacing;
    main.push(i);
  }
  const retry: number[] = [];
  let mainHead = 0;
  let retryHead = 0;
  const verified = new Uint8Array(rows).fill(1);
  const out: PypiRun = {
    calls: 0,
    perDomain: rowsOf.map(() => []),
    firedAt: Array.from({ length: rows }, () => []),
    rowsOf,
    unverified: 0,
    falseUnverified: 0,
  };
  const retryBack = (recheckDays - failedRetryDays) * DAY_MS;

  for (let batchAt = clock.importAt + batchHourUtc * HOUR_MS; batchAt < clock.end; batchAt += DAY_MS) {
    const due = batchAt - recheckDays * DAY_MS;
    for (let n = 0; n < capPerDay; n += 1) {
      const m = main[mainHead];
      const y = retry[retryHead];
      const fromRetry = y !== undefined && (m === undefined || (lastChecked[y] ?? 0) < (lastChecked[m] ?? 0));
      const row = fromRetry ? y : m;
      if (row === undefined || (lastChecked[row] ?? 0) >= due) break;
      if (fromRetry) retryHead += 1;
      else mainHead += 1;
      const counted = inWindow(clock, batchAt);
      if (counted) out.calls += 1;
      if (rng() < config.failRate) {
        lastChecked[row] = batchAt - retryBack;
        retry.push(row);
        continue;
      }
      lastChecked[row] = batchAt;
      main.push(row);
      const d = owner[row] ?? -1;
      const stage: Stage = d >= 0 ? (cursors[d]?.at(batchAt).stage ?? 'active') : 'active';
      const words = [...statusWordsOf(stage)];
      if (rng() < unknownRate) words.push('unknown');
      if (d >= 0 && HELD.has(stage) && rng() < undelegatedRegisteredRate) words.push('undelegated');
      if (d >= 0) out.perDomain[d]?.push({ at: batchAt, key: wordsKey(stage) });
      const fired = words.some((w) => fires.has(w));
      if (fired) {
        out.firedAt[row]?.push(batchAt);
        if (verified[row] && counted) {
          out.unverified += 1;
          if (HELD.has(stage)) out.falseUnverified += 1;
        }
      }
      // A row the rule left alone counts as verified again (its owner re-verified since): each
      // false unverification is counted once, the case most favourable to PyPI.
      verified[row] = fired ? 0 : 1;
    }
  }
  return out;
}
