import { parseArgs } from 'node:util';
import { syncAccounts } from '@/lib/sync/accounts';
import { readSyncBatch, SYNC_MAX_ACCOUNTS } from '@/lib/sync/schemas';
import { benchDatabase } from './bench/database';
import { describeMachine } from './bench/machine';

// `npm run bench:sync -- --accounts 1000000`: a registry's accounts pushed through the sync in
// batches of 10,000, as POST /api/v1/accounts:sync takes them: each batch serialised to JSON,
// parsed, read by the batch reader (grammar, duplicates) and applied by the verb in its own
// transaction on a real (embedded) PostgreSQL. Three passes: the first import, the same batches
// again (idempotent: nothing changes), and a pass where 1 % of the accounts changed. The route's
// token lookup (one indexed read) is left out. Ends with one line of JSON.

const { values } = parseArgs({
  options: { accounts: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '10000' } },
});
const total = Number(values.accounts);
const batch = Number(values.batch);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(batch) || batch < 1 || batch > SYNC_MAX_ACCOUNTS) {
  process.stderr.write(`bench:sync: --accounts must be a positive integer, --batch 1 to ${SYNC_MAX_ACCOUNTS}\n`);
  process.exit(2);
}
const log = (line: string) => process.stdout.write(`${line}\n`);
const { db, close, stop } = await benchDatabase('bench-sync');
log(`machine: ${describeMachine()}`);

/** Account i: a big-provider address, and for a third of them an address at their own domain. */
function account(i: number, pass: 'first' | 'changed') {
  const changed = pass === 'changed' && i % 100 === 0;
  const addresses = [{ address: `m${i}@gmail.com`, verified: true, verifiedAt: '2024-01-01T00:00:00Z' }];
  if (i % 3 === 0)
    addresses.push({ address: `dev@m${i}-own.dev`, verified: !changed, verifiedAt: '2024-02-01T00:00:00Z' });
  return { username: `m${i}`, name: changed ? `Maintainer ${i} (renamed)` : `Maintainer ${i}`, addresses };
}

async function pass(name: string, kind: 'first' | 'changed') {
  const started = performance.now();
  const sums = { usersCreated: 0, usersRenamed: 0, addressesAdded: 0, addressesChanged: 0, addressesRemoved: 0 };
  for (let from = 0; from < total; from += batch) {
    const accounts = Array.from({ length: Math.min(batch, total - from) }, (_, k) => account(from + k, kind));
    const body = JSON.parse(JSON.stringify({ accounts }));
    const read = readSyncBatch(body);
    const result = await db.transaction((tx) =>
      syncAccounts({ ctx: { tx, actor: { type: 'cli', operator: 'bench' }, now: new Date() }, input: read }),
    );
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += result[key];
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `${name}: ${total.toLocaleString('en')} accounts in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en')} accounts/s); ${JSON.stringify(sums)}`,
  );
  return { seconds, rate: total / seconds, sums };
}

const first = await pass('first import', 'first');
const again = await pass('the same batches again', 'first');
const changed = await pass('1 % of the accounts changed', 'changed');
await close();
await stop();
log(
  JSON.stringify({
    accounts: total,
    batch,
    first_seconds: Number(first.seconds.toFixed(1)),
    first_accounts_per_second: Math.round(first.rate),
    again_seconds: Number(again.seconds.toFixed(1)),
    again_accounts_per_second: Math.round(again.rate),
    again_changes: Object.values(again.sums).reduce((a, b) => a + b, 0),
    changed_seconds: Number(changed.seconds.toFixed(1)),
    changed_accounts_per_second: Math.round(changed.rate),
  }),
);
