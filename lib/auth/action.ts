import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { Db, Tx } from '@/db/connect';
import { getDb } from '@/db/client';
import { type ActionResult, AppError, toFailure } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { type Permission, can } from './permissions';
import { assertFreshProof } from './step-up';
import { currentActor, type UserActor } from './session';
import { parseInput } from './parse-input';

export interface ActionContext<P = undefined> {
  actor: UserActor;
  tx: Tx;
  now: Date;
  /** What `prepare` found before the transaction opened (network work: a live domain check). */
  prepared: P;
}

export interface ActionDefinition<S extends z.ZodType, T, P = undefined> {
  permission: Permission;
  input: S;
  /**
   * Recovery changes: the session must have proved its owner's identity (password or second factor)
   * within the last 10 minutes (lib/auth/step-up.ts), or the action is refused with `step_up_required`.
   */
  stepUp?: boolean;
  /** Runs after the checks and before the transaction, for network work that must not hold a connection. */
  prepare?: (ctx: { actor: UserActor; db: Db; now: Date }, input: z.output<S>) => Promise<P>;
  /** Calls one lib/ verb; it writes its audit row with `ctx.tx`, so both commit or neither. */
  run: (ctx: ActionContext<P>, input: z.output<S>) => Promise<T>;
  revalidate?: string[];
  /** Runs after the commit (e.g. enqueue the job for a scan row the verb created). */
  after?: (data: T) => Promise<void>;
  rateLimit?: { name: string; limit: number; windowSeconds: number };
}

/**
 * The steps of an action once the caller is known: role → permission → zod → rate limit → verb in a
 * transaction → post-commit hook. No request context, so tests call it with any actor (or none) and
 * check that a refused call changed nothing. A failure at any step changes nothing.
 */
export async function runAction<S extends z.ZodType, T, P = undefined>(
  def: ActionDefinition<S, T, P>,
  actor: UserActor | null,
  raw: unknown,
  db: Db,
): Promise<ActionResult<T>> {
  try {
    if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
    if (!can(actor.role, def.permission)) throw new AppError('forbidden', 'Your role is not allowed to do this.');
    const now = new Date();
    if (def.stepUp) await assertFreshProof(db, actor, now);
    const input = parseInput(def.input, raw);
    if (def.rateLimit) {
      const { name, limit, windowSeconds } = def.rateLimit;
      const hit = await hitRateLimit(db, `action:${name}:${actor.id}`, limit, windowSeconds);
      if (!hit.allowed)
        throw new AppError('rate_limited', `Too many requests. Try again in ${hit.retryAfterSeconds} seconds.`);
    }
    const prepared = (def.prepare ? await def.prepare({ actor, db, now }, input) : undefined) as P;
    const data = await db.transaction((tx) => def.run({ actor, tx, now, prepared }, input));
    await def.after?.(data);
    return { ok: true, data };
  } catch (error) {
    return toFailure(error);
  }
}

/**
 * The one way to declare a server action: session → role from the database → permission →
 * zod → verb in a transaction → revalidate. A failure at any step changes nothing.
 */
export function defineAction<S extends z.ZodType, T, P = undefined>(def: ActionDefinition<S, T, P>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    let actor: UserActor | null;
    let db: Db;
    try {
      actor = await currentActor();
      db = getDb();
    } catch (error) {
      return toFailure(error);
    }
    const result = await runAction(def, actor, raw, db);
    if (!result.ok) return result;
    try {
      for (const path of def.revalidate ?? []) revalidatePath(path);
    } catch (error) {
      return toFailure(error);
    }
    return result;
  };
}
