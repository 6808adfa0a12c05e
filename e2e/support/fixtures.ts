import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import type { Role } from '@/db/schema/enums';
import { hashPassword } from '@/lib/auth/password';
import { LoginPage } from '../pages/login-page';
import { e2eSql } from './db';
import { gk, type Scenario, setScenario } from './services';
import { enrolTotp, nextTotpCode } from './totp';

// What a spec needs, made by the spec itself: users with their addresses, custom domains the local
// protocol server serves, flags a real scan opens. Names are unique per call, so no spec sees another's
// data, depends on the order specs run in, or has anything to clean up for the next one.

export const E2E_PASSWORD = 'correct horse battery staple';

/** A name nobody else uses: `label-1a2b3c4d` (lower case, fit for a username or a domain label). */
export function uniqueTag(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}`;
}

/** A fresh registrable domain under a TLD the local RDAP bootstrap serves (gTLD: every lifecycle applies). */
export function uniqueDomain(label: string): string {
  return `${uniqueTag(label)}.com`;
}

/**
 * A client address of its own (198.18.0.0/15, reserved for tests), sent as the last X-Forwarded-For
 * hop: the e2e server trusts one proxy, so this is the client its per-client limits count. Each made
 * user signs in "from their own network" and no spec spends another's sign-in or reset budget.
 */
export function uniqueClientIp(): string {
  const [a, b, c] = randomBytes(3);
  return `198.${18 + (a! % 2)}.${b}.${(c! % 254) + 1}`;
}

export type AddressSpec =
  | string
  | { address: string; verified?: boolean; primary?: boolean; recovery?: boolean; verifiedDaysAgo?: number };

export interface MadeUser {
  id: number;
  username: string;
  name: string;
  role: Role;
  password: string;
  addresses: string[];
  /** The client address its browser sends (see uniqueClientIp). */
  ip: string;
  /** The TOTP secret when two-factor authentication is on (staff and admin by default). */
  totpSecret?: string;
}

/** Who signs in through the form: a made user, or any account with its password (and TOTP secret). */
export type SignInUser = Pick<MadeUser, 'username' | 'password' | 'ip' | 'role'> & { totpSecret?: string };

/**
 * A user with `addresses` (default: one at gmail.com), each verified two years ago unless told
 * otherwise, the first one primary. A custom domain among them is put under watch (a domain row,
 * not due before the spec scans it), as adding the address in the app would. Staff and admin are
 * enrolled in two-factor authentication (they need it to use their role) unless `twoFactor: false`;
 * `twoFactor: true` enrols a user too. signIn then types the code.
 */
export async function makeUser(
  role: Role = 'user',
  options: { addresses?: AddressSpec[]; password?: string; label?: string; twoFactor?: boolean } = {},
): Promise<MadeUser> {
  const tag = uniqueTag(options.label ?? `e2e-${role}`);
  const password = options.password ?? E2E_PASSWORD;
  const specs = (options.addresses ?? [`${tag}@gmail.com`]).map((s) => (typeof s === 'string' ? { address: s } : s));
  const sql = e2eSql();
  try {
    const name = `E2E ${tag}`;
    const [user] = await sql<{ id: string }[]>`
      insert into users (username, name, role, password_hash) values (${tag}, ${name}, ${role}, ${await hashPassword(password)})
      returning id`;
    const id = Number(user!.id);
    for (const [i, spec] of specs.entries()) {
      const address = spec.address.toLowerCase();
      const domain = address.slice(address.lastIndexOf('@') + 1);
      const verified = spec.verified ?? true;
      const days = spec.verifiedDaysAgo ?? 730;
      await sql`
        insert into emails (user_id, address, domain, is_primary, verified, verified_at, use_for_recovery)
        values (${id}, ${address}, ${domain}, ${spec.primary ?? i === 0}, ${verified},
          ${verified ? sql`now() - make_interval(days => ${days})` : null}, ${spec.recovery ?? true})`;
      await sql`
        insert into domains (name, next_check_at) select ${domain}, now() + interval '1 day'
        where not exists (select 1 from domain_lists where domain = ${domain} and list = 'trusted')
        on conflict (name) do nothing`;
    }
    const twoFactor = options.twoFactor ?? role !== 'user';
    return {
      id,
      username: tag,
      name,
      role,
      password,
      addresses: specs.map((s) => s.address.toLowerCase()),
      ip: uniqueClientIp(),
      ...(twoFactor ? { totpSecret: await enrolTotp(id) } : {}),
    };
  } finally {
    await sql.end();
  }
}

/**
 * Signs `page` in through the login form as `user`: the password, then (with two-factor
 * authentication on) the code on its own step, from `code` or else from the user's TOTP secret.
 * Lands where the app sends them: /account, /admin, or for staff and admin without a second
 * factor, two-factor enrolment.
 */
export async function signIn(
  page: Page,
  user: SignInUser,
  options: { code?: () => Promise<string>; next?: string } = {},
): Promise<Page> {
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': user.ip });
  const login = new LoginPage(page);
  await login.goto(options.next);
  await login.signIn(user.username, user.password);
  const code = options.code ?? (user.totpSecret ? () => nextTotpCode(user.username, user.totpSecret!) : undefined);
  if (code) await login.enterCode(await code());
  const landing =
    options.next ??
    (user.role === 'user' ? '/account' : user.totpSecret || options.code ? '/admin' : '/account/two-factor');
  await expect(page).toHaveURL(new RegExp(`${landing.replace(/[/?]/g, '\\$&')}$`));
  return page;
}

/** A browser context of its own, signed in as `user`: close it when done. */
export async function signedInPage(
  browser: Browser,
  user: SignInUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': user.ip } });
  const page = await signIn(await context.newPage(), user);
  return { context, page };
}

/** A scan of one domain (or all of a user's), run by the operator CLI until it is done. */
export const scanDomain = (name: string) => gk('scan', '--domain', name, '--wait');
export const scanUser = (username: string) => gk('scan', '--user', username, '--wait');

/**
 * A fresh custom domain that the local registry serves in `scenario`, in the database as a first
 * scan found it. Addresses on it come later (makeUser), or pass a name made with uniqueDomain.
 */
export async function makeCustomDomain(scenario: Scenario, options: { name?: string } = {}): Promise<string> {
  const name = options.name ?? uniqueDomain(scenario);
  await setScenario(name, scenario);
  const sql = e2eSql();
  await sql`insert into domains (name, next_check_at) values (${name}, now() + interval '1 day') on conflict (name) do nothing`;
  await sql.end();
  await scanDomain(name);
  return name;
}

export interface Flag {
  id: number;
  emailId: number;
  address: string;
  domain: string;
  userId: number;
  username: string;
  state: string;
  stage: string;
}

async function flagsOn(domain: string): Promise<Flag[]> {
  const sql = e2eSql();
  const rows = await sql<
    { id: string; email_id: string; address: string; user_id: string; username: string; state: string; stage: string }[]
  >`select f.id, f.email_id, e.address, e.user_id, u.username, f.state, f.stage from flags f
    join emails e on e.id = f.email_id join users u on u.id = e.user_id join domains d on d.id = f.domain_id
    where d.name = ${domain} and f.state in ('open', 'pending_review') order by f.id`;
  await sql.end();
  return rows.map((r) => ({
    id: Number(r.id),
    emailId: Number(r.email_id),
    address: r.address,
    domain,
    userId: Number(r.user_id),
    username: r.username,
    state: r.state,
    stage: r.stage,
  }));
}

export type LapsingScenario = Extract<Scenario, 'redemption' | 'pending_delete' | 'available' | 're_registered'>;

export interface FlaggedUser extends MadeUser {
  domain: string;
  /** The address at the lapsing domain, flagged and unverified by the scan. */
  address: string;
  /** The user's backup at a big provider, where the notices go. */
  backup: string;
  flag: Flag;
}

/**
 * A user whose address at a fresh custom domain was verified two years ago; the registry now says
 * the domain is in `scenario` and a real scan of the user's domains has flagged the address (and
 * told the owner at the backup address, as the engine does).
 */
export async function makeFlaggedUser(scenario: LapsingScenario, options: { label?: string } = {}) {
  const domain = uniqueDomain(options.label ?? scenario);
  await setScenario(domain, scenario);
  const local = uniqueTag('owner');
  const address = `${local}@${domain}`;
  const backup = `${local}.backup@gmail.com`;
  const user = await makeUser('user', { addresses: [address, backup], label: options.label ?? 'e2e-flagged' });
  await scanUser(user.username);
  const [flag] = await flagsOn(domain);
  if (flag?.state !== 'open') throw new Error(`the scan of ${domain} (${scenario}) opened no flag on ${address}`);
  return { ...user, domain, address, backup, flag } satisfies FlaggedUser;
}

/**
 * `count` flags held for review on one fresh domain in `scenario`, one user each, as a scan whose
 * blast-radius guard tripped leaves them: pending_review, the addresses still verified. A real scan
 * opens the flags; the guard's outcome is then written directly (tripping it for real takes 20+
 * addresses and a policy every other spec would share).
 */
export async function makeHeldFlags(count: number, scenario: LapsingScenario = 'redemption'): Promise<Flag[]> {
  const domain = uniqueDomain(`held-${scenario}`);
  await setScenario(domain, scenario);
  for (let i = 0; i < count; i += 1) {
    const local = uniqueTag('held');
    await makeUser('user', { addresses: [`${local}@${domain}`, `${local}.backup@gmail.com`], label: 'e2e-held' });
  }
  await scanDomain(domain);
  const flags = await flagsOn(domain);
  if (flags.length !== count) throw new Error(`the scan of ${domain} opened ${flags.length} flags, not ${count}`);
  const sql = e2eSql();
  await sql`update flags set state = 'pending_review' where id in ${sql(flags.map((f) => f.id))}`;
  await sql`update emails set verified = true, unverify_reason = null, unverified_at = null where id in ${sql(flags.map((f) => f.emailId))}`;
  await sql.end();
  return flags.map((f) => ({ ...f, state: 'pending_review' }));
}
