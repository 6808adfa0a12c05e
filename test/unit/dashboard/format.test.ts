import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonthYear, formatRecent } from '@/components/data-table/format';

// The same text on the server and in the browser (hydration): UTC, fixed month names, whatever the
// process's time zone or locale. The expected strings are what en-GB in UTC printed before.
describe('date formats', () => {
  const at = '2025-09-04T23:05:09.123Z';

  it('print UTC with fixed month names', () => {
    expect(formatDateTime(at)).toBe('4 Sept 2025, 23:05 UTC');
    expect(formatDate(at)).toBe('4 Sept 2025');
    expect(formatMonthYear(at)).toBe('Sept 2025');
    expect(formatRecent(at)).toBe('4 Sept, 23:05');
    expect(formatRecent(new Date('2025-03-14T04:07:02Z'), { seconds: true })).toBe('14 Mar, 04:07:02');
  });

  it('say "—" for no date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });

  it("match the engine's en-GB UTC text for every month (what the pages showed before)", () => {
    for (let month = 0; month < 12; month++) {
      const d = new Date(Date.UTC(2026, month, 9, 7, 3));
      const iso = d.toISOString();
      expect(formatDate(iso)).toBe(
        d.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
      );
      expect(formatDateTime(iso)).toBe(
        `${d.toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC`,
      );
    }
  });
});
