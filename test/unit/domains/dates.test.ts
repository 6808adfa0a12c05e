import { describe, expect, it } from 'vitest';
import { isFarFuture, parseRdapDate } from '@/lib/domains/dates';
import { FAR_FUTURE } from '@/core/domains';

const iso = (value: unknown) => parseRdapDate(value)?.toISOString() ?? null;

describe('parseRdapDate', () => {
  it.each([
    ['2028-09-14T04:00:00Z', '2028-09-14T04:00:00.000Z'], // Verisign
    ['2027-03-15T13:00:00+00:00', '2027-03-15T13:00:00.000Z'], // CZ.NIC
    ['2028-09-13T07:00:00.000+0000', '2028-09-13T07:00:00.000Z'], // MarkMonitor, no colon
    ['2014-11-17T16:00:29.0Z', '2014-11-17T16:00:29.000Z'], // ZDNS, one digit
    ['2025-10-29T03:51:11.00Z', '2025-10-29T03:51:11.000Z'], // two digits
    ['2018-10-29T15:57:39.435Z', '2018-10-29T15:57:39.435Z'],
    ['2024-06-12T22:09:39.881923Z', '2024-06-12T22:09:39.881Z'], // AFNIC, microseconds truncated
    ['2024-06-12T22:09:39.123456789Z', '2024-06-12T22:09:39.123Z'],
    ['2024-01-01T00:30:00+05:30', '2023-12-31T19:00:00.000Z'],
    ['2024-01-01T00:30:00-0800', '2024-01-01T08:30:00.000Z'],
    ['2024-01-01T00:30:00+01', '2023-12-31T23:30:00.000Z'],
    ['2024-03-01t10:00:00z', '2024-03-01T10:00:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'], // not 1999: Date.UTC would shift it
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'], // leap second rolls over
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('reads a zone-less date as UTC, whatever the machine zone (Namecheap)', () => {
    const before = process.env.TZ;
    for (const tz of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
      process.env.TZ = tz;
      expect(iso('2008-08-18T13:19:55')).toBe('2008-08-18T13:19:55.000Z');
    }
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });

  it.each([
    '294247-01-10T04:00:54.775Z',
    '+294247-01-10T04:00:54.775Z',
    '10000-01-01T00:00:00Z',
    '275760-09-13T00:00:00.001Z',
  ])('reads Nomulus END_OF_TIME and other years past 9999 as FAR_FUTURE: %s', (input) => {
    const date = parseRdapDate(input);
    expect(date?.getTime()).toBe(FAR_FUTURE.getTime());
    expect(date && isFarFuture(date)).toBe(true);
    expect(date).not.toBe(FAR_FUTURE); // a copy: callers may not mutate the shared constant
  });

  it.each([
    null,
    undefined,
    42,
    {},
    '',
    'garbage',
    '2024-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:61Z',
    '2024-01-01T10:00:00+25:00',
    '2024-01-01T10:00:00+01:60',
    '2024-01-01T10:00Z',
    '-2024-01-01T00:00:00Z',
    '24-01-01T00:00:00Z',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00Z trailing',
    'Mon, 01 Jan 2024 00:00:00 GMT',
  ])('rejects %j', (input) => {
    expect(parseRdapDate(input)).toBeNull();
  });

  it('accepts a leap day', () => {
    expect(iso('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
  });
});
