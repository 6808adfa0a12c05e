import { hashString, type Rng, seededRng } from '@/dev/peers/protocol-server/random';

// One random stream per (purpose, domain): a domain's lifecycle does not depend on how many draws
// another domain or another policy made, so the three policies see the very same lifecycles and a
// change to one policy's draws leaves the others' numbers alone.

export type { Rng };

export function streamRng(seed: number, purpose: string, index = 0): Rng {
  return seededRng(hashString(`${seed}:${purpose}:${index}`));
}

export const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/** Exponential with the given mean; 1 − u keeps the argument of log in (0, 1]. */
export const exponential = (rng: Rng, mean: number) => -mean * Math.log(1 - rng());

/** Fisher–Yates, in place. */
export function shuffle(rng: Rng, items: Int32Array): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = a;
  }
}
