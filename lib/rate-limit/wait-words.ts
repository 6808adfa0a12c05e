// How long until a limit lets someone try again, in the words a person would use: "in a minute",
// "in 5 minutes", "in about an hour". Never "in 3540 seconds": the exact count is the server's
// business, and a reader only needs to know whether to wait, get a coffee, or come back tomorrow.
// Rounded up, so nobody who follows the advice is refused again.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in a few seconds", "in a minute", "in 5 minutes", "in about an hour", "in about 3 hours", "in about 2 days". */
export function tryAgainIn(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : DAY;
  if (s <= 10) return 'in a few seconds';
  if (s <= MINUTE) return 'in a minute';
  const minutes = Math.ceil(s / MINUTE);
  // Past 50 minutes "in 57 minutes" is false precision; an hour is what the reader plans around.
  if (minutes <= 50) return `in ${minutes} minutes`;
  if (s <= 90 * MINUTE) return 'in about an hour';
  const hours = Math.ceil(s / HOUR);
  if (hours < 36) return `in about ${hours} hours`;
  return `in about ${Math.ceil(s / DAY)} days`;
}

/** The whole sentence a rate-limited caller reads, e.g. "Too many requests. Try again in 5 minutes." */
export function tooManyRequests(seconds: number, what = 'requests'): string {
  return `Too many ${what}. Try again ${tryAgainIn(seconds)}.`;
}
