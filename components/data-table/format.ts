// Dates render the same on the server and in every browser: UTC, and month names from this file rather
// than the engine's locale data (Node's ICU and a browser's disagree on small things, "Sep" or "Sept",
// "," or " at "; a different text after hydration is React error #418 and a client re-render).

/** en-GB's short month names, as the dashboard has always shown them. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number) => String(n).padStart(2, '0');
const dayMonth = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
const hoursMinutes = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;

/** "4 Mar 2025, 14:05 UTC"; "—" when there is no date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayMonth(d)} ${d.getUTCFullYear()}, ${hoursMinutes(d)} UTC`;
}

/** "4 Mar 2025" (UTC); "—" when there is no date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${dayMonth(d)} ${d.getUTCFullYear()}`;
}

/** "Mar 2025" (UTC): a month on a time axis. */
export function formatMonthYear(at: string | Date): string {
  const d = new Date(at);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "4 Mar, 14:05" (no year, no zone word: the caller says UTC): for recent events. */
export function formatRecent(at: string | Date, { seconds = false }: { seconds?: boolean } = {}): string {
  const d = new Date(at);
  return `${dayMonth(d)}, ${hoursMinutes(d)}${seconds ? `:${two(d.getUTCSeconds())}` : ''}`;
}

/** "4 min 12 s", "1 h 3 min": how long a scan ran. */
export function formatDuration(ms: number | null): string {
  if (ms === null || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
