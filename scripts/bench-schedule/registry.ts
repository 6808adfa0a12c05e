import { MODEL } from './model';
import { streamRng } from './rng';

// The address rows of a synthetic package registry. Custom domains have a long tail of addresses
// (most one maintainer, a few companies or universities with dozens to hundreds); the big
// providers (gmail.com, outlook.com, …) hold most rows. Ours checks each custom domain once no
// matter how many rows use it and never checks a trusted provider; PyPI calls once per row.

export interface Registry {
  /** Address rows per custom domain, by domain index. */
  addressesPerDomain: Int32Array;
  customRows: number;
  bigProviderRows: number;
  /** All address rows (the JSON's `emails`). */
  emails: number;
}

function zipfCdf(exponent: number, max: number): Float64Array {
  const cdf = new Float64Array(max);
  let sum = 0;
  for (let k = 1; k <= max; k += 1) {
    sum += k ** -exponent;
    cdf[k - 1] = sum;
  }
  for (let i = 0; i < max; i += 1) cdf[i] = (cdf[i] ?? 0) / sum;
  return cdf;
}

/** Smallest k with cdf[k − 1] ≥ u. */
function drawFrom(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] ?? 1) >= u) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

export function buildRegistry(domains: number, seed: number): Registry {
  const { zipfExponent, max, bigProviderShare } = MODEL.addresses;
  const cdf = zipfCdf(zipfExponent, max);
  const rng = streamRng(seed, 'registry');
  const addressesPerDomain = new Int32Array(domains);
  let customRows = 0;
  for (let d = 0; d < domains; d += 1) {
    const k = drawFrom(cdf, rng());
    addressesPerDomain[d] = k;
    customRows += k;
  }
  const bigProviderRows = Math.round((customRows * bigProviderShare) / (1 - bigProviderShare));
  return { addressesPerDomain, customRows, bigProviderRows, emails: customRows + bigProviderRows };
}

export function describeRegistry(r: Registry): string {
  const buckets: [string, number, number][] = [
    ['1', 1, 1],
    ['2–5', 2, 5],
    ['6–20', 6, 20],
    ['21–100', 21, 100],
    ['>100', 101, Number.POSITIVE_INFINITY],
  ];
  const n = r.addressesPerDomain.length;
  const counts = buckets.map(([label, lo, hi]) => {
    let c = 0;
    for (const k of r.addressesPerDomain) if (k >= lo && k <= hi) c += 1;
    return `${label}: ${c} (${((c / Math.max(n, 1)) * 100).toFixed(1)}%)`;
  });
  const most = r.addressesPerDomain.reduce((a, b) => Math.max(a, b), 0);
  return `addresses per custom domain: ${counts.join(', ')}; max ${most}, mean ${(r.customRows / Math.max(n, 1)).toFixed(2)}`;
}
