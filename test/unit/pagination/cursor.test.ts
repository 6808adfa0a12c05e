import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/pagination/cursor';

// The keyset cursor travels in page URLs: what we wrote comes back exactly, anything else reads as none
// (the first page), never as a value PostgreSQL would refuse to cast.

const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('keyset cursor', () => {
  it('round-trips PostgreSQL timestamps with microseconds and any offset', () => {
    for (const at of ['2026-03-01 12:00:00.000250+00', '2024-02-29 23:59:59+05:30', '1914-07-28 00:00:00-03:00:00']) {
      expect(decodeCursor(encodeCursor({ at, id: 42 }))).toEqual({ at, id: 42 });
    }
  });

  it('reads a tampered or made-up cursor as none', () => {
    const bad = [
      undefined,
      '',
      'not a cursor!',
      raw('2026-03-01 12:00:00+00'),
      raw('2026-03-01 12:00:00+00|0'),
      raw('2026-03-01 12:00:00+00|1.5'),
      raw('2026-03-01 12:00:00+00|99999999999999999999'),
      raw('2026-02-29 12:00:00+00|1'),
      raw('2026-04-31 12:00:00+00|1'),
      raw('2026-13-01 12:00:00+00|1'),
      raw('0000-01-01 00:00:00+00|1'),
      raw('2026-03-01 24:00:00+00|1'),
      raw('2026-03-01 12:60:00+00|1'),
      raw('2026-03-01 12:00:60+00|1'),
      raw('2026-03-01 12:00:00+16|1'),
      raw("2026-03-01 12:00:00+00'; drop table flags; --|1"),
    ];
    for (const value of bad) expect(decodeCursor(value), String(value)).toBeNull();
  });
});
