import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db } from '@/db/connect';
import { AppError, HTTP_STATUS, toFailure } from '@/lib/errors';
import { type Permission, can } from './permissions';
import { currentActor, type UserActor } from './session';
import { parseInput } from './parse-input';

/** Read-only route handlers (the JSON behind client polling): session → role → permission → zod → lib/ read. */
export function defineRoute<S extends z.ZodType, T>(def: {
  permission: Permission;
  query: S;
  run: (ctx: { actor: UserActor; db: Db }, input: z.output<S>) => Promise<T>;
}) {
  return async (request: Request): Promise<Response> => {
    try {
      const actor = await currentActor();
      if (!actor) throw new AppError('unauthenticated', 'Sign in first.');
      if (!can(actor.role, def.permission)) throw new AppError('forbidden', 'Your role is not allowed to read this.');
      const input = parseInput(def.query, new URL(request.url).searchParams);
      const data = await def.run({ actor, db: getDb() }, input);
      return Response.json(data, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      const failure = toFailure(error);
      return Response.json(failure, { status: HTTP_STATUS[failure.code] });
    }
  };
}
