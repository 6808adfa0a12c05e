// Calls per token per server process: a token bucket holding one second's worth. In memory, not in
// PostgreSQL: a shared counter would turn every eligibility lookup into a write on one hot row. With
// N server processes a token gets at most N× the rate, which the deployment sizes for.

export class TokenBuckets {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(private readonly perSecond: number) {}

  /** Takes one call for `key`; null when allowed, else the seconds to wait. */
  take(key: number, nowMs: number): number | null {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, at: nowMs };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
