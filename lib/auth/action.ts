import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { Tx } from '@/db/connect';
import { getDb } from '@/db/client';
import { type ActionResult, AppError, toFailure } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit/hit';
import { type Permission, can } from './permissions';
import { currentActor, type UserActor } from './session';
import { parseInput } from './parse-input';

export interface ActionContext {
  actor: UserActor;
  tx: Tx;
}

interface ActionDefinition<S extends z.ZodType, T> {
  permission: Permission;
  input: S;
  /** Calls one lib/ verb; it writes its audit row with `ctx.tx`, so both commit or neither. */
  run: (ctx: ActionContext, input: z.output<S>) => Promise<T>;
  revalidate?: string[];
  /** Runs after the commit (e.g. enqueue the job for a scan row the verb created). */
  after?: (data: T) => Promise<void>;
  rateLimit?: { name: string; limit: number; windowSeconds: number };
}

/**
 * The one way to declare a server action: session → role from the database → permission →
 * zod → verb in a transaction → revalidate. A failure at any step changes nothing.
 */
export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const actor = await currentActor();
      if (!actor) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
      if (!can(actor.role, def.permission)) throw new AppError('forbidden', 'Your role is not allowed to do this.');
      const input = parseInput(def.input, raw);
      const db = getDb();
      if (def.rateLimit) {
        const { name, limit, windowSeconds } = def.rateLimit;
        const hit = await hitRateLimit(db, `action:${name}:${actor.id}`, limit, windowSeconds);
        if (!hit.allowed)
          throw new AppError('rate_limited', `Too many requests. Try again in ${hit.retryAfterSeconds} seconds.`);
      }
      const data = await db.transaction((tx) => def.run({ actor, tx }, input));
      await def.after?.(data);
      for (const path of def.revalidate ?? []) revalidatePath(path);
      return { ok: true, data };
    } catch (error) {
      return toFailure(error);
    }
  };
}
