import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db } from '@/db/connect';
import { asDatabaseError } from '@/lib/database-unavailable';
import { AppError, HTTP_STATUS, toFailure } from '@/lib/errors';
import { parseInput } from './parse-input';
import { actorCan, type Permission, refusalReason } from './permissions';
import { currentActor, type UserActor } from './session';

// Read-only route handlers (the JSON behind client polling): session → role re-read from the database
// → permission (required) → zod → one lib/ read. The definition travels on the handler, as it does on
// a server action, so a registry can list every route with its permission.

export interface RouteDefinition<S extends z.ZodType, T> {
  /** `capability.read`, unique: names the route in tests and the refusal matrix. */
  name: string;
  permission: Permission;
  /** Validates the query string (with the path's dynamic segments copied in, see app/api/admin/with-params.ts). */
  query: S;
  run: (args: { ctx: { actor: UserActor; db: Db }; input: z.output<S> }) => Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every input and result type.
export type AnyRouteDefinition = RouteDefinition<z.ZodType, any>;

export type RouteHandler = ((request: Request) => Promise<Response>) & { definition: AnyRouteDefinition };

/**
 * The steps of a route once the caller is known, without a request (tests call it with any actor or
 * none): 401 anonymous, 403 a role without the permission, 400 bad input, 404 what the read did not find.
 */
export async function runRoute<S extends z.ZodType, T>(
  def: RouteDefinition<S, T>,
  actor: UserActor | null,
  raw: URLSearchParams | Record<string, string>,
  db: Db | (() => Db),
): Promise<Response> {
  try {
    if (!actor) throw new AppError('unauthenticated', 'Sign in first.');
    if (!actorCan(actor, def.permission))
      throw new AppError('forbidden', refusalReason(actor, def.permission, 'Your role is not allowed to read this.'));
    const input = parseInput(def.query, raw instanceof URLSearchParams ? raw : new URLSearchParams(raw));
    // The pool is opened only for a caller allowed to read: a refusal needs no database.
    const data = await def.run({ ctx: { actor, db: typeof db === 'function' ? db() : db }, input });
    return Response.json(data, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    // A database that does not answer is a 503 in words, not a 500.
    const failure = toFailure(asDatabaseError(error));
    return Response.json(failure, { status: HTTP_STATUS[failure.code], headers: { 'cache-control': 'no-store' } });
  }
}

/** The one way to declare a route handler: `export const GET = defineRoute({…})`. */
export function defineRoute<S extends z.ZodType, T>(def: RouteDefinition<S, T>): RouteHandler {
  const handler = async (request: Request): Promise<Response> => {
    let actor: UserActor | null;
    try {
      actor = await currentActor();
    } catch (error) {
      const failure = toFailure(error);
      return Response.json(failure, { status: HTTP_STATUS[failure.code] });
    }
    return runRoute(def, actor, new URL(request.url).searchParams, getDb);
  };
  return Object.assign(handler, { definition: def as unknown as AnyRouteDefinition });
}
