import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { Tx } from '@/db/connect';
import { AppError } from '@/lib/errors';
import { type SyncResult, syncAccounts } from '@/lib/sync/accounts';
import { type CsvAccount, readAccountsCsv } from '@/lib/sync/csv';
import { readSyncBatch, SYNC_MAX_ACCOUNTS } from '@/lib/sync/schemas';
import { withCliDatabase } from '../db';
import { type CliIO, operatorName, UsageError } from '../io';

const USAGE =
  'usage: gk import <accounts.csv> [--batch N]   (columns: username,name,address,verified,verified_at,primary)';

function parse(argv: string[]): { file: string; batch: number } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { batch: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const batch = Number(values.batch ?? SYNC_MAX_ACCOUNTS);
  if (positionals.length !== 1 || !Number.isInteger(batch) || batch < 1 || batch > SYNC_MAX_ACCOUNTS)
    throw new UsageError(USAGE);
  return { file: positionals[0]!, batch };
}

const ZERO: SyncResult = {
  accounts: 0,
  usersCreated: 0,
  usersRenamed: 0,
  addressesAdded: 0,
  addressesChanged: 0,
  addressesRemoved: 0,
};

/**
 * `gk import accounts.csv`: what POST /api/v1/accounts:sync does, from a file, in one transaction:
 * the whole file is imported, or (at its first problem, reported with its line) nothing is.
 */
export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { file, batch } = parse(argv);
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new UsageError(`${file}: no such file`);
  const actor = { type: 'cli' as const, operator: operatorName() };
  const started = performance.now();
  const bar = new SingleBar({
    format: 'importing |{bar}| {percentage}% · {accounts} accounts · {rate} accounts/s',
    stream: io.stderr as NodeJS.WritableStream,
    hideCursor: true,
    // Piped to a file or a CI log: a line every few seconds instead of a redrawn bar.
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  const total = { ...ZERO };
  const input = fs.createReadStream(file);
  bar.start(Math.max(size, 1), 0, { accounts: 0, rate: 0 });
  try {
    await withCliDatabase(io.env, (db) =>
      db.transaction(async (tx) => {
        let pending: CsvAccount[] = [];
        const flush = async () => {
          if (pending.length === 0) return;
          await applyBatch(tx, pending, actor, total);
          pending = [];
          const seconds = (performance.now() - started) / 1000;
          bar.update(input.bytesRead, {
            accounts: total.accounts.toLocaleString('en'),
            rate: Math.round(total.accounts / seconds),
          });
        };
        for await (const account of readAccountsCsv(input)) {
          pending.push(account);
          if (pending.length >= batch) await flush();
        }
        await flush();
      }),
    );
  } catch (error) {
    bar.stop();
    if (error instanceof AppError && error.code !== 'internal') {
      io.stderr.write(`gk import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  bar.update(size, {});
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  io.stdout.write(
    `imported ${total.accounts.toLocaleString('en')} ${total.accounts === 1 ? 'account' : 'accounts'} in ${seconds.toFixed(1)} s (${Math.round(total.accounts / Math.max(seconds, 0.001)).toLocaleString('en')} accounts/s): ` +
      `${total.usersCreated.toLocaleString('en')} created, ${total.usersRenamed.toLocaleString('en')} renamed; addresses ` +
      `${total.addressesAdded.toLocaleString('en')} added, ${total.addressesChanged.toLocaleString('en')} changed, ${total.addressesRemoved.toLocaleString('en')} removed\n`,
  );
  return 0;
}

/** One batch through the sync's own reader and verb; a problem is reported at the account's line. */
async function applyBatch(
  tx: Tx,
  pending: CsvAccount[],
  actor: { type: 'cli'; operator: string },
  total: SyncResult,
): Promise<void> {
  try {
    const accounts = readSyncBatch({ accounts: pending.map((p) => p.account) });
    const result = await syncAccounts({ ctx: { tx, actor, now: new Date() }, input: accounts });
    for (const key of Object.keys(total) as (keyof SyncResult)[]) total[key] += result[key];
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields?.field) throw error;
    const index = Number(error.fields.index);
    const at = error.fields.index === '' ? pending[0] : pending[index];
    const line = at?.line ?? 0;
    throw new AppError(
      error.code,
      `line ${line.toLocaleString('en')} (${at?.account.username ?? '?'}): ${error.fields.field}: ${error.fields.reason}. Nothing was imported.`,
      { line: String(line), field: error.fields.field, reason: error.fields.reason ?? '' },
    );
  }
}
