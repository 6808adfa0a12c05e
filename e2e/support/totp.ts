import { generate, generateSecret } from 'otplib';
import { buildRing, keyFilePath, readKeyFile } from '@/lib/auth/sealing-ring';
import { sealWith } from '@/lib/auth/secret-box';
import { E2E_DATA_DIR } from '../../playwright.config';
import { e2eSql } from './db';

// Two-factor authentication for users the specs make: staff and admin need it to use their role.
// The secret is sealed with the e2e server's own key ring (the file its `npm start` wrote), as
// enrolment in the app would leave it, so the server opens it like any other.

/** Turns TOTP on for `userId` with a fresh secret; returns the secret for making codes. */
export async function enrolTotp(userId: number): Promise<string> {
  const secret = generateSecret();
  const file = keyFilePath(E2E_DATA_DIR);
  const sealed = sealWith(buildRing(readKeyFile(file), null, file), secret);
  const sql = e2eSql();
  try {
    await sql`update users set totp_secret_enc = ${sealed}, totp_enabled = true, totp_last_step = null where id = ${userId}`;
  } finally {
    await sql.end();
  }
  return secret;
}

const PERIOD = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD);

/**
 * A code the server will accept now: each time step works once per account, so a user signing in
 * twice within 30 seconds gets the next step's code (the server accepts one step either side), and
 * waits for the clock only when both are used up.
 */
export async function nextTotpCode(username: string, secret: string): Promise<string> {
  const sql = e2eSql();
  let last: number | null;
  try {
    const [row] = await sql<
      { step: string | null }[]
    >`select totp_last_step as step from users where username = ${username}`;
    last = row?.step == null ? null : Number(row.step);
  } finally {
    await sql.end();
  }
  // A bounded poll of the clock: at most one period.
  for (let waited = 0; waited <= PERIOD + 5; waited += 1) {
    const step = Math.max(stepNow(), (last ?? -1) + 1);
    if (step <= stepNow() + 1) return generate({ secret, epoch: step * PERIOD });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`no TOTP step left for ${username} after a whole period`);
}
