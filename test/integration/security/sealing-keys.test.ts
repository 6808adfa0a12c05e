import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, emails, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { open, sealWith } from '@/lib/auth/secret-box';
import { buildRing, derivedKey, generateKey, keyFilePath, readKeyFile, writeKeyFile } from '@/lib/auth/sealing-ring';
import { refreshEnv } from '@/lib/env';
import { sealedValueCounts } from '@/lib/keys/usage';
import { queueDirectMail, SEALED_LINK_KEY } from '@/lib/notify/queue-mail';
import { confirmTwoFactor } from '@/lib/twofactor/confirm';
import { startTwoFactorEnrolment } from '@/lib/twofactor/enroll';
import { setupTestDatabase } from '../../support/test-db';
import { makeUser, PASSWORD } from '../account/fixtures';

// Rotating the sealing key: every TOTP secret and queued link is re-sealed under the new key in one
// transaction, enrolled 2FA keeps working, and the old key can be retired once nothing uses it.

const t = setupTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-keys-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
// This process (the "web server") and the CLI below share the key file under dataDir.
process.env.GK_DATA_DIR = dataDir;
delete process.env.GK_SEALING_KEYS;
refreshEnv();
const keyFile = keyFilePath(dataDir);
const k1 = generateKey();
writeKeyFile(keyFile, [k1]);

function gk(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.url, GK_DATA_DIR: dataDir };
  const result = spawnSync('npx', ['tsx', 'cli/gk.ts', ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr
      .split('\n')
      .filter((l) => l && !l.startsWith('npm warn'))
      .join('\n'),
  };
}

/** A TOTP secret as secret-box sealed it before the key ring: <iv>.<tag>.<data>, derived key. */
function legacySeal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(process.env.GK_ENCRYPTION_KEY)!, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
const sealedOf = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!.totpSecretEnc!;

describe('gk keys rotate and retire', () => {
  let enrolled: { id: number; username: string; secret: string };
  let legacyUser: number;
  let mailLink: string;

  it('rotate adds a current key and re-seals every value with it; enrolled 2FA still signs in', async () => {
    const actor = await makeUser(t.db);
    const { secret } = await t.db.transaction((tx) =>
      startTwoFactorEnrolment({ ctx: { tx: tx, actor, now: new Date() }, input: {} }),
    );
    await t.db.transaction(async (tx) =>
      confirmTwoFactor({ ctx: { tx: tx, actor, now: new Date() }, input: { code: await codeAt(secret, -1) } }),
    );
    enrolled = { id: actor.id, username: actor.username, secret };
    expect((await sealedOf(actor.id)).startsWith(`v1.${k1.kid}.`)).toBe(true);

    const old = await makeUser(t.db);
    legacyUser = old.id;
    await t.db
      .update(users)
      .set({ totpSecretEnc: legacySeal('LEGACYSECRETLEGACYSECRET') })
      .where(eq(users.id, old.id));

    const [email] = await t.db
      .insert(emails)
      .values({ userId: actor.id, address: `${actor.username}@gmail.com`, domain: 'gmail.com' })
      .returning();
    mailLink = `http://localhost:3000/reset-password/${randomBytes(16).toString('hex')}`;
    await queueDirectMail(t.db, {
      userId: actor.id,
      emailId: email!.id,
      address: email!.address,
      kind: 'password_reset',
      dedupeKey: `keys-test:${actor.id}`,
      payload: {},
      secretLink: mailLink,
    });
    expect(await sealedValueCounts(t.db)).toEqual({ [k1.kid]: 2, legacy: 1 });

    const run = gk(['keys', 'rotate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('re-sealed 2 TOTP secret(s), 1 queued link(s) and 0 webhook secret(s)');

    const ring = readKeyFile(keyFile);
    expect(ring.map((k) => k.kid)).toEqual([expect.not.stringMatching(k1.kid), k1.kid]);
    const k2 = ring[0]!.kid;
    expect(await sealedValueCounts(t.db)).toEqual({ [k2]: 3 });
    // This process notices the new file and opens the re-sealed values.
    expect(open(await sealedOf(enrolled.id))).toBe(secret);
    expect(open(await sealedOf(legacyUser))).toBe('LEGACYSECRETLEGACYSECRET');
    const [mail] =
      await t.sql`select payload->>${SEALED_LINK_KEY} as v from notifications where dedupe_key = ${`keys-test:${actor.id}`}`;
    expect(open(mail!.v)).toBe(mailLink);
    expect(
      await authenticate(t.db, {
        username: actor.username,
        password: PASSWORD,
        code: await codeAt(secret, 0),
        ip: '10.9.9.9',
      }),
    ).toMatchObject({ ok: true });

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'keys.rotate'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'cli', targetType: 'sealing_key', targetId: k2 });
    expect(audit[0]!.details).toMatchObject({ added: k2, resealed: { users: 2, notifications: 1, webhooks: 0 } });
  });

  it('retire refuses the current key, an unknown key and a key still in use, and changes nothing', async () => {
    const [current, old] = readKeyFile(keyFile);
    const before = fs.readFileSync(keyFile, 'utf8');
    const refusedCurrent = gk(['keys', 'retire', current!.kid]);
    expect(refusedCurrent.code).toBe(2);
    expect(refusedCurrent.stderr).toContain('is the current key');
    const unknown = gk(['keys', 'retire', 'knope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no key knope');

    // A value still sealed with the old key (e.g. written by a process that had not seen the rotation).
    const withOld = buildRing([old!], null, 'test');
    await t.db
      .update(users)
      .set({ totpSecretEnc: sealWith(withOld, 'STILLOLD') })
      .where(eq(users.id, legacyUser));
    const inUse = gk(['keys', 'retire', old!.kid]);
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toContain(`1 sealed value(s) still use key ${old!.kid}`);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'keys.retire'))).toHaveLength(0);
  });

  it('retire removes an old key once nothing uses it; the values still open', async () => {
    const [current, old] = readKeyFile(keyFile);
    expect(gk(['keys', 'rotate']).code).toBe(0); // re-seals the straggler, adds a third key
    const [newest] = readKeyFile(keyFile);
    for (const kid of [old!.kid, current!.kid]) {
      const run = gk(['keys', 'retire', kid]);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`retired key ${kid}`);
    }
    expect(readKeyFile(keyFile).map((k) => k.kid)).toEqual([newest!.kid]);
    expect(open(await sealedOf(legacyUser))).toBe('STILLOLD');
    expect(open(await sealedOf(enrolled.id))).toBe(enrolled.secret);
    expect(gk(['keys', 'list']).stdout).toContain(`${newest!.kid}\tcurrent\t3 values`);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'keys.retire'))).toHaveLength(2);
  });
});
