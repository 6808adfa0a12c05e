import { AppError } from '@/lib/errors';
import { type CliIO, processIO, UsageError } from './io';

// `tsx cli/gk.ts <command> …` (npm run gk -- …): one entry point for operator commands. Commands
// load lazily, so `gk check-domain` never opens the database. Nothing but a command's own output
// goes to stdout, so `npm run --silent gk -- … --json` can be piped.

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  'check-domain': {
    summary: 'check one domain or address now: stage, evidence, timeline, sources (--json for scripts)',
    load: async () => (await import('./commands/check-domain')).checkDomainCommand,
  },
  lookalikes: {
    summary: 'look-alike domains of a domain or brand word (--check: each one checked now; --json for scripts)',
    load: async () => (await import('./commands/lookalikes')).lookalikesCommand,
  },
  user: {
    summary: 'add users, change roles, list users',
    load: async () => (await import('./commands/user')).userCommand,
  },
  migrate: {
    summary: 'apply database migrations',
    load: async () => (await import('./commands/migrate')).migrateCommand,
  },
  scan: {
    summary: 'scan now: --full | --domain <d> | --email <addr> | --user <username> [--wait]',
    load: async () => (await import('./commands/scan')).scanCommand,
  },
  keys: {
    summary: 'sealing keys for TOTP secrets and queued links: list | rotate | retire <kid>',
    load: async () => (await import('./commands/keys')).keysCommand,
  },
  import: {
    summary: 'import the registry’s accounts from a CSV file, as the sync API does (one transaction, a progress bar)',
    load: async () => (await import('./commands/import')).importCommand,
  },
  'seed-demo': {
    summary: 'fill an empty database with the demo registry and demo logins',
    load: async () => (await import('./commands/seed-demo')).seedDemoCommand,
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: gk <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(help());
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(help());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`gk: unknown command ${JSON.stringify(name)}\n${help()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`gk: ${message}\n`);
    // Bad input (usage, or a verb refusing its input) exits 2; anything else 1.
    const badInput = err instanceof UsageError || (err instanceof AppError && err.code !== 'internal');
    return badInput ? 2 : 1;
  }
}

const code = await main(process.argv.slice(2), processIO());
// Exit explicitly: idle keep-alive connections of the HTTP client would otherwise hold the process
// open for a few seconds after the answer is printed.
process.stdout.write('', () => process.exit(code));
