import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db, Tx } from '@/db/connect';
import { type ActionResult, AppError, toFailure } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { tooManyRequests } from '@/lib/rate-limit/wait-words';
import { parseInput } from './parse-input';
import { actorCan, type Permission, refusalReason } from './permissions';
import { currentActor, type UserActor } from './session';
import { assertFreshProof } from './step-up';

// The one shape of a write: permission (required) → step-up (recovery changes) → zod → rate limit →
// optional `prepare` (network work, outside the transaction) → one lib/ verb in a transaction with its
// audit row → after-commit work → revalidation. Each server action is `export const x = defineAction({…})`
// in its 'use server' file; the definition travels on the function, so the refusal tests find every
// action without a list kept by hand (test/integration/actions/registry.ts).

/** What a verb gets: who acts, the transaction, the clock, and what `prepare` found. */
export interface ActionContext<P = undefined> {
  actor: UserActor;
  tx: Tx;
  now: Date;
  prepared: P;
}

export interface ActionDefinition<S extends z.ZodType, T, P = undefined> {
  /** `capability.verb`, unique: names the action in tests, logs and the refusal matrix. */
  name: string;
  permission: Permission;
  input: S;
  /**
   * Recovery changes: the session must have proved its owner's identity (password or second factor)
   * within the last 10 minutes (lib/auth/step-up.ts), or the action is refused with `step_up_required`.
   * 'second_factor': changes to the second factor itself; an account that has one must prove it with it.
   */
  stepUp?: boolean | 'second_factor';
  /** Per person; actions naming the same `bucket` share one count (e.g. every kind of rescan). */
  rateLimit?: { limit: number; windowSeconds: number; bucket?: string };
  /** Runs after the checks and before the transaction, for network work that must not hold a connection. */
  prepare?: (args: { ctx: { actor: UserActor; db: Db; now: Date }; input: z.output<S> }) => Promise<P>;
  /** Calls one lib/ verb; it writes its audit row with `ctx.tx`, so both commit or neither. */
  run: (args: { ctx: ActionContext<P>; input: z.output<S> }) => Promise<T>;
  /** After the commit (e.g. enqueue the job for a scan row the verb created). */
  after?: (args: { ctx: { actor: UserActor; db: Db; now: Date }; data: T }) => Promise<void>;
  revalidate?: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every input and result type.
export type AnyActionDefinition = ActionDefinition<z.ZodType, any, any>;

/** A server action as the browser calls it, with its definition attached for the registry. */
export type ServerAction<S extends z.ZodType, T> = ((input: z.input<S>) => Promise<ActionResult<T>>) & {
  definition: AnyActionDefinition;
};

const COMMITTED = 'Your change was saved, but the page could not be refreshed. Reload the page to see it.';

/**
 * The steps of an action once the caller is known. No request context, so tests call it with any
 * actor (or none) and check that a refused call changed nothing. A failure before the commit changes
 * nothing; a failure after it (the after hook) says that the change was saved.
 */
export async function runAction<S extends z.ZodType, T, P = undefined>(
  def: ActionDefinition<S, T, P>,
  actor: UserActor | null,
  raw: unknown,
  db: Db,
  now: Date = new Date(),
): Promise<ActionResult<T>> {
  let data: T;
  try {
    if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
    if (!actorCan(actor, def.permission))
      throw new AppError('forbidden', refusalReason(actor, def.permission, 'Your role is not allowed to do this.'));
    if (def.stepUp) await assertFreshProof(db, actor, now, def.stepUp === 'second_factor' ? 'second_factor' : true);
    const input = parseInput(def.input, raw);
    if (def.rateLimit) {
      const hit = await hitRateLimit(
        db,
        `action:${def.rateLimit.bucket ?? def.name}:${actor.id}`,
        def.rateLimit.limit,
        def.rateLimit.windowSeconds,
        now,
      );
      if (!hit.allowed) throw new AppError('rate_limited', tooManyRequests(hit.retryAfterSeconds));
    }
    const prepared = (def.prepare ? await def.prepare({ ctx: { actor, db, now }, input }) : undefined) as P;
    data = await db.transaction((tx) => def.run({ ctx: { actor, tx, now, prepared }, input }));
  } catch (error) {
    return toFailure(error);
  }
  try {
    await def.after?.({ ctx: { actor, db, now }, data });
  } catch (error) {
    console.error(`[gravekeeper] ${def.name}: after-commit work failed`, error);
    return {
      ok: false,
      code: 'internal',
      message:
        'Your change was saved, but a follow-up step failed. Reload the page; if something is missing, try the follow-up again.',
    };
  }
  return { ok: true, data };
}

/**
 * The one way to declare a server action (export it from a 'use server' file): session → role
 * re-read from the database → the steps of runAction → revalidate.
 */
export function defineAction<S extends z.ZodType, T, P = undefined>(
  def: ActionDefinition<S, T, P>,
): ServerAction<S, T> {
  const action = async (raw: z.input<S>): Promise<ActionResult<T>> => {
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
      console.error(`[gravekeeper] ${def.name}: revalidation failed`, error);
      return { ok: false, code: 'internal', message: COMMITTED };
    }
    return result;
  };
  return Object.assign(action, { definition: def as unknown as AnyActionDefinition });
}
