import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateKey, keyFilePath, readKeyFile, writeKeyFile } from '@/lib/auth/sealing-ring';

/**
 * AUTH_SECRET when set; otherwise one generated on the first start and kept under the data dir, so
 * sessions survive restarts of the demo. A real deployment sets AUTH_SECRET itself.
 */
export async function authSecret(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'auth-secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/**
 * The sealing key ring (lib/auth/sealing-ring.ts): unless GK_SEALING_KEYS is set, the file
 * <data dir>/sealing-keys, created with one fresh key on the first start. The web server and the
 * worker read the same file (start passes them the absolute GK_DATA_DIR); `gk keys` edits it.
 */
export async function ensureSealingKeys(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return 'GK_SEALING_KEYS';
  const file = keyFilePath(dataDir);
  if (readKeyFile(file).length === 0) {
    await fs.mkdir(dataDir, { recursive: true });
    writeKeyFile(file, [generateKey()]);
  }
  return file;
}
