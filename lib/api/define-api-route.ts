import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db } from '@/db/connect';
import { type ApiCaller, apiCallerFrom, markApiTokenUsed } from '@/lib/api-tokens/authenticate';
import type { ApiScope } from '@/lib/api-tokens/schemas';
import { parseInput } from '@/lib/auth/parse-input';
import { asDatabaseError } from '@/lib/database-unavailable';
import { readEnv } from '@/lib/env';
import { AppError, HTTP_STATUS, toFailure } from '@/lib/errors';
import { TokenBuckets } from './token-bucket';

// The integration API (/api/v1) is called by a registry's own systems with a bearer token, never a
// browser session: token (one indexed lookup, revoked = unknown) → scope (required) → per-token rate
// → zod → one lib/ call. The definition travels on the handler, as on session routes, so the
// registry of entry points finds these routes and the refusal tests cover every scope.

export interface ApiRouteDefinition<S extends z.ZodType, T> {
  /** `api.<what>`, unique: names the route in tests and the OpenAPI description. */
  name: string;
  scope: ApiScope;
  /** Where the input comes from: the query string (default) or a JSON body. */
  from?: 'query' | 'json';
  /** Validates the query string or the JSON body. */
  input: S;
  run: (args: { ctx: { caller: ApiCaller; db: Db; now: Date }; input: z.output<S> }) => Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every input and result type.
export type AnyApiRouteDefinition = ApiRouteDefinition<z.ZodType, any>;
export type ApiRouteHandler = ((request: Request) => Promise<Response>) & { definition: AnyApiRouteDefinition };

const NO_STORE = { 'cache-control': 'no-store' };
let buckets: TokenBuckets | null = null;

function failure(error: unknown): Response {
  const body = toFailure(asDatabaseError(error));
  const headers: Record<string, string> = { ...NO_STORE };
  if (body.code === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="gravekeeper"';
  if (error instanceof AppError && error.code === 'rate_limited' && error.fields?.retryAfter)
    headers['retry-after'] = error.fields.retryAfter;
  return Response.json(body, { status: HTTP_STATUS[body.code], headers });
}

/**
 * The steps of an API call once its pieces are read (tests call it without a request): 401 without
 * a valid token, 403 for a token without the scope, 429 past the token's rate, 400 bad input, 404
 * what the call did not find.
 */
export async function runApiRoute<S extends z.ZodType, T>(
  def: ApiRouteDefinition<S, T>,
  authorization: string | null,
  raw: unknown | (() => Promise<unknown>),
  db: Db,
  now: Date = new Date(),
): Promise<Response> {
  try {
    const caller = await apiCallerFrom(db, authorization);
    if (!caller)
      throw new AppError(
        'unauthenticated',
        'Send a valid API token: "Authorization: Bearer gk_…". An admin creates one at /admin/settings/api.',
      );
    if (!caller.scopes.includes(def.scope))
      throw new AppError('forbidden', `This token does not have the ${def.scope} scope.`);
    buckets ??= new TokenBuckets(readEnv().GK_API_RATE_PER_SECOND);
    const wait = buckets.take(caller.tokenId, now.getTime());
    if (wait !== null)
      throw new AppError('rate_limited', `Too many calls with this token. Try again in ${wait} s.`, {
        retryAfter: String(wait),
      });
    // A body is read only for a caller allowed to send it.
    const input = parseInput(def.input, typeof raw === 'function' ? await raw() : raw);
    await markApiTokenUsed(db, caller, now);
    const data = await def.run({ ctx: { caller, db, now }, input });
    // A route that answers in another format than JSON (the Prometheus text at /metrics) builds its Response.
    if (data instanceof Response) return data;
    return Response.json(data, { headers: NO_STORE });
  } catch (error) {
    return failure(error);
  }
}

/** Most a JSON body may hold: a sync batch of 10,000 accounts is a few megabytes. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The request's JSON body, or a 400 in words. */
async function jsonBody(request: Request): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json'))
    throw new AppError('invalid_input', 'Send the body as JSON, with Content-Type: application/json.');
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError(
      'invalid_input',
      `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send smaller batches.`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.');
  }
}

/** `export const GET = defineApiRoute({…})` (query string) or `export const POST = defineApiRoute({ from: 'json', … })`. */
export function defineApiRoute<S extends z.ZodType, T>(def: ApiRouteDefinition<S, T>): ApiRouteHandler {
  const handler = async (request: Request): Promise<Response> =>
    runApiRoute(
      def,
      request.headers.get('authorization'),
      def.from === 'json' ? () => jsonBody(request) : new URL(request.url).searchParams,
      getDb(),
    );
  return Object.assign(handler, { definition: def as unknown as AnyApiRouteDefinition });
}
