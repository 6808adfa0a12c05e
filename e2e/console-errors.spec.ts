import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ConsoleWatch } from './support/console-errors';
import { e2eSql } from './support/db';
import { makeCustomDomain, makeUser, type MadeUser, signIn, uniqueDomain } from './support/fixtures';

// Every page, opened by every role, renders without a console error or an uncaught page error: no
// hydration mismatch (React #418 hit every domain page when the server and the browser printed a date
// or an SVG title differently), no failed request. Pages a role may not open answer 403 and are checked
// the same way. A page added to app/ without a visit here fails the first test.

type Who = 'admin' | 'staff' | 'user' | 'anonymous';

interface Data {
  userId: number;
  domain: string;
  scanId: number;
  /** A look-alike candidate (a domain row with its candidate row). */
  lookalike: string;
}

/** Each route of app/ (as its file names it) and the URL that opens it, with the status per role. */
const PAGES: { route: string; path: (d: Data) => string; status: Partial<Record<Who, number>> }[] = [
  { route: '/', path: () => '/', status: { admin: 200, staff: 200, user: 200, anonymous: 200 } },
  { route: '/login', path: () => '/login', status: { anonymous: 200 } },
  { route: '/reset-password', path: () => '/reset-password', status: { anonymous: 200 } },
  {
    route: '/reset-password/[token]',
    path: () => '/reset-password/not-a-live-token',
    status: { anonymous: 200 },
  },
  { route: '/account', path: () => '/account', status: { admin: 200, staff: 200, user: 200 } },
  { route: '/account/two-factor', path: () => '/account/two-factor', status: { admin: 200, staff: 200, user: 200 } },
  {
    route: '/account/verify/[token]',
    path: () => '/account/verify/not-a-live-token',
    status: { admin: 200, staff: 200, user: 200 },
  },
  { route: '/admin', path: () => '/admin', status: { admin: 200, staff: 200, user: 403 } },
  { route: '/admin/flags', path: () => '/admin/flags', status: { admin: 200, staff: 200, user: 403 } },
  { route: '/admin/domains', path: () => '/admin/domains', status: { admin: 200, staff: 200, user: 403 } },
  {
    route: '/admin/domains/[domain]',
    path: (d) => `/admin/domains/${d.domain}`,
    status: { admin: 200, staff: 200, user: 403 },
  },
  { route: '/admin/lookalikes', path: () => '/admin/lookalikes', status: { admin: 200, staff: 200, user: 403 } },
  {
    route: '/admin/lookalikes/[domain]',
    path: (d) => `/admin/lookalikes/${d.lookalike}`,
    status: { admin: 200, staff: 200, user: 403 },
  },
  { route: '/admin/scans', path: () => '/admin/scans', status: { admin: 200, staff: 200, user: 403 } },
  {
    route: '/admin/scans/[id]',
    path: (d) => `/admin/scans/${d.scanId}`,
    status: { admin: 200, staff: 200, user: 403 },
  },
  { route: '/admin/users', path: () => '/admin/users', status: { admin: 200, staff: 200, user: 403 } },
  {
    route: '/admin/users/[id]',
    path: (d) => `/admin/users/${d.userId}`,
    status: { admin: 200, staff: 200, user: 403 },
  },
  { route: '/admin/audit', path: () => '/admin/audit', status: { admin: 200, staff: 200, user: 403 } },
  { route: '/admin/outbox', path: () => '/admin/outbox', status: { admin: 200, staff: 200, user: 403 } },
  { route: '/admin/settings', path: () => '/admin/settings', status: { admin: 200, staff: 403, user: 403 } },
  {
    route: '/admin/settings/api',
    path: () => '/admin/settings/api',
    status: { admin: 200, staff: 403, user: 403 },
  },
  {
    route: '/admin/settings/lookalikes',
    path: () => '/admin/settings/lookalikes',
    status: { admin: 200, staff: 403, user: 403 },
  },
  {
    route: '/admin/settings/webhooks',
    path: () => '/admin/settings/webhooks',
    status: { admin: 200, staff: 403, user: 403 },
  },
  { route: '/admin/[...missing]', path: () => '/admin/no-such-page', status: { admin: 404, staff: 404, user: 403 } },
];

/** The routes of app/: each page.tsx's folder, without route groups. */
function appRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string, route: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const group = /^\(.*\)$/.test(entry.name);
        walk(path.join(dir, entry.name), group ? route : [...route, entry.name]);
      } else if (entry.name === 'page.tsx') routes.push(`/${route.join('/')}`);
    }
  };
  walk('app', []);
  return routes.sort();
}

test('every page of app/ is visited below', () => {
  expect(appRoutes()).toEqual(PAGES.map((p) => p.route).sort());
});

let data: Data;
test.beforeAll(async () => {
  // A user to open, a domain a real scan has seen lapse (a timeline with bands, markers and dates) and
  // that scan: made here, so the visits do not depend on another spec's data.
  const [domain, user] = await Promise.all([makeCustomDomain('redemption'), makeUser('user')]);
  const sql = e2eSql();
  try {
    const [scan] = await sql<{ id: string }[]>`
      select id from scans where target = ${domain} order by id desc limit 1`;
    const lookalike = uniqueDomain('look-alike');
    await sql`
      with d as (insert into domains (name) values (${lookalike}) returning id)
      insert into lookalike_candidates (domain_id, unicode, first_seen_at) select id, ${lookalike}, now() from d`;
    data = { userId: user.id, domain, scanId: Number(scan!.id), lookalike };
  } finally {
    await sql.end();
  }
});

for (const who of ['admin', 'staff', 'user', 'anonymous'] as const) {
  test(`${who}: every page renders without a console or page error`, async ({ page }) => {
    test.setTimeout(180_000);
    if (who !== 'anonymous') {
      const me: MadeUser = await makeUser(who);
      await signIn(page, me);
    }
    const watch = new ConsoleWatch(page);
    for (const p of PAGES) {
      const status = p.status[who];
      if (status !== undefined) await watch.visit(p.path(data), status);
    }
  });
}
