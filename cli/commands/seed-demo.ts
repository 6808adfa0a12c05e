import { seedDemo } from '@/dev/demo/seed/seed-demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_HINT } from '@/dev/demo/seed/demo-accounts';
import { withCliDatabase } from '../db';
import { type CliIO, UsageError } from '../io';

export async function seedDemoCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.length > 0) throw new UsageError('seed-demo takes no arguments');
  const summary = await withCliDatabase(io.env, (db) => seedDemo(db, { now: new Date() }));
  if (!summary.seeded) {
    io.stdout.write('the database already has users: nothing seeded\n');
    return 0;
  }
  io.stdout.write(
    `seeded ${summary.users} users, ${summary.addresses} addresses, ${summary.domains} custom domains, ${summary.flags} flags\n`,
  );
  if (summary.lookalikes)
    io.stdout.write(
      `watching ${summary.lookalikes.name}: ${summary.lookalikes.candidates} look-alikes, ${summary.lookalikes.registered} registered\n`,
    );
  for (const a of DEMO_ACCOUNTS) io.stdout.write(`  ${a.username} / ${DEMO_PASSWORD}  (${a.note})\n`);
  io.stdout.write(`${DEMO_SECOND_FACTOR_HINT}\n`);
  return 0;
}
