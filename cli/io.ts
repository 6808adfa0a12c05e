import os from 'node:os';
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdout: Pick<Writable, 'write'>;
  stderr: Pick<Writable, 'write'>;
  stdin?: Readable;
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

/** Thrown for bad input: the dispatcher prints `gk: <message>` on one line and exits 2. */
export class UsageError extends Error {}

export function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
