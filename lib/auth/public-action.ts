import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db, Tx } from '@/db/connect';
import { readEnv } from '@/lib/env';
import { type ActionResult, toFailure } from '@/lib/errors';
import { parseInput } from './parse-input';
import { requestClientIp } from './request-ip';

// Actions an anonymous visitor may call (asking for and completing a password reset). They have no
// session to check, so each verb protects itself: rate limits, single-use tokens, answers that do
// not depend on which accounts exist. Same shape as defineAction otherwise: zod → verb in a
// transaction (it writes its own record) → ActionResult.

export interface PublicActionContext {
  tx: Tx;
  /** The client's address: the peer, or what a trusted proxy reports (lib/auth/client-ip.ts). */
  clientIp: string;
}

export interface PublicActionDefinition<S extends z.ZodType, T> {
  input: S;
  run: (ctx: PublicActionContext, input: z.output<S>) => Promise<T>;
}

/** The steps without the request: tests call this with any client address. */
export async function runPublicAction<S extends z.ZodType, T>(
  def: PublicActionDefinition<S, T>,
  raw: unknown,
  db: Db,
  clientIp: string,
): Promise<ActionResult<T>> {
  try {
    const input = parseInput(def.input, raw);
    const data = await db.transaction((tx) => def.run({ tx, clientIp }, input));
    return { ok: true, data };
  } catch (error) {
    return toFailure(error);
  }
}

export function definePublicAction<S extends z.ZodType, T>(def: PublicActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const clientIp = requestClientIp(await headers(), readEnv().TRUSTED_PROXIES);
    return runPublicAction(def, raw, getDb(), clientIp);
  };
}
