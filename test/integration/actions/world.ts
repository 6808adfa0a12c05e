import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import {
  apiTokens,
  domains,
  lookalikeCandidates,
  lookalikeNames,
  lookalikeSources,
  notifications,
  passkeys,
  scans,
  webhookDeliveries,
  webhookEndpoints,
} from '@/db/schema';
import { seal } from '@/lib/auth/secret-box';
import { newApiToken } from '@/lib/api-tokens/secret';
import { ROLES, type Role } from '@/db/schema/enums';
import type { UserActor } from '@/lib/auth/session';
import { makeAddress, makeUser, signedIn, unique } from '../account/fixtures';
import { makeDomain, makeFlag } from '../dashboard/fixtures';

// A small world in which every action has something real to act on: a signed-in user of every role
// (each signed in just now, so a step-up check would pass and only the permission can refuse), the
// user's addresses in every state, a flagged address held for review and one open on a
// re-registered domain, a watched domain, a running scan, an unread notification and an API token.

export interface World {
  actors: Record<Role, UserActor>;
  /** The `user` actor's addresses. */
  addresses: { primary: number; second: number; unverified: number };
  /** A flag held for review and an open one, both on `domain`, owned by `flagged.userId`. */
  flagged: { heldFlagId: number; openFlagId: number; userId: number; username: string };
  domain: string;
  scanId: number;
  /** An integration API token in force (settings: revoke). */
  apiTokenId: number;
  /** A webhook endpoint in force and a failed delivery to it (settings: remove, replay). */
  webhookId: number;
  failedDeliveryId: number;
  /** A watched name and one of its look-alike candidates, registered and not yet reviewed. */
  lookalike: { nameId: number; domain: string };
  /** A passkey of the `user` actor (remove). */
  passkeyId: number;
}

export async function buildWorld(db: Db): Promise<World> {
  const actors = {} as Record<Role, UserActor>;
  for (const role of ROLES) actors[role] = await signedIn(db, await makeUser(db, role));
  const owner = actors.user.id;
  const primary = await makeAddress(db, owner, `${unique('p')}@gmail.com`, { primary: true });
  const second = await makeAddress(db, owner, `${unique('s')}@gmail.com`);
  const unverified = await makeAddress(db, owner, `${unique('v')}@gmail.com`, { verified: false });
  await db.insert(notifications).values({
    userId: owner,
    channel: 'in_app',
    kind: 'staff_notice',
    state: 'sent',
    dedupeKey: unique('notice'),
    payload: { text: 'A notice from staff.' },
  });

  const domain = await makeDomain(db, 're_registered', `${unique('w')}.dev`);
  const flaggedUser = await makeUser(db, 'user');
  const held = await makeFlag(db, { state: 'pending_review', domain, stage: 're_registered', userId: flaggedUser.id });
  const open = await makeFlag(db, { state: 'open', domain, stage: 're_registered', userId: flaggedUser.id });
  const [scan] = await db
    .insert(scans)
    .values({ kind: 'domain', trigger: 'dashboard', target: domain.name, state: 'running' })
    .returning();
  const secret = newApiToken();
  const [apiToken] = await db
    .insert(apiTokens)
    .values({ name: unique('registry'), scopes: ['eligibility'], tokenHash: secret.hash, prefix: secret.prefix })
    .returning({ id: apiTokens.id });

  const [hook] = await db
    .insert(webhookEndpoints)
    .values({ url: 'https://hooks.registry.example/gk', events: ['flag.resolved'], secretEnc: seal('whsec_world') })
    .returning({ id: webhookEndpoints.id });
  const [failed] = await db
    .insert(webhookDeliveries)
    .values({ endpointId: hook!.id, event: 'flag.resolved', payload: {}, state: 'failed', attempts: 8 })
    .returning({ id: webhookDeliveries.id });

  const [passkey] = await db
    .insert(passkeys)
    .values({
      userId: owner,
      credentialId: unique('cred'),
      publicKey: new Uint8Array([1, 2, 3]),
      deviceType: 'singleDevice',
      backedUp: false,
      aaguid: '00000000-0000-0000-0000-000000000000',
      name: 'World key',
    })
    .returning({ id: passkeys.id });
  // Each actor's sign-in passed its second factor too, so even changes to the factor itself (which
  // want that kind of proof) are refused only for the permission.
  await db.execute(
    sql`update step_ups set method = 'sign_in_second_factor' where user_id in ${sql.raw(
      `(${Object.values(actors)
        .map((a) => a.id)
        .join(',')})`,
    )}`,
  );

  const [watched] = await db
    .insert(lookalikeNames)
    .values({ name: `${unique('brand')}.org`, kind: 'domain', tlds: ['com'] })
    .returning({ id: lookalikeNames.id });
  const [lookalike] = await db
    .insert(domains)
    .values({ name: `${unique('lk')}.org`, stage: 'active' })
    .returning({ id: domains.id, name: domains.name });
  await db.insert(lookalikeCandidates).values({ domainId: lookalike!.id, unicode: lookalike!.name, registered: true });
  await db.insert(lookalikeSources).values({ nameId: watched!.id, domainId: lookalike!.id, families: ['omission'] });

  return {
    actors,
    addresses: { primary: primary.id, second: second.id, unverified: unverified.id },
    flagged: {
      heldFlagId: held.flag.id,
      openFlagId: open.flag.id,
      userId: flaggedUser.id,
      username: flaggedUser.username,
    },
    domain: domain.name,
    scanId: scan!.id,
    apiTokenId: apiToken!.id,
    webhookId: hook!.id,
    failedDeliveryId: failed!.id,
    lookalike: { nameId: watched!.id, domain: lookalike!.name },
    passkeyId: passkey!.id,
  };
}

/**
 * Every row of every table in the database (listed from information_schema, so a table added
 * later is covered without editing this), each table's rows as sorted text: a refused call must
 * leave all of it as it was. `except` names tables (as schema.table) a caller expects to change.
 */
export async function snapshotAll(db: Db, except: string[] = []): Promise<Record<string, string[]>> {
  const tables = await db.execute<{ name: string }>(sql`
    select format('%I.%I', table_schema, table_name) as name
    from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1`);
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = await db.execute<{ rows: string[] }>(
      sql.raw(`select coalesce(array_agg(t::text order by t::text), '{}') as rows from ${name} t`),
    );
    out[name] = row?.rows ?? [];
  }
  return out;
}
