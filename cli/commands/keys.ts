import { currentRing, DERIVED_KID, ringLocation } from '@/lib/auth/sealing-ring';
import { readEnv } from '@/lib/env';
import { retireSealingKey } from '@/lib/keys/retire';
import { rotateSealingKeys } from '@/lib/keys/rotate';
import { sealedValueCounts } from '@/lib/keys/usage';
import { withCliDatabase } from '../db';
import { type CliIO, operatorName, UsageError } from '../io';

const USAGE = `usage:
  gk keys list            the sealing keys, which one seals, and how many values each seals
  gk keys rotate          add a new current key (key file) and re-seal every value with it
  gk keys retire <kid>    remove an old key that no value uses any more`;

// Sealing keys protect TOTP secrets and queued reset/verification links at rest
// (lib/auth/sealing-ring.ts says where the ring lives).
export async function keysCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const env = readEnv(io.env);
  const actor = { type: 'cli' as const, operator: operatorName() };
  const where = (() => {
    const location = ringLocation(env);
    return location.kind === 'env' ? 'GK_SEALING_KEYS' : location.file;
  })();
  if (sub === 'list' && rest.length === 0) {
    const counts = await withCliDatabase(io.env, (db) => sealedValueCounts(db));
    const ring = currentRing(env);
    io.stdout.write(`ring: ${where}\n`);
    for (const kid of ring.keys.keys()) {
      const role = kid === ring.current.kid ? 'current' : kid === DERIVED_KID ? 'derived from the secret' : 'old';
      io.stdout.write(`${kid}\t${role}\t${counts[kid] ?? 0} values\n`);
    }
    for (const [kid, n] of Object.entries(counts))
      if (!ring.keys.has(kid))
        io.stdout.write(
          `${kid}\t${kid === 'legacy' ? 'old format, derived key' : 'MISSING from the ring'}\t${n} values\n`,
        );
    return 0;
  }
  if (sub === 'rotate' && rest.length === 0) {
    const result = await withCliDatabase(io.env, (db) => rotateSealingKeys(db, actor, { env }));
    if (result.added) io.stdout.write(`added key ${result.added} to ${where}; it seals from now on\n`);
    else
      io.stdout.write(
        `the ring is GK_SEALING_KEYS: its first key ${result.current} seals (put a new key first to rotate)\n`,
      );
    io.stdout.write(
      `re-sealed ${result.resealed.users} TOTP secret(s), ${result.resealed.notifications} queued link(s) and ${result.resealed.webhooks} webhook secret(s) with ${result.current}\n`,
    );
    io.stdout.write('old keys stay in the ring until `gk keys retire <kid>`\n');
    return 0;
  }
  if (sub === 'retire') {
    const kid = rest[0];
    if (!kid || rest.length > 1) throw new UsageError(`keys retire takes one key id\n${USAGE}`);
    await withCliDatabase(io.env, (db) => retireSealingKey(db, actor, { env, kid }));
    io.stdout.write(`retired key ${kid}: removed from ${where}\n`);
    return 0;
  }
  throw new UsageError(USAGE);
}
