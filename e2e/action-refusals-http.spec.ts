import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { can, type Permission } from '@/lib/auth/permissions';
import { E2E_PORT } from '../playwright.config';
import { type RoleName, storageState } from './roles';
import { e2eSql } from './support/db';

// Every server action in the build, called over HTTP the way an attacker can (the action ids are
// public: they ship in the page's JavaScript), anonymously and with the session of each role that
// lacks its permission: the action itself must answer with a typed refusal (the proxy lets action
// POSTs through, proxy.ts) and nothing may change. The list comes from the build's own manifest
// (.next/server/server-reference-manifest.json), so a new action is in this matrix without an edit;
// each action's permission is read from its declaration (`export const x = defineAction({ name,
// permission, … })`), so an action declared any other way fails here as it does in
// test/integration/actions/refusals.test.ts.

const ROOT = path.resolve(import.meta.dirname, '..');
const MANIFEST = path.join(ROOT, '.next/server/server-reference-manifest.json');

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

interface BuiltAction {
  id: string;
  where: string;
  /** A page whose bundle holds the action: its id is only resolved there. */
  url: string;
  declared: { name: string; permission?: Permission; public: boolean } | null;
}

/** app/(admin)/admin/users/[id]/page → /admin/users/1 (route groups dropped, dynamic segments filled). */
function pageUrl(worker: string): string {
  const segments = worker
    .replace(/^app\//, '')
    .replace(/\/?page$/, '')
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? (s === '[domain]' ? 'example.com' : '1') : s));
  return `/${segments.join('/')}`;
}

/**
 * The declaration of `exportName` in `file`: its name and permission (defineAction), or its name and
 * `public` (definePublicAction, or a definition marked `public: true`); null when it is hand-rolled.
 */
function declaration(file: string, exportName: string): BuiltAction['declared'] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = source.search(new RegExp(`export const ${exportName}\\s*=`));
  if (start < 0) return null;
  const rest = source.slice(start + 1);
  const end = rest.search(/\nexport /);
  const body = end < 0 ? rest : rest.slice(0, end);
  const name = /\bname:\s*'([\w.]+)'/.exec(body)?.[1];
  const permission = /\bpermission:\s*'([\w.]+)'/.exec(body)?.[1] as Permission | undefined;
  const head = /=\s*(\w+)\(/.exec(body)?.[1];
  if (!name) return null;
  if (head === 'definePublicAction' || /\bpublic:\s*true\b/.test(body)) return { name, public: true };
  if (head === 'defineAction' && permission) return { name, permission, public: false };
  return null;
}

function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers).sort();
    const page = workers.find((w) => !w.includes('[')) ?? workers[0] ?? '';
    const where = `${entry.filename ?? '?'} ${entry.exportedName ?? '?'}`;
    const declared = entry.filename && entry.exportedName ? declaration(entry.filename, entry.exportedName) : null;
    return { id, where, url: pageUrl(page), declared };
  });
}

async function client(role: RoleName | null): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: `http://localhost:${E2E_PORT}`,
    storageState: role ? storageState(role) : { cookies: [], origins: [] },
  });
}

/** POSTs to the action as the browser's client does; returns the status and the RSC payload. */
async function callAction(ctx: APIRequestContext, action: BuiltAction, input: unknown = {}) {
  const response = await ctx.post(action.url, {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

/** What the actions write, per table (only what no background job touches: the worker is running). */
async function writeState(): Promise<Record<string, string>> {
  const sql = e2eSql();
  try {
    const queries: Record<string, string> = {
      users: 'select u::text as r from users u',
      emails: "select concat_ws(',', id, user_id, address, is_primary, use_for_recovery) as r from emails",
      tokens: "select concat_ws(',', id, purpose, used_at) as r from tokens",
      step_ups: 'select s::text as r from step_ups s',
      overrides: 'select o::text as r from overrides o',
      settings: 'select s::text as r from settings s',
      domain_lists: 'select d::text as r from domain_lists d',
      api_tokens: 'select t::text as r from api_tokens t',
      webhook_endpoints: 'select w::text as r from webhook_endpoints w',
      audit_log: "select id::text as r from audit_log where actor_type = 'user'",
      scans: "select concat_ws(',', id, state) as r from scans where requested_by is not null",
      notifications:
        "select id::text as r from notifications where kind in ('staff_notice', 'verify_address', 'account_change')",
      rate_limits: "select concat_ws(',', key, count) as r from rate_limits where key like 'action:%'",
    };
    const out: Record<string, string> = {};
    for (const [table, query] of Object.entries(queries)) {
      const [row] = await sql.unsafe<{ h: string }[]>(
        `select md5(coalesce(string_agg(r, ';' order by r), '')) as h from (${query}) q`,
      );
      out[table] = row!.h;
    }
    return out;
  } finally {
    await sql.end();
  }
}

function expectRefused(result: { status: number; text: string }, code: string, what: string) {
  expect.soft(result.status, `${what}: HTTP status`).toBe(200);
  expect.soft(result.text, `${what}: a typed refusal`).toContain('"ok":false');
  expect.soft(result.text, `${what}: the code`).toContain(`"code":"${code}"`);
  expect.soft(result.text, `${what}: not done`).not.toContain('"ok":true');
}

test('every action in the build is declared with its permission', () => {
  const actions = builtActions();
  expect(actions.length, 'actions in the manifest').toBeGreaterThan(10);
  const undeclared = actions.filter((a) => !a.declared).map((a) => a.where);
  expect(undeclared, 'actions not declared with defineAction or definePublicAction').toEqual([]);
});

for (const caller of [null, 'user', 'staff'] as const) {
  test(`every action refuses ${caller ?? 'an anonymous caller'} without its permission, over HTTP`, async () => {
    const actions = builtActions().filter((a) => a.declared && !a.declared.public);
    const refusing = actions.filter((a) => caller === null || !can(caller, a.declared!.permission!));
    expect(refusing.length, 'actions to refuse this caller').toBeGreaterThan(0);
    const ctx = await client(caller);
    try {
      const before = await writeState();
      for (const action of refusing)
        await test.step(`${action.declared!.name} (${action.where})`, async () => {
          const result = await callAction(ctx, action);
          expectRefused(result, caller ? 'forbidden' : 'unauthenticated', action.declared!.name);
        });
      expect(await writeState()).toEqual(before);
    } finally {
      await ctx.dispose();
    }
  });
}

// The control: a role with the permission gets through the same path, so the refusals above are the
// actions' own answers and not a wall in front of every action call.
test('a permitted call over the same path is not refused', async () => {
  const markRead = builtActions().find((a) => a.declared?.name === 'notification.mark_read');
  expect(markRead, 'the mark-read action is in the build').toBeDefined();
  const ctx = await client('user');
  try {
    const result = await callAction(ctx, markRead!);
    expect(result.status).toBe(200);
    expect(result.text).toContain('"ok":true');
  } finally {
    await ctx.dispose();
  }
});
