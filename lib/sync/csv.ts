import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '@/lib/errors';

// `gk import accounts.csv`: the same accounts as POST /api/v1/accounts:sync, from a CSV file with a
// header row and one row per address:
//
//   username,name,address,verified,verified_at,primary
//   alice,Alice Liddell,alice@wonder.land,true,2024-05-01T00:00:00Z,true
//   alice,Alice Liddell,alice@gmail.com,false,,
//   bob,,,,,                      ← an account with no addresses (its addresses are removed)
//
// An account's rows must be next to each other (as an export ordered by user writes them): the file
// is read as a stream, so a million accounts never sit in memory at once.

export const CSV_COLUMNS = ['username', 'name', 'address', 'verified', 'verified_at', 'primary'] as const;

/** One account as the sync's batch reader takes it, with the line its first row is on. */
export interface CsvAccount {
  line: number;
  account: {
    username: string;
    name?: string;
    addresses: { address: string; verified: boolean; verifiedAt: string | null; primary?: boolean }[];
  };
}

const lineError = (line: number, message: string) =>
  new AppError('invalid_input', `line ${line.toLocaleString('en')}: ${message}. Nothing was imported.`, {
    line: String(line),
  });

function flag(value: string, line: number, column: string, empty: boolean | undefined): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return empty;
  if (['true', '1', 'yes', 'y'].includes(v)) return true;
  if (['false', '0', 'no', 'n'].includes(v)) return false;
  throw lineError(line, `${column} must be true or false, not “${value.slice(0, 20)}”`);
}

/** The accounts of a CSV stream, in file order; a malformed file throws with its line. */
export async function* readAccountsCsv(input: Readable): AsyncGenerator<CsvAccount> {
  const parser = input.pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }),
  );
  let current: CsvAccount | null = null;
  const finished = new Set<string>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = info.lines;
      const missing = CSV_COLUMNS.filter((c) => !(c in record));
      if (missing.length)
        throw lineError(1, `the header needs the columns ${CSV_COLUMNS.join(',')} (missing ${missing.join(', ')})`);
      const username = (record.username ?? '').trim();
      const key = username.toLowerCase();
      if (!current || current.account.username.toLowerCase() !== key) {
        if (current) {
          finished.add(current.account.username.toLowerCase());
          yield current;
        }
        if (finished.has(key))
          throw lineError(line, `the rows of ${username} must be next to each other (an earlier row had it)`);
        current = { line, account: { username, addresses: [] } };
        if (record.name) current.account.name = record.name;
      }
      if (!record.address) continue;
      current.account.addresses.push({
        address: record.address,
        verified: flag(record.verified ?? '', line, 'verified', undefined) ?? false,
        verifiedAt: record.verified_at || null,
        primary: flag(record.primary ?? '', line, 'primary', undefined),
      });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // csv-parse's own errors (an unclosed quote, a short row) carry the line they stopped at.
    const where = (error as { lines?: number }).lines ?? 0;
    throw lineError(where, `the file is not valid CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  if (current) yield current;
}
