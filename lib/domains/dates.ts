import { FAR_FUTURE } from '@/core/domains';

// RDAP dates (RFC 9083 §4.5 asks for RFC 3339) as servers really write them:
//   2028-09-14T04:00:00Z            Verisign
//   2027-03-15T13:00:00+00:00       CZ.NIC
//   2028-09-13T07:00:00.000+0000    MarkMonitor (offset without a colon)
//   2008-08-18T13:19:55             Namecheap (no offset at all)
//   2014-11-17T16:00:29.0Z          ZDNS, CentralNic (fractions of 1 to 6+ digits)
//   294247-01-10T04:00:54.775Z      Nomulus END_OF_TIME (beyond JavaScript's Date range)
// Date.parse is not used: it reads a zone-less date-time in the machine's local zone and gives NaN
// for six-digit years, so the same response would classify differently on different hosts.

const DATE_TIME =
  /^([+]?\d{4,})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Years above this are a registry's "never" (Nomulus writes year 294247); they all mean FAR_FUTURE. */
const LAST_REAL_YEAR = 9999;

function farFuture(): Date {
  // A fresh instance: Date is mutable and FAR_FUTURE is shared.
  return new Date(FAR_FUTURE.getTime());
}

export const DAY_MS = 86_400_000;

export function isFarFuture(date: Date): boolean {
  return date.getTime() >= FAR_FUTURE.getTime();
}

function offsetMinutes(zone: string | undefined): number | null {
  // No zone: read as UTC. RFC 3339 requires an offset, so a zone-less value is already off-spec; the
  // servers seen doing it (Namecheap) report UTC elsewhere, and any other choice would make the result
  // depend on the machine. The error is at most ±14 h, small beside lifecycle periods counted in days.
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/**
 * Reads one RDAP event date. Returns null for anything that is not a well-formed date (wrong type,
 * impossible month/day/time, garbage), and a copy of FAR_FUTURE for years beyond 9999.
 * A bare date (`2024-06-01`) is accepted as midnight UTC.
 */
export function parseRdapDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, yearText = '', monthText = '', dayText = '', hourText, minuteText, secondText, fraction, zone] = m;
  const year = Number(yearText.replace('+', ''));
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText ?? 0);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  // A leap second (":60") is real RFC 3339; it rolls over into the next minute below.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  if (year > LAST_REAL_YEAR) return farFuture();

  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null; // e.g. 2023-02-30
  date.setUTCHours(hour, minute, second, millis);
  date.setTime(date.getTime() - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
