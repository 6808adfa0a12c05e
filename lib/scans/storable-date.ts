import { isFarFuture } from '@/lib/domains/dates';

const LAST_STORABLE = new Date('9999-12-31T23:59:59.999Z');

/** "Never expires" (Nomulus END_OF_TIME, clamped by the parser) stored as the last day of year 9999. */
export function storableDate(date: Date | null | undefined): Date | null {
  if (!date) return null;
  return isFarFuture(date) || date.getTime() > LAST_STORABLE.getTime() ? LAST_STORABLE : date;
}
