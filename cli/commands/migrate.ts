import { withCliDatabase } from '../db';
import { type CliIO, UsageError } from '../io';

export async function migrateCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.length > 0) throw new UsageError('migrate takes no arguments');
  // withCliDatabase applies the migrations before it hands out the connection.
  await withCliDatabase(io.env, async () => {});
  io.stdout.write('migrations applied\n');
  return 0;
}
