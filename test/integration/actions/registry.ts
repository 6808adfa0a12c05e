import fs from 'node:fs';
import path from 'node:path';
import type { AnyActionDefinition } from '@/lib/auth/action';
import { API_SCOPES } from '@/db/schema/enums';
import type { ApiScope } from '@/lib/api-tokens/schemas';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/errors';

// Every way into the app that writes or reads on someone's behalf, found on the file system rather
// than listed by hand: each 'use server' module (its first statement is the directive) and each
// route handler under app/ (app/api and /metrics). Every export of a 'use server' module, and every HTTP method a route
// module exports, must carry `.definition` (defineAction, definePublicAction, defineRoute): one that
// does not is a hand-rolled entry point, and the registry reports it as a problem, which fails the
// refusal tests. Import this after vi.mock('@/lib/auth/session') (next-auth cannot load outside Next).

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE_ROOTS = ['app', 'components', 'lib', 'core'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface RegisteredAction {
  /** Path from the repository root, e.g. app/(admin)/admin/scans/actions.ts. */
  file: string;
  exportName: string;
  /** The export itself: the server action the browser calls. */
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  definition: AnyActionDefinition;
}

/** An entry point open to anonymous visitors (a server action, or a route's HTTP method). */
export interface RegisteredPublic {
  file: string;
  /** The export's name; for a route, its HTTP method. */
  exportName: string;
  name: string;
}

export interface RegisteredRoute {
  file: string;
  method: string;
  /** The URL path the route serves, with its dynamic segments as [name]. */
  urlPath: string;
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  definition: { name: string; permission: Permission };
}

/** A route of the integration API (/api/v1): a bearer token with `scope`, never a session. */
export interface RegisteredApiRoute {
  file: string;
  method: string;
  urlPath: string;
  handler: (request: Request) => Promise<Response>;
  definition: { name: string; scope: ApiScope };
}

export interface Registry {
  actions: RegisteredAction[];
  publicActions: RegisteredPublic[];
  routes: RegisteredRoute[];
  apiRoutes: RegisteredApiRoute[];
  publicRoutes: RegisteredPublic[];
  /** Each entry point that breaks the contract, in words: the registry test fails while any is left. */
  problems: string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(full));
    } else if (/\.(ts|tsx|js|jsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** True when the file's first statement (after comments) is the 'use server' directive. */
export function isUseServerModule(source: string): boolean {
  const code = source.replace(/^\uFEFF/, '').replace(/^(\s+|\/\/[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '');
  return /^(['"])use server\1/.test(code);
}

/** app/api/admin/users/[id]/route.ts → /api/admin/users/[id] (route groups dropped). */
export function routeUrlPath(file: string): string {
  const segments = path
    .dirname(file)
    .split('/')
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

const isPermission = (value: unknown): value is Permission => PERMISSIONS.includes(value as Permission);

function describeValue(value: unknown): string {
  return typeof value === 'function' ? 'a function' : typeof value;
}

async function importModule(file: string, problems: string[]): Promise<Record<string, unknown> | null> {
  try {
    return (await import(path.join(ROOT, file))) as Record<string, unknown>;
  } catch (error) {
    problems.push(`${file}: could not be imported (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

async function collectServerModule(file: string, registry: Registry, names: Map<string, string>) {
  const mod = await importModule(file, registry.problems);
  if (!mod) return;
  for (const [exportName, value] of Object.entries(mod)) {
    const where = `${file} ${exportName}`;
    const definition = (value as { definition?: Record<string, unknown> } | null)?.definition;
    if (typeof value !== 'function' || !definition) {
      registry.problems.push(
        `${where}: ${describeValue(value)} without .definition; declare it with defineAction (or definePublicAction)`,
      );
      continue;
    }
    const name = definition.name;
    if (typeof name !== 'string' || !name) {
      registry.problems.push(`${where}: its definition has no name`);
      continue;
    }
    claimName(name, where, names, registry.problems);
    if (definition.public === true) {
      registry.publicActions.push({ file, exportName, name });
    } else if (!isPermission(definition.permission)) {
      registry.problems.push(`${where}: '${name}' names no known permission (${String(definition.permission)})`);
    } else {
      registry.actions.push({
        file,
        exportName,
        action: value as RegisteredAction['action'],
        definition: definition as unknown as AnyActionDefinition,
      });
    }
  }
}

async function collectRouteModule(file: string, registry: Registry, names: Map<string, string>) {
  const mod = await importModule(file, registry.problems);
  if (!mod) return;
  for (const method of HTTP_METHODS) {
    const value = mod[method];
    if (value === undefined) continue;
    const where = `${file} ${method}`;
    const definition = (value as { definition?: Record<string, unknown> } | null)?.definition;
    if (typeof value !== 'function' || !definition || typeof definition.name !== 'string') {
      registry.problems.push(
        `${where}: a route handler without .definition; declare it with defineRoute (or defineApiRoute)`,
      );
      continue;
    }
    claimName(definition.name, where, names, registry.problems);
    if (definition.public === true) {
      registry.publicRoutes.push({ file, exportName: method, name: definition.name });
      continue;
    }
    if (definition.scope !== undefined) {
      if (!API_SCOPES.includes(definition.scope as ApiScope))
        registry.problems.push(`${where}: '${definition.name}' names no known API scope`);
      else
        registry.apiRoutes.push({
          file,
          method,
          urlPath: routeUrlPath(file),
          handler: value as RegisteredApiRoute['handler'],
          definition: { name: definition.name, scope: definition.scope as ApiScope },
        });
      continue;
    }
    if (!isPermission(definition.permission)) {
      registry.problems.push(`${where}: '${definition.name}' names no known permission`);
      continue;
    }
    registry.routes.push({
      file,
      method,
      urlPath: routeUrlPath(file),
      handler: value as RegisteredRoute['handler'],
      definition: { name: definition.name, permission: definition.permission },
    });
  }
}

function claimName(name: string, where: string, names: Map<string, string>, problems: string[]) {
  const first = names.get(name);
  if (first) problems.push(`${where}: the name '${name}' is already taken by ${first}`);
  else names.set(name, where);
}

/** Finds, imports and checks every action and route handler. */
export async function loadRegistry(): Promise<Registry> {
  const registry: Registry = {
    actions: [],
    publicActions: [],
    routes: [],
    apiRoutes: [],
    publicRoutes: [],
    problems: [],
  };
  const names = new Map<string, string>();
  const files = SOURCE_ROOTS.flatMap((root) => walk(path.join(ROOT, root)))
    .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    if (isUseServerModule(fs.readFileSync(path.join(ROOT, file), 'utf8')))
      await collectServerModule(file, registry, names);
    else if (/^app\/(.*\/)?route\.(ts|js)$/.test(file)) await collectRouteModule(file, registry, names);
  }
  return registry;
}
