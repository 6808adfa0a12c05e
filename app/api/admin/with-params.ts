import type { RouteHandler } from '@/lib/auth/route';

// defineRoute reads its input from the query string; a dynamic segment ([id], [domain]) is copied
// there first, so one zod schema validates the path and the query alike. The wrapper keeps the
// route's definition, so the registry finds these routes too.
export function withParams<P extends Record<string, string>>(handler: RouteHandler) {
  const wrapped = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(await context.params)) url.searchParams.set(key, value);
    return handler(new Request(url, { headers: request.headers, method: request.method }));
  };
  return Object.assign(wrapped, { definition: handler.definition });
}
