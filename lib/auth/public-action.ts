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
// not depend on which accounts exist. Same shape as defineAction otherwise: a name, zod → one verb
// taking `{ ctx, input }` in a transaction (it writes its own record) → ActionResult, and the
// definition attached to the function (with `public: true`) so the action registry lists it.

export interface PublicActionContext {
  tx: Tx;
  now: Date;
  /** The client's address: the peer, or what a trusted proxy reports (lib/auth/client-ip.ts). */
  clientIp: string;
}

export interface PublicActionDefinition<S extends z.ZodType, T, A = T> {
  /** `capability.verb`, unique, as for defineAction. */
  name: string;
  input: S;
  run: (args: { ctx: PublicActionContext; input: z.output<S> }) => Promise<T>;
  /**
   * What the browser receives once the verb committed, when it must not be the verb's result itself
   * (the reset request's outcome names what exists; its answer is one constant). Default: the result.
   */
  answer?: (data: T) => ActionResult<A>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every input and result type.
export type AnyPublicActionDefinition = PublicActionDefinition<z.ZodType, any, any> & { public: true };

/** A public server action as the browser calls it, with its definition attached for the registry. */
export type PublicServerAction<S extends z.ZodType, A> = ((input: z.input<S>) => Promise<ActionResult<A>>) & {
  definition: AnyPublicActionDefinition;
};

/** The steps without the request: tests call this with any client address (and clock). */
export async function runPublicAction<S extends z.ZodType, T, A = T>(
  def: PublicActionDefinition<S, T, A>,
  raw: unknown,
  db: Db,
  clientIp: string,
  now: Date = new Date(),
): Promise<ActionResult<A>> {
  let data: T;
  try {
    const input = parseInput(def.input, raw);
    data = await db.transaction((tx) => def.run({ ctx: { tx, now, clientIp }, input }));
  } catch (error) {
    return toFailure(error);
  }
  return def.answer ? def.answer(data) : { ok: true, data: data as unknown as A };
}

export function definePublicAction<S extends z.ZodType, T, A = T>(
  def: PublicActionDefinition<S, T, A>,
): PublicServerAction<S, A> {
  const action = async (raw: z.input<S>): Promise<ActionResult<A>> => {
    let clientIp: string;
    let db: Db;
    try {
      clientIp = requestClientIp(await headers(), readEnv().TRUSTED_PROXIES);
      db = getDb();
    } catch (error) {
      return toFailure(error);
    }
    return runPublicAction(def, raw, db, clientIp);
  };
  const definition = { ...def, public: true } as unknown as AnyPublicActionDefinition;
  return Object.assign(action, { definition });
}
