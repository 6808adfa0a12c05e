import { parseArgs } from 'node:util';
import { SECOND_FACTOR_ROLES } from '@/lib/auth/permissions';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/queries';
import { roleSchema } from '@/lib/users/schemas';
import { setUserRole } from '@/lib/users/set-role';
import { withCliDatabase } from '../db';
import { type CliIO, operatorName, readAll, UsageError } from '../io';

// Staff and admin powers need a second factor; a new account has none, so its owner enrols first.
const ENROL_FIRST =
  'must set up two-factor authentication at first sign-in (/account/two-factor) before opening the dashboard';

const USAGE = `usage:
  gk user add <username> --role user|staff|admin [--name "Full Name"]   (password on stdin)
  gk user set-role <username> --role user|staff|admin
  gk user list [--role user|staff|admin]`;

export async function userCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { role: { type: 'string' }, name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const actor = { type: 'cli' as const, operator: operatorName() };
  if (sub === 'add') {
    const username = positionals[0];
    if (!username || positionals.length > 1) throw new UsageError(`user add takes one username\n${USAGE}`);
    const role = roleSchema.safeParse(values.role);
    if (!role.success) throw new UsageError('user add needs --role user|staff|admin');
    if (!io.stdin || (io.stdin as NodeJS.ReadStream).isTTY)
      throw new UsageError('pipe the password on stdin, e.g. `printf %s "$PASSWORD" | npm run gk -- user add …`');
    const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    const user = await withCliDatabase(io.env, (db) =>
      db.transaction((tx) =>
        createUser({
          ctx: { tx, actor, now: new Date() },
          input: { username, role: role.data, name: values.name, password },
        }),
      ),
    );
    io.stdout.write(`created ${user.username} (${user.role}, id ${user.id})\n`);
    if (SECOND_FACTOR_ROLES.includes(user.role)) io.stdout.write(`${user.username} ${ENROL_FIRST}\n`);
    return 0;
  }
  if (sub === 'set-role') {
    const username = positionals[0];
    const role = roleSchema.safeParse(values.role ?? positionals[1]);
    if (!username || !role.success) throw new UsageError(`user set-role needs a username and --role\n${USAGE}`);
    const result = await withCliDatabase(io.env, (db) =>
      db.transaction((tx) =>
        setUserRole({ ctx: { tx, actor, now: new Date() }, input: { username, role: role.data } }),
      ),
    );
    io.stdout.write(
      result.changed ? `${result.username} is now ${result.role}\n` : `${result.username} was already ${result.role}\n`,
    );
    if (SECOND_FACTOR_ROLES.includes(result.role))
      io.stdout.write(
        'staff and admin accounts without two-factor authentication are sent to enrol before the dashboard opens\n',
      );
    return 0;
  }
  if (sub === 'list') {
    const role = values.role === undefined ? undefined : roleSchema.safeParse(values.role);
    if (role && !role.success) throw new UsageError('--role must be user, staff or admin');
    const rows = await withCliDatabase(io.env, (db) => listUsers(db, { role: role?.data, limit: 10_000 }));
    for (const u of rows) io.stdout.write(`${u.username}\t${u.role}\t${u.name}\t${u.addresses} addresses\n`);
    return 0;
  }
  throw new UsageError(USAGE);
}
